"""Full strict builds of a copy of the site: the pages carry the YAML's values,
a change in the YAML changes the page, and bad data stops the build cleanly."""
from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fwguide.loader import load_guide
from fwguide.paths import DATA_REL

from support import ROOT, free_port, http_get, strict_build, wait_for

pytestmark = pytest.mark.build
DATA = Path(DATA_REL)


def build(project: Path):
    return strict_build(project)


def page(site: Path, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


def edit_data(project: Path, old: str, new: str) -> None:
    """Replace the first match of `old` (a regex) in the project's data file."""
    path = project / DATA
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(old, lambda _: new, text, count=1)
    assert count == 1, old
    path.write_text(changed, encoding="utf-8")


LEVEL_BUILT_IN = r'level: "?built-in"?'
SCHEMA_VERSION = r"schema_version: 1"
BANNER = "The data or the pages have problems"


@pytest.fixture(scope="module")
def built(built_site):
    return built_site, yaml.safe_load((ROOT / DATA).read_text(encoding="utf-8"))


def test_matrix_page_carries_every_framework_feature_and_level(built):
    site, data = built
    text = page(site, "comparison")
    for fw in data["frameworks"]:
        assert f'<th scope="col">{fw["name"]}</th>' in text
    for feature in data["features"]:
        assert feature["name"] in text
    for fw in data["frameworks"]:
        for feature_id, cell in fw["support"].items():
            assert cell["note"] in text and cell["source"] in text


def test_each_generated_table_appears_on_one_page_and_topic_pages_show_their_rows(built):
    """One table, one place: apart from the full matrix on Comparison, no generated table (known by
    its caption) is on two pages, and a topic page's feature table holds only the rows it names."""
    from support import page_paths
    site, data = built
    where: dict[str, list[str]] = {}
    for path in [p for p in page_paths(site) if p != "comparison/"]:
        text = page(site, path) if path else html.unescape((site / "index.html").read_text(encoding="utf-8"))
        block = re.findall(r'<div class="fwg-table[^"]*">.*?<caption>(.*?)</caption>', text, re.S)
        for caption in block:
            where.setdefault(re.sub(r"<[^>]+>", "", caption), []).append(path)
    twice = {caption: pages for caption, pages in where.items() if len(pages) > 1}
    assert not twice, twice
    rows = re.findall(r'<tr id="feature--([a-z0-9-]+)">', page(site, "ai/websockets"))
    assert rows == ["websockets"]
    rows = re.findall(r'<tr id="feature--([a-z0-9-]+)">', page(site, "ai/streaming"))
    assert rows == ["streaming-responses", "server-sent-events"]


def test_considerations_page_carries_every_rating(built):
    site, data = built
    text = page(site, "considerations")
    for fw in data["frameworks"]:
        for rated in fw["considerations"].values():
            assert rated["reason"] in text


def test_flowchart_draws_every_path_and_links_every_result(built):
    site, data = built
    text = page(site, "decision")
    boxes = re.findall(r'<a class="fwg-flow__out" data-flow-path="[\d.]+" data-framework="[\w-]+" href="#([\w-]+)">', text)
    assert len(boxes) == len(load_guide().paths())
    outcomes = {n["id"] for n in data["decision"]["nodes"] if "recommend" in n}
    assert {b.removeprefix("outcome--") for b in boxes} == outcomes
    for outcome in outcomes:
        assert f'<section class="fwg-outcome" id="outcome--{outcome}"' in text
    for node in data["decision"]["nodes"]:
        if "question" in node:
            assert node["question"] in text


def test_no_diagram_library_is_shipped_or_loaded(built):
    site, _ = built
    assert not (site / "assets" / "vendor").exists()
    for script in (ROOT / "docs/assets/javascripts").glob("*.js"):  # the site's own scripts name no CDN
        text = script.read_text()
        assert "unpkg.com" not in text and "jsdelivr" not in text and "mermaid" not in text.lower(), script


def test_framework_pages_show_review_date(built):
    site, data = built
    for fw in data["frameworks"]:
        target = site / "frameworks" / fw["id"] / "index.html"
        assert fw["reviewed"] in target.read_text(encoding="utf-8"), target


def test_changing_a_value_in_the_yaml_changes_the_page(project_copy):
    data = yaml.safe_load((project_copy / DATA).read_text())
    note = data["frameworks"][0]["support"][data["features"][0]["id"]]["note"]
    edit_data(project_copy, re.escape(note), "A freshly edited note, {{ 7*7 }} | <b>not bold</b>")
    result, site = build(project_copy)
    assert result.returncode == 0, result.stderr
    raw = (site / "comparison" / "index.html").read_text(encoding="utf-8")
    assert "A freshly edited note, {{ 7*7 }} | &lt;b&gt;not bold&lt;/b&gt;" in raw
    assert "A freshly edited note, 49" not in raw  # Jinja in data is shown, never run


def test_bad_data_stops_the_build_with_file_line_messages(project_copy):
    edit_data(project_copy, LEVEL_BUILT_IN, "level: sort-of-built-in")
    edit_data(project_copy, "schema_version: 1", "schema_version: 1\nschema_version: 1")
    result, _ = build(project_copy)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("data/frameworks.yaml:")]
    assert any("duplicate key 'schema_version'" in ln for ln in lines), result.stderr
    assert any("sort-of-built-in" in ln for ln in lines), result.stderr
    assert all(re.match(r"data/frameworks\.yaml:\d+: ", ln) for ln in lines)


def test_make_check_reports_and_exits_non_zero(project_copy):
    edit_data(project_copy, "schema_version: 1", "schema_version: 1\nmystery: true")
    result = subprocess.run([sys.executable, "-m", "fwguide", "check"], cwd=project_copy,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"^data/frameworks\.yaml:\d+: top level: unknown key 'mystery'", result.stderr, re.M)
    assert "Traceback" not in result.stderr


def test_serve_reports_bad_data_keeps_running_and_recovers(project_copy, tmp_path):
    port = free_port()
    log_path = tmp_path / "serve.log"
    data = yaml.safe_load((project_copy / DATA).read_text())
    note = data["frameworks"][0]["support"][data["features"][0]["id"]]["note"]
    with open(log_path, "w") as log:
        server = subprocess.Popen([str(Path(sys.executable).parent / "mkdocs"), "serve", "--dev-addr",
                                   f"127.0.0.1:{port}"], cwd=project_copy, stdout=log,
                                  stderr=subprocess.STDOUT, env={**__import__("os").environ,
                                                                 "NO_MKDOCS_2_WARNING": "1"})
    try:
        base = f"http://127.0.0.1:{port}/"
        url = base + "comparison/"
        wait_for(lambda: note in html.unescape(http_get(url)))
        original = (project_copy / DATA).read_text()
        edit_data(project_copy, LEVEL_BUILT_IN, "level: nonsense")
        problem = wait_for(lambda: re.search(r"^data/frameworks\.yaml:\d+: .*nonsense.*$", log_path.read_text(),
                                             re.M)).group(0)
        assert len(problem) > 120   # a long line, shown whole (the page wraps it, never cuts it)
        for path in ("comparison/", "glossary/"):   # with and without macro calls: the list, once
            body = html.unescape(wait_for(lambda: (lambda t: t if BANNER in t else None)(http_get(base + path))))
            assert body.count(BANNER) == 1 and problem in body and note not in body
        assert server.poll() is None
        (project_copy / DATA).write_text(original)
        wait_for(lambda: note in html.unescape(http_get(url)) and BANNER not in http_get(url))
        assert "Traceback" not in log_path.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
