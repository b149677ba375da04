"""Every built page, in Chromium: no request leaves the local server, axe-core finds nothing in
either palette, tables have captions and header cells, support levels are words, and the decision
page's flowchart (drawn at build time) and its results in full are complete.

One browser context visits every page once (``survey``); the tests then judge what it recorded,
so a failure lists every page at fault rather than stopping at the first.  Requests to any host
other than the local server are recorded and aborted (the test never waits on the network).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from browser.conftest import axe_violations, page_paths, set_palette
from fwguide.loader import load_guide

pytestmark = pytest.mark.browser

PALETTES = {"default": "light", "slate": "dark"}  # Material scheme -> its name
LOCAL_SCHEMES = {"data", "blob", "about"}


@dataclass
class Visit:
    path: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    axe: dict[str, list] = field(default_factory=dict)       # scheme -> violations
    dom: dict = field(default_factory=dict)


DOM_FACTS = """() => {
  const content = document.querySelector('.md-content');
  const tables = [...content.querySelectorAll('table')].map((t, i) => ({
    index: i,
    generated: !!t.closest('[class*="fwg-"]'),
    caption: t.querySelector(':scope > caption') ? t.querySelector(':scope > caption').innerText.trim() : '',
    // Material wraps tables in scroll containers, so look for the nearest figure's own caption.
    figcaption: (t.closest('figure') && t.closest('figure').querySelector(':scope > figcaption'))
      ? t.closest('figure').querySelector(':scope > figcaption').innerText.trim() : '',
    th: t.querySelectorAll('th').length,
    firstRow: (t.querySelector('tr') || {innerText: ''}).innerText.slice(0, 60),
  }));
  const cells = [...content.querySelectorAll('td[data-level]')].map(td => ({
    level: td.getAttribute('data-level'), text: td.innerText}));
  const results = document.getElementById('decision-tree-as-text');
  const outcomes = results ? [...results.querySelectorAll('.fwg-outcome')].map(p => ({
    outcome: p.getAttribute('data-outcome'), framework: p.getAttribute('data-framework'), text: p.innerText}))
    : null;
  const chart = content.querySelector('[data-flowchart]');
  return {tables, cells, outcomes, chart: chart ? chart.innerText : null,
          boxes: chart ? chart.querySelectorAll('.fwg-flow__out').length : 0,
          matrix: !!content.querySelector('.fwg-matrix-block')};
}"""


def _settle(pg) -> None:
    """Let the palette's colour transitions finish, so axe measures the final colours."""
    try:
        pg.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')",
                             timeout=3000)
    except Exception:  # noqa: BLE001 - an endless animation: measure anyway
        pass


