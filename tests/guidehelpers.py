"""Shared test helpers: the valid fixture, mutations of it, and a project copy for builds."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fwguide.validate import validate

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid.yaml"
TODAY = dt.date(2026, 11, 29)
PROJECT_PARTS = ["docs", "data", "includes", "overrides", "fwguide", "examples", "tests", "macros.py", "mkdocs.yml"]


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def problems_of(text: str | bytes) -> list:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return validate(raw, today=TODAY)[1]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"fixture does not contain {old!r}"
    return text.replace(old, new, 1)


def line_no(text: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not found")


def assert_problem(problems, line: int, *fragments: str) -> None:
    for p in problems:
        if p.line == line and all(f in p.message for f in fragments):
            return
    listing = "\n".join(f"  {p.line}: {p.message}" for p in problems)
    raise AssertionError(f"no problem on line {line} with {fragments}; got:\n{listing}")


def load_data(text: str) -> dict:
    return yaml.safe_load(text)


def copy_project(base: Path) -> Path:
    """Copy the site's sources to base/project, where a test may change anything."""
    dest = base / "project"
    dest.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", "site"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources in which a test may change anything."""
    return copy_project(tmp_path)


def mkdocs(project: Path, *args: str, env: dict | None = None, timeout: int = 180):
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    full_env.pop("FWGUIDE_DATA", None) if not (env and "FWGUIDE_DATA" in env) else None
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=full_env,
                          capture_output=True, text=True, timeout=timeout)
