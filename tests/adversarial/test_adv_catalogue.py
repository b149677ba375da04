"""Every catalogue case through the path `make build` uses: `validate` for all of them, a real
strict `mkdocs build` for one representative per group, and, for hostile text, a strict build
per attack family asserting the text is shown escaped and nothing runs."""
from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from adversarial import advhelpers as adv
from adversarial.catalogue import CASES, FAMILIES, GROUPS, Case
from fwguide import model
from fwguide.render import decision
from fwguide.escape import html_text
from support import fixture_text

ERROR_CASES = [c for c in CASES if c.errors]
SAFE_CASES = [c for c in CASES if c.safe and c.family is None]
PAGE_CASES = [c for c in CASES if c.pages]


def _file_lines(text: str | bytes) -> int:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return raw.count(b"\n") + 1


def test_catalogue_size_and_groups():
    sizes = Counter(c.group for c in CASES)
    assert set(sizes) == set(GROUPS), sizes
    assert len(CASES) >= 40, sizes
    assert len({c.name for c in CASES}) == len(CASES), "case names must be unique"
    for group in GROUPS:
        assert any(c.build for c in CASES if c.group == group), f"no build representative for {group}"


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda c: f"{c.group}-{c.name}")
def test_bad_input_is_reported_on_its_line(case: Case):
    text = case.text()
    data, problems = adv.strict_problems(text)
    assert problems, "the bad input was accepted"
    listing = "\n".join(f"  {p.line}: {p.message}" for p in problems)
    shown = text if isinstance(text, str) else text.decode("utf-8", "replace")
    for expect in case.errors:
        line = expect.line_in(shown)
        assert any(p.line == line and all(f in p.message for f in expect.fragments) for p in problems), \
            f"expected line {line} with {expect.fragments}; got:\n{listing}"
    last = _file_lines(text)
    for p in problems:
        assert 1 <= p.line <= last, f"line {p.line} outside the file (1..{last}): {p.message}"
        assert p.message.isprintable(), f"message is not one printable line: {p.message!r}"


@pytest.mark.parametrize("case", SAFE_CASES, ids=lambda c: f"{c.group}-{c.name}")
def test_odd_but_valid_input_renders(case: Case):
    data, problems = adv.strict_problems(case.text())
    assert problems == [], problems
    outputs = adv.render_all(model.build(data))
    assert outputs and all(isinstance(v, str) and v for v in outputs.values())
    for name, out in outputs.items():  # each macro's output alone; whole pages: test_adv_agreement.py
        assert adv.duplicate_ids(out) == [], name


@pytest.mark.parametrize("case", PAGE_CASES, ids=lambda c: f"{c.group}-{c.name}")
def test_a_page_naming_a_missing_id_fails_check_with_the_page_and_the_id(case: Case, tmp_path, capsys):
    """The data alone is valid; `python -m fwguide check FILE` reads the real pages and finds the
    page that still names the old id, on its line (the build runs the same check: test_adv_agreement)."""
    from fwguide.__main__ import main

    assert adv.strict_problems(case.text())[1] == []
    data_file = tmp_path / "frameworks.yaml"
    data_file.write_text(case.text(), encoding="utf-8")
    assert main(["check", str(data_file)]) == 1
    report = capsys.readouterr().err
    assert "Traceback" not in report
    for expect in case.pages:
        prefix = f"{expect.file}:{expect.line()}: "
        assert any(line.startswith(prefix) and all(f in line for f in expect.fragments)
                   for line in report.splitlines()), (prefix, expect.fragments, report)


def test_unquoted_date_is_kept_as_written():
    case = next(c for c in CASES if c.name == "unquoted-date-is-text")
    data, problems = adv.strict_problems(case.text())
    assert problems == [] and data["frameworks"][0]["released"] == "2026-01-15"


# ---------------------------------------------------------------- hostile text, renderers only

def _hostile_fixture(family: str) -> dict:
    import yaml
    return adv.inject(yaml.safe_load(fixture_text()), family)


def assert_safe_html(fragment: str, where: str) -> None:
    page = adv.scan(fragment)
    assert adv.foreign_scripts(page) == [], where
    assert page.handlers == [], (where, page.handlers)
    assert page.js_urls == [], (where, page.js_urls)


@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_text_is_valid_and_every_renderer_escapes_it(family):
    data = _hostile_fixture(family)
    parsed, problems = adv.strict_problems(adv.dump(data))
    assert problems == [], problems
    guide = model.build(parsed)
    outputs = adv.render_all(guide)
    for name, out in outputs.items():
        assert_safe_html(out, name)
        for block in adv.html_blocks(name, out):
            assert "\n\n" not in block, f"{name}: a blank line would end the raw HTML block"
            for line in block.split("\n"):
                assert line.startswith("<"), (name, line)
    everything = "\n".join(outputs.values())
    for fw in guide.frameworks:
        assert html_text(fw.name) in everything
        assert html_text(fw.summary) in everything
    for node in guide.nodes.values():
        for answer in node.answers:
            assert html_text(answer.label) in everything
    flowchart = decision.render_flowchart(guide)
    assert adv.flowchart_errors(adv.scan(flowchart + decision.render_results(guide)), len(guide.paths())) == []
    for node in guide.nodes.values():
        assert html_text(node.question if not node.is_outcome else node.title) in flowchart


