"""The JSON API (fwguide/export.py), as written and as published by a build, and the example
API consumer that reads it."""
from __future__ import annotations

import copy
import html
import json
import re
import subprocess
import sys

import jsonschema
import pytest

from fwguide import export
from fwguide.loader import load_guide
from support import FIXTURE, ROOT, TODAY


@pytest.fixture(scope="module")
def guide():
    return load_guide(FIXTURE, today=TODAY)


@pytest.fixture(scope="module")
def real_guide():
    return load_guide()


# ------------------------------------------------------------------ export

def test_export_matches_its_schema(guide, real_guide):
    for g in (guide, real_guide):
        assert export.schema_problems(export.export(g)) == []
    jsonschema.Draft202012Validator.check_schema(export.api_schema())


def test_export_carries_everything_the_pages_show(guide):
    doc = export.export(guide)
    assert doc["schema_version"] == 2 and doc["source_file"] == "data/frameworks.yaml"
    assert [f["id"] for f in doc["frameworks"]] == [fw.id for fw in guide.frameworks]
    assert [f["id"] for f in doc["features"]] == [f.id for f in guide.features]
    assert len(doc["decision"]["nodes"]) == len(guide.nodes) and doc["decision"]["start"] == guide.start
    for fw, out in zip(guide.frameworks, doc["frameworks"]):
        assert list(out["support"]) == [f.id for f in guide.features]
        for feature_id, cell in fw.support.items():
            assert out["support"][feature_id]["level"] == cell.level
            assert out["support"][feature_id].get("package") == cell.package
            assert out["support"][feature_id]["note"] == cell.note
        for cid, rated in fw.considerations.items():
            assert out["considerations"][cid]["rating"] == rated.rating
            assert out["considerations"][cid]["label"] == guide.rating_label(rated.rating)
        assert out["python_versions"] == list(fw.python_versions) and out["reviewed"] == fw.reviewed
        assert out["symbol"] == fw.symbol
        assert out["release_policy"] == {"lts": fw.release_policy.lts, "text": fw.release_policy.text,
                                         "sources": list(fw.release_policy.sources)}
        assert [(r["line"], r["latest"], r["status"], r.get("security_end")) for r in out["release_lines"]] == [
            (r.line, r.latest, r.status, r.security_end) for r in fw.release_lines]
        assert [r.get("python_versions", []) for r in out["release_lines"]] == [
            list(r.python_versions) for r in fw.release_lines]
    for node, out in zip(guide.nodes.values(), doc["decision"]["nodes"]):
        if node.is_outcome:
            assert (out["title"], out["why_not"], out["read_next"]) == (node.title, node.why_not, list(node.read_next))
            assert (out["architecture"], out["add"], out["reconsider"]) == (
                list(node.architecture), list(node.add), list(node.reconsider))
        else:
            assert [a.get("weights", {}) for a in out["answers"]] == [a.weights for a in node.answers]
    assert [(s["id"], s["answers"], s["expect"]) for s in doc["scenarios"]] == [
        (s.id, list(s.answers), s.expect) for s in guide.scenarios]


def test_export_is_reproducible_and_dated_by_the_data_not_the_clock(guide):
    first, second = export.files(guide), export.files(guide)
    assert first == second
    assert export.export(guide)["data_reviewed"] == max(fw.reviewed for fw in guide.frameworks)
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", first[export.DATA_NAME]))
    data_dates = {fw.reviewed for fw in guide.frameworks} | {fw.released for fw in guide.frameworks}
    data_dates |= {getattr(line, key) for fw in guide.frameworks for line in fw.release_lines
                   for key in ("released", "mainstream_end", "security_end")}
    assert dates <= data_dates


@pytest.mark.parametrize("breakage, fragment", [
    (lambda d: d.update(extra=1), "Additional properties"),
    (lambda d: d["frameworks"][0].update(stars=5), "Additional properties"),
    (lambda d: d["frameworks"][0]["support"]["orm"].update(level="builtin"), "is not one of"),
    (lambda d: d.pop("data_reviewed"), "'data_reviewed' is a required property"),
    (lambda d: d.update(schema_version=1), "2 was expected"),
    (lambda d: d["frameworks"][0]["release_lines"][0].update(status="maybe"), "is not one of"),
    (lambda d: d["frameworks"][0]["release_lines"][0].update(security_end="soon"), "does not match"),
    (lambda d: d["frameworks"][0]["release_policy"].pop("sources"), "'sources' is a required property"),
    (lambda d: d["decision"]["nodes"][2].pop("why_not"), "decision/nodes/2: "),
    (lambda d: d["decision"]["nodes"][0].pop("answers"), "is not valid under any of the given schemas"),
])
def test_api_schema_is_closed_and_strict(guide, breakage, fragment):
    doc = copy.deepcopy(export.export(guide))
    breakage(doc)
    problems = export.schema_problems(doc)
    assert any(fragment in p for p in problems), problems