@pytest.fixture(scope="module")
def survey(browser, site_url, built_site) -> list[Visit]:
    local = urlsplit(site_url).netloc
    context = browser.new_context()
    visit = Visit("")

    def guard(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES or parts.netloc == local:
            route.continue_()
        else:
            visit.blocked.append(url)
            route.abort()

    context.route("**/*", guard)  # routing also turns the HTTP cache off: every fetch is seen
    pg = context.new_page()
    pg.on("request", lambda request: visit.requests.append(request.url))
    pg.on("pageerror", lambda error: visit.errors.append(str(error)))
    visits = []
    try:
        for path in page_paths(built_site):
            visit = Visit(path)
            pg.goto(site_url + path, wait_until="load")
            for scheme in PALETTES:
                set_palette(pg, scheme)
                _settle(pg)
                visit.axe[scheme] = axe_violations(pg)
            visit.dom = pg.evaluate(DOM_FACTS)
            pg.wait_for_load_state("networkidle")  # long reached by now: every request is logged
            visits.append(visit)
    finally:
        context.close()
    return visits


@pytest.fixture(scope="module")
def guide(built_site):
    return load_guide(built_site.parent / "data" / "frameworks.yaml")


def _listing(items) -> str:
    return "\n".join(f"  {item}" for item in items)


def test_every_page_is_visited(survey, built_site):
    assert len(survey) == len(page_paths(built_site)) >= 8
    assert "" in [v.path for v in survey] and "comparison/" in [v.path for v in survey]


def test_no_request_leaves_the_local_server(survey, site_url):
    local = urlsplit(site_url).netloc
    bad = [f"{v.path or '/'}: {url}" for v in survey
           for url in v.blocked + v.requests
           if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != local]
    assert not bad, "requests to other hosts:\n" + _listing(sorted(set(bad)))


def test_no_script_errors(survey):
    errors = [f"{v.path or '/'}: {e}" for v in survey for e in v.errors]
    assert not errors, "\n".join(errors)


def test_axe_finds_no_violations_in_either_palette(survey):
    found = [f"{v.path or '/'} [{scheme}]: {item['id']} ({item['impact']}) {item['help']} at {item['nodes']}"
             for v in survey for scheme, violations in v.axe.items() for item in violations]
    assert all(set(v.axe) == set(PALETTES) for v in survey)
    assert not found, "axe-core violations:\n" + _listing(found)


def test_tables_have_header_cells_and_captions(survey):
    """Every table in the content has header cells and a caption.  Tables generated from the data
    (inside an ``fwg-`` block) carry a <caption>; hand-written Markdown tables get theirs from a
    ``/// table-caption`` block (pymdownx.blocks.caption: a <figure> with a <figcaption>)."""
    problems, counted = [], 0
    for v in survey:
        for t in v.dom["tables"]:
            counted += 1
            where = f"{v.path or '/'} table {t['index'] + 1} ({t['firstRow']!r})"
            if not t["th"]:
                problems.append(f"{where}: no header cells")
            if t["generated"] and not t["caption"]:
                problems.append(f"{where}: generated table without a caption")
            if not t["caption"] and not t["figcaption"]:
                problems.append(f"{where}: no caption (add a `/// table-caption` block after it)")
    assert counted, "no tables found at all"
    assert not problems, "\n".join(problems)


def test_support_levels_are_words_not_colour(survey, guide):
    labels = {level.id: level.label for level in guide.levels}
    cells = [(v.path, c) for v in survey for c in v.dom["cells"]]
    wrong = [f"{path}: level {c['level']!r}, cell text {c['text'][:80]!r}" for path, c in cells
             if c["level"] not in labels or labels[c["level"]] not in c["text"]]
    assert not wrong, "cells whose visible text does not name their support level:\n" + _listing(wrong)
    matrix_pages = [v for v in survey if v.dom["matrix"]]
    assert matrix_pages, "no page shows the feature matrix"
    for v in matrix_pages:
        assert len(v.dom["cells"]) >= len(guide.frameworks) * len(guide.features), v.path


def test_the_flowchart_and_every_result_in_full_are_on_the_decision_page(survey, guide):
    pages = [v for v in survey if v.dom["chart"] is not None]
    assert [v.path for v in pages] == ["decision/"]
    v = pages[0]
    assert v.dom["boxes"] == len(guide.paths())   # one outcome box at the end of every path
    for node in guide.nodes.values():
        assert (node.question or node.title) in v.dom["chart"], node.id
        for answer in node.answers:
            assert answer.label in v.dom["chart"]
    outcomes = v.dom["outcomes"]
    assert outcomes is not None and [o["outcome"] for o in outcomes] == [n.id for n in guide.outcomes]
    for o in outcomes:   # each result names its framework in words beside the symbol
        fw = guide.framework(o["framework"])
        assert f"{fw.symbol} {fw.name}: " in o["text"], o["outcome"]


def test_instant_navigation_shows_the_flowchart_and_the_guide_offline(page, site_url):
    """Material's instant navigation swaps the page in place; the guide's scripts still load, and
    nothing they or the search worker fetch comes from another host."""
    local = urlsplit(site_url).netloc
    page.context.route("**/*", lambda route: route.continue_()
                       if urlsplit(route.request.url).netloc == local else route.abort())
    page.goto(site_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    assert not any(urlsplit(u).path.endswith("decision-guide.js") for u in page.requests)
    page.locator('.md-sidebar--primary a[href$="decision/"]').first.click()
    page.wait_for_url("**/decision/")
    page.wait_for_selector("[data-decision-guide]:not([hidden]) [data-guide-heading]", timeout=20000)
    assert page.locator("[data-flowchart] .fwg-flow__out").count() > 0
    assert any(urlsplit(u).path.endswith("decision-guide.js") for u in page.requests)
    outside = [u for u in page.requests if urlsplit(u).scheme not in LOCAL_SCHEMES and urlsplit(u).netloc != local]
    assert not outside, outside
    assert page.errors == []