# ---------------------------------------------------------------- strict builds

@pytest.mark.build
@pytest.mark.parametrize("case", [c for c in ERROR_CASES if c.build], ids=lambda c: f"{c.group}-{c.name}")
def test_bad_data_stops_a_strict_build(case: Case, project_copy):
    text = case.text() + "zz_extra_problem: 1\n"  # a second, unrelated problem: all are listed at once
    adv.write_data(project_copy, text)
    result, _ = adv.build(project_copy)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    reported = [(int(n), msg) for n, msg in adv.REPORT_LINE.findall(result.stderr)]
    assert reported, result.stderr
    for expect in case.errors:
        line = expect.line_in(text)
        assert any(n == line and all(f in msg for f in expect.fragments) for n, msg in reported), \
            (expect, result.stderr)
    assert any("unknown key 'zz_extra_problem'" in msg for _, msg in reported), result.stderr
    assert re.search(r"^\d+ problems? found in data/frameworks\.yaml$", result.stderr, re.M), result.stderr


# hostile_builds (one strict build per attack family) is a session fixture in tests/conftest.py:
# the browser test tests/browser/test_hostile_pages.py opens the same builds.


@pytest.mark.build
@pytest.mark.parametrize("family", FAMILIES)
def test_hostile_text_builds_strictly_shown_escaped_and_inert(family, hostile_builds):
    data, result, site = hostile_builds[family]
    assert result.returncode == 0, result.stderr[-3000:]
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    for name, page_html in pages.items():
        page = adv.scan(page_html)
        assert adv.foreign_scripts(page) == [], name
        assert page.handlers == [], (name, page.handlers)
        assert page.js_urls == [], (name, page.js_urls)
        for table in page.tables:
            if table and len(set(table)) != 1:
                pytest.fail(f"{name}: a table has rows of different widths {table}")
        assert adv.duplicate_ids(page_html) == [], name
    everything = "\n".join(pages.values())
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for raw_markup in ("<script>alert", "<img src=x", "<svg onload", "<svg/onload"):
        assert raw_markup not in index and raw_markup not in html.unescape(index.replace("&lt;", "")), raw_markup
    for fw in data["frameworks"]:
        assert html_text(fw["name"]) in pages["comparison/index.html"], fw["name"]
        assert f'<th scope="col">{html_text(fw["name"])}</th>' in pages["comparison/index.html"]
        assert html_text(fw["summary"]) in pages["index.html"]
    for node in data["decision"]["nodes"]:
        if "question" in node:
            assert html_text(node["question"]) in pages["decision/index.html"]
    assert adv.flowchart_errors(adv.scan(pages["decision/index.html"])) == []
    if family == "jinja":
        assert "{{ 7*7 }}" in everything and "ranranran" not in everything
        assert html.escape("{% for x in range(3) %}") in everything or "{% for x in range(3) %}" in everything
    if family == "snippet":
        assert "--8&lt;-- &quot;mkdocs.yml&quot;" in everything
        assert "markdown_extensions" not in everything and "def define_env" not in everything
    if family == "unicode":
        shown = re.sub(r'<script type="application/json".*?</script>', "", everything, flags=re.S)
        assert "\u202e" not in shown and "\u200b" not in shown  # JSON payloads: see test_json_payload_text_matches_the_static_page
        assert "\U0001F600" in everything and "\u05d0\u05d1" in everything
    if family in ("html", "attribute"):
        assert "<img src=x" not in everything and "<svg" not in everything.replace("<svg xmlns", "")


def test_json_payload_text_matches_the_static_page():
    """json_for_html only encodes; the payload builders clean text exactly as html_text does,
    so the interactive guide never shows invisible or direction-changing characters."""
    import json

    import yaml

    from fwguide import model
    from fwguide.escape import clean
    from fwguide.render.interactive import scorer_payload, stepper_payload
    from fwguide.render.links import PageLinks
    from support import fixture_text

    data = yaml.safe_load(fixture_text())
    data["decision"]["nodes"][0]["question"] = HOSTILE_UNICODE
    data["decision"]["nodes"][0]["answers"][0]["label"] = HOSTILE_UNICODE
    data["frameworks"][0]["name"] = HOSTILE_UNICODE
    data["considerations"][0]["name"] = HOSTILE_UNICODE
    hostile = model.build(data)
    for payload in (stepper_payload(hostile, PageLinks("decision.md")), scorer_payload(hostile)):
        text = json.dumps(payload, ensure_ascii=False)
        assert "\u202e" not in text and "\u200b" not in text
        assert clean(HOSTILE_UNICODE) in text


HOSTILE_UNICODE = adv.HOSTILE["unicode"]["text"]
