"""Fixtures shared by every test folder."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidehelpers import PROJECT_PARTS, ROOT, mkdocs, project_copy  # noqa: F401  (fixture)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of a copy of the project, shared by every test that reads the output."""
    project = tmp_path_factory.mktemp("built") / "project"
    project.mkdir()
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, project / part, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        elif src.exists():
            shutil.copy2(src, project / part)
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    return project / "site"
