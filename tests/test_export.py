"""The JSON API (fwguide.export), the provenance footer under generated tables, the
contributing page's generated tables, and the example API consumer."""
from __future__ import annotations

import copy
import html
import json
import re
import subprocess
import sys

import jsonschema
import pytest
import yaml

from fwguide import export, provenance, site
from fwguide.validate import RULES, load_guide, schema
from guidehelpers import FIXTURE, ROOT, TODAY


@pytest.fixture(scope="module")
def guide():
    return load_guide(FIXTURE, today=TODAY)


@pytest.fixture(scope="module")
def real_guide():
    return load_guide()


def mkdocs_config() -> dict:
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)


# ------------------------------------------------------------------ export

def test_export_matches_its_schema(guide, real_guide):
    for g in (guide, real_guide):
        assert export.schema_problems(export.export(g)) == []
    jsonschema.Draft202012Validator.check_schema(export.api_schema())


def test_export_carries_everything_the_pages_show(guide):
    doc = export.export(guide)
    assert doc["schema_version"] == 1 and doc["source_file"] == "data/frameworks.yaml"
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


def test_export_is_reproducible_and_dated_by_the_data_not_the_clock(guide):
    first, second = export.files(guide), export.files(guide)
    assert first == second
    assert export.export(guide)["data_reviewed"] == max(fw.reviewed for fw in guide.frameworks)
    dates = set(re.findall(r"\d{4}-\d{2}-\d{2}", first[export.DATA_NAME]))
    data_dates = {fw.reviewed for fw in guide.frameworks} | {fw.released for fw in guide.frameworks}
    assert dates <= data_dates


