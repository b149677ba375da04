"""The site also builds with Zensical, the successor of Material for MkDocs (which reaches its end
of life on 2027-05-05), from the same sources: a pinned Zensical in an environment of its own
(`.venv-zensical`, from `requirements/zensical.txt`) builds a copy of the project, and the result is
compared with the MkDocs build: the same pages, the same article text and tables, the JSON API, and
a search box that finds pages.  Data errors stop the Zensical route with the same file:line list."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT, copy_project

pytestmark = pytest.mark.build
VENV = ROOT / ".venv-zensical"
PINS = ROOT / "requirements" / "zensical.txt"


def _install() -> Path:
    """The Zensical environment, created or updated when its pins changed (about 20 s the first time).
    $ZENSICAL_PROGRAM names another zensical instead (the CI job that tries the newest release)."""
    if os.environ.get("ZENSICAL_PROGRAM"):
        return Path(os.environ["ZENSICAL_PROGRAM"])
    stamp = VENV / ".installed"
    digest = hashlib.sha256(PINS.read_bytes()).hexdigest()
    if not (stamp.is_file() and stamp.read_text() == digest):
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--require-hashes", "-r", str(PINS)], check=True, timeout=900)
        stamp.write_text(digest)
    return VENV / "bin" / "zensical"


def zensical_build(project: Path):
    """The Zensical route of `make build BUILDER=zensical`: check, publish the JSON API, build."""
    return subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "--builder", "zensical",
                           "--zensical", str(_install())], cwd=project, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    result = zensical_build(project)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return project / "site"


class Article(HTMLParser):
    """The text of a page's <article> (permalink anchors, scripts and templates left out) and its tables."""

    BREAKS = {"p", "li", "tr", "h1", "h2", "h3", "h4", "pre", "div", "br", "td", "th", "dt", "dd", "summary",
              "figcaption", "caption", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skipping, self.text, self.tables, self.cell = 0, [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.depth += tag == "article"
        if not self.depth:
            return
        if tag in ("script", "style", "template") or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skipping.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []
        if tag in self.BREAKS:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.skipping and tag == self.skipping[-1]:
            self.skipping.pop()
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        self.depth -= tag == "article"

    def handle_data(self, data):
        if self.depth and not self.skipping:
            self.text.append(data)
            if self.cell is not None:
                self.cell.append(data)


def article(path: Path) -> tuple[list[str], list]:
    parser = Article()
    parser.feed(path.read_text(encoding="utf-8"))
    lines = [" ".join(line.split()) for line in "".join(parser.text).split("\n")]
    return [line for line in lines if line], parser.tables


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))


def test_zensical_builds_the_same_pages_text_and_tables(zensical_site, built_site):
    assert pages(zensical_site) == pages(built_site)
    for page in pages(built_site):
        ours, theirs = article(built_site / page), article(zensical_site / page)
        assert theirs[0] == ours[0], f"{page}: article text differs"
        assert theirs[1] == ours[1], f"{page}: tables differ"


def test_zensical_publishes_the_json_api_on_the_first_build(zensical_site, built_site):
    for name in ("frameworks.json", "frameworks.schema.json"):
        assert (zensical_site / "api" / name).read_bytes() == (built_site / "api" / name).read_bytes()


def test_zensical_route_stops_on_bad_data_with_the_file_line_list(tmp_path):
    project = copy_project(tmp_path)
    data = project / "data" / "frameworks.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace('level: "built-in"', 'level: "builtin"', 1),
                    encoding="utf-8")
    result = zensical_build(project)
    assert result.returncode == 1
    assert re.search(r"^data/frameworks\.yaml:\d+: .*\"builtin\" is not one of", result.stderr, re.M), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
