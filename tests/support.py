"""Shared helpers for the tests and for ``bench/``: the valid fixture and mutations of it, a
copy of the project to build, strict builds, a static server for a built site, free ports and
polling.  (``bench/run.py`` imports this module too, so there is one copy of each helper.)"""
from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import http.server
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from fwguide import model
from fwguide.loader import validate
from fwguide.paths import DATA_REL, ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "valid.yaml"
MEASURED_FIXTURE = ROOT / "tests" / "fixtures" / "measurements.yaml"
TODAY = dt.date(2026, 12, 5)   # the day of the last data review: real-data tests check against it
PROJECT_PARTS = ["docs", "data", "includes", "overrides", "fwguide", "examples", "tests", "macros.py", "mkdocs.yml",
                 "requirements"]
DATA = Path(DATA_REL)

# ------------------------------------------------------------------ the fixture


def schema_objects(node):
    """Every object schema with `properties` inside a JSON Schema document (to check each is closed)."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            yield node
        for value in node.values():
            yield from schema_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_objects(value)


def fixture_text() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def fixture_pins(path: Path = MEASURED_FIXTURE) -> dict[str, str]:
    """The pins a results file was measured at (its own `packages`), so that the fixture does not go
    stale when requirements/examples.txt changes."""
    from fwguide.measured import normalise
    return {normalise(k): v for k, v in yaml.safe_load(path.read_text(encoding="utf-8"))["packages"].items()}


def fixture_measured():
    """tests/fixtures/measurements.yaml, checked and typed (as of TODAY, at its own pins)."""
    from fwguide.measured import load_measured
    return load_measured(MEASURED_FIXTURE, today=TODAY, pins=fixture_pins())


def fixture_guide() -> model.Guide:
    """The fixture data with the fixture measurements attached (as the site attaches the real ones)."""
    return dataclasses.replace(model.build(yaml.safe_load(fixture_text())), measured=fixture_measured())


def problems_of(text: str | bytes) -> list:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return validate(raw, today=TODAY)[1]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"fixture does not contain {old!r}"
    return text.replace(old, new, 1)


def broken(old: str, new: str) -> tuple[str, list]:
    """The fixture with one change, and the problems the validator finds in it."""
    text = replace_once(fixture_text(), old, new)
    return text, problems_of(text)


def line_no(text: str, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle."""
    found = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    if len(found) < nth:
        raise AssertionError(f"{needle!r} not found {nth} time(s)")
    return found[nth - 1]


def assert_problem(problems, line: int, *fragments: str, rule: str | None = None) -> None:
    """One problem on ``line`` whose message holds every fragment (and, if given, found by ``rule``)."""
    for p in problems:
        if p.line == line and all(f in p.message for f in fragments) and (rule is None or p.rule == rule):
            return
    listing = "\n".join(f"  {p.line}: {p.message} [{p.rule}]" for p in problems)
    raise AssertionError(f"no problem on line {line} with {fragments} (rule {rule}); got:\n{listing}")


# ------------------------------------------------------------ project and builds


GENERATED = [ROOT / "docs" / "api"]   # git-ignored output of `python -m fwguide.export`


def _ignore(directory: str, names: list[str]) -> set[str]:
    skipped = shutil.ignore_patterns("__pycache__", ".hypothesis", "site")(directory, names)
    return skipped | {name for name in names if Path(directory, name) in GENERATED}


def copy_project(base: Path, root: Path = ROOT) -> Path:
    """Copy the site's sources (as a fresh clone has them: nothing generated) to base/project,
    where a test may change anything."""
    dest = base / "project"
    dest.mkdir()
    for part in PROJECT_PARTS:
        src = root / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=_ignore)
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the site's sources in which a test may change anything."""
    return copy_project(tmp_path)


def mkdocs(project: Path, *args: str, env: dict | None = None, timeout: int = 180):
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if not (env and "FWGUIDE_DATA" in env):
        full_env.pop("FWGUIDE_DATA", None)
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=project, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


def strict_build(project: Path, site: Path | None = None, env: dict | None = None):
    """``mkdocs build --strict`` of a project copy; returns (result, site folder)."""
    site = site or project / "site"
    return mkdocs(project, "build", "--strict", "--site-dir", str(site), env=env), site


def page_paths(site: Path) -> list[str]:
    """Every built page as a URL path relative to the site root ('' is the home page), 404 excluded."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return paths


# --------------------------------------------------------------- servers and ports


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port) for the duration; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def http_get(url: str, timeout: float = 5) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def wait_for(predicate, timeout: float = 60.0, interval: float = 0.3):
    """Poll until predicate() returns something true (connection errors count as not yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(interval)
    raise AssertionError("timed out")


# ---------------------------------------------------------------- reading HTML

class Tables(HTMLParser):
    """Collects every table as rows of (tag, text) cells, plus captions.  A cell's card label (its
    column's name, repeated for the narrow-screen layout) is not part of its text."""

    def __init__(self):
        super().__init__()
        self.tables, self.captions, self._cell, self._in_caption = [], [], None, False
        self._skip = 0   # depth inside a card label

    def handle_starttag(self, tag, attrs):
        if self._skip or ("class", "fwg-card-label") in attrs:
            self._skip += 1
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = [tag, ""]
        elif tag == "caption":
            self._in_caption = True
            self.captions.append("")

    def handle_endtag(self, tag):
        if self._skip:
            self._skip -= 1
        elif tag in ("td", "th") and self._cell:
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._skip:
            return
        if self._cell is not None:
            self._cell[1] += data
        elif self._in_caption:
            self.captions[-1] += data


def parse_tables(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


def embedded_json(html: str, index: int = 0):
    """The JSON of the index-th <template data-fwg-json> in a rendered shell."""
    found = re.findall(r'<template data-fwg-json><script type="application/json" id="[\w-]+">(.*?)</script></template>', html)
    assert len(found) > index, "no embedded JSON"
    return json.loads(found[index])


def assert_markdown_safe(html: str) -> None:
    """One raw HTML block: no blank line and every line starts with a tag, so data never starts a line."""
    assert "\n\n" not in html
    for line in html.split("\n"):
        assert line.startswith("<"), line


HOSTILE = ('<script>alert(1)</script> | pipe `tick` [link](javascript:x) {{ 7*7 }} {% if %} '
           '"quote" A-->B %%{init: {}}%% click n_x call x() \u202eevil\u200b \n\n## heading')


def hostile_guide() -> model.Guide:
    """The fixture with hostile text in names, questions and labels."""
    data = yaml.safe_load(fixture_text())
    data["frameworks"][0]["name"] = HOSTILE
    data["features"][0]["name"] = HOSTILE
    data["considerations"][0]["name"] = HOSTILE
    data["decision"]["nodes"][0]["question"] = HOSTILE
    data["decision"]["nodes"][0]["answers"][0]["label"] = HOSTILE
    return dataclasses.replace(model.build(data), measured=fixture_measured())