@pytest.mark.parametrize("breakage, fragment", [
    (lambda d: d.update(extra=1), "Additional properties"),
    (lambda d: d["frameworks"][0].update(stars=5), "Additional properties"),
    (lambda d: d["frameworks"][0]["support"]["orm"].update(level="builtin"), "is not one of"),
    (lambda d: d.pop("data_reviewed"), "'data_reviewed' is a required property"),
    (lambda d: d.update(schema_version=2), "1 was expected"),
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


# -------------------------------------------------------------- provenance

REPO = provenance.Repository("https://github.com/example-org/guide", "main", "data/frameworks.yaml")


def test_footer_names_the_file_links_to_edit_it_and_dates_the_review(guide):
    out = provenance.footer(guide, REPO)
    assert out == ('<p class="fwg-provenance">Generated from <code>data/frameworks.yaml</code> · '
                   '<a href="https://github.com/example-org/guide/edit/main/data/frameworks.yaml">edit this data</a>'
                   ' · reviewed <time datetime="2026-11-01">2026-11-01</time></p>')


def test_footer_lists_each_date_when_reviews_differ_and_one_for_a_framework_page(guide):
    import dataclasses
    older = dataclasses.replace(guide.frameworks[1], reviewed="2026-10-01")
    mixed = dataclasses.replace(guide, frameworks=(guide.frameworks[0], older))
    assert 'reviewed Alpha <time datetime="2026-11-01">2026-11-01</time>, Beta <time datetime="2026-10-01">' \
           in provenance.footer(mixed, REPO)
    assert 'reviewed <time datetime="2026-10-01">' in provenance.footer(mixed, REPO, older.id)


def test_footer_escapes_configured_values(guide):
    repo = provenance.Repository('https://github.com/o/r"><script>', 'main', 'data/<b>.yaml')
    out = provenance.footer(guide, repo)
    assert "<script>" not in out and "<b>" not in out and "&lt;b&gt;" in out
    assert 'href="https://github.com/o/r&quot;&gt;&lt;script&gt;/edit/main/data/%3Cb%3E.yaml"' in out


@pytest.mark.parametrize("config, url", [
    ({"extra": {"repository": {"url": "https://github.com/o/r/", "branch": "dev", "data_file": "d.yaml"}}},
     "https://github.com/o/r/edit/dev/d.yaml"),
    ({"extra": {"repository": {"url": "https://github.com/o/r"}}}, "https://github.com/o/r/edit/main/data/frameworks.yaml"),
    ({"extra": {"repository": {"url": "javascript:alert(1)"}}}, None),
    ({"extra": {}}, None),
    ({}, None),
])
def test_repository_comes_from_the_config(config, url):
    assert provenance.Repository.from_config(config).edit_url() == url


def test_mkdocs_config_sets_the_repository_once_and_not_repo_url():
    config = mkdocs_config()
    repo = config["extra"]["repository"]
    assert repo["url"].startswith("https://") and repo["branch"] == "main"
    assert repo["data_file"] == "data/frameworks.yaml" and (ROOT / repo["data_file"]).is_file()
    assert "repo_url" not in config and "edit_uri" not in config   # Material would call the GitHub API


def test_every_data_table_macro_gets_the_footer_and_others_do_not(guide):
    def table(g, *args):
        return "<div><table></table></div>"

    def prose(g, *args):
        return "<p>x</p>"
    footed = site._with_footer("any_table", site._bind(table, guide), guide, REPO)
    assert footed().endswith(provenance.footer(guide, REPO))
    assert footed("beta").endswith(provenance.footer(guide, REPO, "beta"))
    assert site._with_footer("prose", site._bind(prose, guide), guide, REPO)() == "<p>x</p>"
    rules = site._with_footer("validation_rules", site._bind(provenance.render_rules, guide), guide, REPO)
    assert "fwg-provenance" not in rules()
    tree = site._with_footer("decision_tree_text", site._bind(prose, guide), guide, REPO)
    assert "fwg-provenance" in tree()


# ------------------------------------------------------ contributing tables

def test_rules_table_is_generated_from_validate_rules(monkeypatch):
    out = provenance.render_rules()
    for name, text in RULES:
        assert f"<code>{name}</code>" in out and html.escape(text, quote=True) in out
    monkeypatch.setattr("fwguide.validate.RULES", RULES + [("new-rule", "A <new> rule.")])
    assert "<code>new-rule</code></th><td>A &lt;new&gt; rule.</td>" in provenance.render_rules()


def test_schema_keys_table_is_generated_from_the_schema():
    out = provenance.render_schema_keys()
    for key, prop in schema()["properties"].items():
        if not key.startswith("$"):
            assert f"<code>{key}</code>" in out
            if prop.get("description"):
                assert html.escape(prop["description"], quote=True) in out
    assert "list of mappings with keys id, label, description" in out


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
    rows = dict(re.findall(r'<tr id="feature-([a-z0-9-]+)">(.*?)</tr>', comparison, re.S))
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
    rows = dict(re.findall(r'<tr id="consideration-([a-z0-9-]+)">(.*?)</tr>', considerations, re.S))
    assert set(rows) == {c["id"] for c in data["considerations"]}
    for cid, row in rows.items():
        ratings = [int(r) for r in re.findall(r'<td data-rating="(\d+)">', row)]
        assert ratings == [fw["considerations"][cid]["rating"] for fw in data["frameworks"]], cid
        for fw in data["frameworks"]:
            assert fw["considerations"][cid]["label"] in row
    for fw in data["frameworks"]:
        page = _page(built_site, f"frameworks/{fw['id']}")
        assert fw["latest_version"] in page and ", ".join(fw["python_versions"]) in page


@pytest.mark.build
def test_every_generated_data_table_says_where_it_comes_from(built_site):
    config = mkdocs_config()
    edit = provenance.Repository.from_config(config).edit_url()
    footer_count = 0
    for path in built_site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        article = text.split("<article", 1)[-1].split("</article>", 1)[0]
        for block in re.findall(r'<div class="fwg-table [^"]*">.*?</table>\s*</div>', article, re.S):
            if "fwg-rules" in block or "fwg-schema-keys" in block:
                continue
            footer_count += 1
        footers = re.findall(r'<p class="fwg-provenance">(.*?)</p>', article, re.S)
        if re.search(r'<div class="fwg-table (?!fwg-rules|fwg-schema-keys)', article):
            assert footers, f"{path}: a data table without a provenance footer"
        for footer in footers:
            assert "Generated from <code>data/frameworks.yaml</code>" in footer
            assert f'<a href="{edit}">edit this data</a>' in footer
            assert re.search(r'reviewed (.* )?<time datetime="\d{4}-\d{2}-\d{2}">', footer)
    assert footer_count >= 5
    contributing = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "fwg-provenance" not in contributing


@pytest.mark.build
def test_contributing_page_lists_every_rule_and_schema_key(built_site):
    page = _page(built_site, "contributing")
    for name, text in RULES:
        assert name in page and text in page
    for key in schema()["properties"]:
        if not key.startswith("$"):
            assert f"<code>{key}</code>" in page
    for command in ("make check", "make test", "make serve"):
        assert command in page


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
    path.write_text(json.dumps({"schema_version": 2}), encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "examples" / "api" / "consume.py"), str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "unsupported schema_version 2" in result.stderr