def test_a_broken_export_is_never_written(guide, monkeypatch, tmp_path):
    monkeypatch.setattr(export, "export", lambda g: {"schema_version": 1})
    with pytest.raises(ValueError, match="does not match data/api.schema.json"):
        export.write_files(guide, tmp_path)
    assert not list(tmp_path.iterdir())


def test_files_are_written_only_when_their_content_changes(guide, tmp_path):
    assert len(export.write_files(guide, tmp_path)) == 2
    path = tmp_path / export.DATA_NAME
    stamp = path.stat().st_mtime_ns
    assert export.write_files(guide, tmp_path) == []   # so `mkdocs serve` does not rebuild in a loop
    assert path.stat().st_mtime_ns == stamp
    path.write_text("{}", encoding="utf-8")
    assert export.write_files(guide, tmp_path) == [path]
    assert json.loads(path.read_text(encoding="utf-8")) == export.export(guide)


def test_generated_api_files_are_ignored_by_git():
    assert "/docs/api/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


# ------------------------------------------------------- the built site

def _page(site_dir, name: str) -> str:
    return html.unescape((site_dir / name / "index.html").read_text(encoding="utf-8"))


@pytest.mark.build
def test_published_json_matches_its_published_schema_and_the_data(built_site, real_guide):
    published = json.loads((built_site / "api" / "frameworks.json").read_text(encoding="utf-8"))
    published_schema = json.loads((built_site / "api" / "frameworks.schema.json").read_text(encoding="utf-8"))
    assert published_schema == export.api_schema()
    jsonschema.Draft202012Validator(published_schema).validate(published)
    assert published == export.export(real_guide)


@pytest.mark.build
def test_published_json_matches_the_html_tables(built_site):
    data = json.loads((built_site / "api" / "frameworks.json").read_text(encoding="utf-8"))
    names = [fw["name"] for fw in data["frameworks"]]
    comparison = _page(built_site, "comparison")
    rows = dict(re.findall(r'<tr id="feature--([a-z0-9-]+)">(.*?)</tr>', comparison, re.S))
    assert list(rows) == [f["id"] for f in data["features"]]
    for feature in data["features"]:
        row = rows[feature["id"]]
        assert feature["name"] in row
        levels = re.findall(r'<td data-level="([^"]+)">', row)
        assert levels == [fw["support"][feature["id"]]["level"] for fw in data["frameworks"]], feature["id"]
        for fw in data["frameworks"]:
            cell = fw["support"][feature["id"]]
            assert cell["note"] in row and (cell.get("package") or "") in row
    for table in re.findall(r"<table>.*?</table>", comparison, re.S):
        if "Legend" not in table:
            assert re.findall(r'<th scope="col">([^<]+)</th>', table)[1:] == names
    considerations = _page(built_site, "considerations")
    rows = dict(re.findall(r'<tr id="consideration--([a-z0-9-]+)">(.*?)</tr>', considerations, re.S))
    assert set(rows) == {c["id"] for c in data["considerations"]}
    for cid, row in rows.items():
        if "from_answers" in next(c for c in data["considerations"] if c["id"] == cid):
            assert "Rated from your answers" in row and 'data-rating="' not in row
            continue
        ratings = [int(r) for r in re.findall(r'<td data-rating="(\d+)">', row)]
        assert ratings == [fw["considerations"][cid]["rating"] for fw in data["frameworks"]], cid
        for fw in data["frameworks"]:
            assert fw["considerations"][cid]["label"] in row
    for fw in data["frameworks"]:
        page = _page(built_site, f"frameworks/{fw['id']}")
        assert fw["latest_version"] in page and ", ".join(fw["python_versions"]) in page


@pytest.mark.build
def test_data_api_page_links_the_published_files_and_shows_the_example(built_site):
    page = _page(built_site, "data-api")
    for name in ("frameworks.json", "frameworks.schema.json"):
        assert f'href="../api/{name}"' in page and (built_site / "api" / name).is_file()
    assert "def support_table" in re.sub(r"<[^>]+>", "", page)


@pytest.mark.build
def test_example_consumer_reads_the_built_json(built_site):
    data = json.loads((built_site / "api" / "frameworks.json").read_text(encoding="utf-8"))
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "api" / "consume.py"),
                             str(built_site / "api" / "frameworks.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Data reviewed {data['data_reviewed']}"
    assert len(lines) == 1 + len(data["features"])
    labels = {lv["id"]: lv["label"] for lv in data["support_levels"]}
    first = data["features"][0]
    assert lines[1] == f"{first['name']} | " + " | ".join(
        f"{fw['name']}: {labels[fw['support'][first['id']]['level']]}" for fw in data["frameworks"])


def test_example_consumer_refuses_an_unknown_schema_version(tmp_path):
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"schema_version": 3}), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "api" / "consume.py"), str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "unsupported schema_version 3" in result.stderr
