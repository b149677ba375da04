"""The decision page in Chromium: the step-by-step guide (every path of the tree from
the YAML), its URL state, keyboard use, instant navigation, the weighted scorer
against the Python rule, axe-core in both palettes, and the page without JavaScript."""
from __future__ import annotations

import json
import random
from urllib.parse import urlsplit

import pytest

import fwguide
from browser.conftest import axe_violations, set_palette
from fwguide import scoring
from fwguide.render import interactive as render_interactive

pytestmark = pytest.mark.browser

GUIDE = "[data-decision-guide]"
HEADING = "[data-guide-heading]"


@pytest.fixture(scope="module")
def guide(built_site):
    return fwguide.load_guide(built_site.parent / "data" / "frameworks.yaml")


@pytest.fixture(scope="module")
def shared(browser):
    """One page reused by the tests that only click around the decision page.  It skips the
    flowchart's Mermaid library (the guide does not need it; the axe test loads it)."""
    context = browser.new_context()
    context.route("**/mermaid.min.js", lambda route: route.abort())
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    yield pg
    context.close()


def open_guide(pg, site_url, query: str = "") -> None:
    pg.goto(site_url + "decision/" + query, wait_until="domcontentloaded")
    pg.wait_for_selector(GUIDE + ":not([hidden]) " + HEADING)


def indexes(path) -> list[int]:
    return [node.answers.index(answer) for node, answer in path]


def query_of(pg) -> str:
    return urlsplit(pg.url).query


def heading(pg) -> str:
    return pg.inner_text(HEADING)


ALL_PATHS = fwguide.load_guide().paths()


def outcome_of(guide, path):
    node, answer = path[-1]
    return guide.nodes[answer.next]


# ---------------------------------------------------------------- every path

def start_over(pg, site_url) -> None:
    """Back to the first question: Start over when the guide is open, else load the page."""
    if urlsplit(pg.url).path.endswith("/decision/") and pg.locator(HEADING).count():
        if pg.is_enabled("[data-guide-restart]"):
            pg.click("[data-guide-restart]")
    else:
        open_guide(pg, site_url)


@pytest.mark.parametrize("number", range(len(ALL_PATHS)), ids=lambda n: f"path{n + 1}")
def test_every_path_leads_to_its_recommendation(shared, site_url, built_site, guide, number):
    path = guide.paths()[number]
    outcome = outcome_of(guide, path)
    start_over(shared, site_url)
    for step, (node, answer) in enumerate(path, 1):
        assert heading(shared) == f"Question {step}: {node.question}"
        shared.click(f"{GUIDE} [data-answer='{node.answers.index(answer)}']")
    result = shared.locator(f"{GUIDE} [data-recommendation]")
    assert result.get_attribute("data-recommendation") == outcome.recommend
    text = result.inner_text()
    name = guide.framework(outcome.recommend).name
    assert heading(shared) == f"Recommendation: {name}"
    assert outcome.reason in text
    for node, answer in path:  # reasons gathered along the path, and the answers given
        assert answer.label in text
        if answer.because:
            assert answer.because in text
    assert query_of(shared) == "guide=" + ".".join(str(i + 1) for i in indexes(path))
    assert shared.inner_text("[data-guide-status]").startswith(f"Recommendation: {name}.")
    for href in result.locator("a").evaluate_all("links => links.map(a => a.href)"):  # links lead to pages
        assert href.startswith(site_url)
        assert (built_site / urlsplit(href).path.lstrip("/") / "index.html").is_file(), href
    # The address alone restores the result (shared or bookmarked).
    open_guide(shared, site_url, "?" + query_of(shared))
    assert shared.get_attribute("[data-recommendation]", "data-recommendation") == outcome.recommend
    assert shared.errors == []


# ------------------------------------------------------- controls and URL

def test_back_start_over_and_shared_url_restore_the_step(shared, site_url, guide):
    first = guide.nodes[guide.start]
    second = guide.nodes[first.answers[-1].next]
    third = guide.nodes[second.answers[0].next]
    assert not third.is_outcome, "the test needs a three-question path; adjust it to the data"
    open_guide(shared, site_url)
    assert shared.is_disabled("[data-guide-back]") and shared.is_disabled("[data-guide-restart]")
    shared.click(f"[data-answer='{len(first.answers) - 1}']")
    shared.click("[data-answer='0']")
    assert heading(shared) == f"Question 3: {third.question}"
    assert query_of(shared) == f"guide={len(first.answers)}.1"
    shared.click("[data-guide-back]")
    assert heading(shared) == f"Question 2: {second.question}"
    assert query_of(shared) == f"guide={len(first.answers)}"
    shared.click("[data-guide-restart]")
    assert heading(shared) == f"Question 1: {first.question}"
    assert query_of(shared) == ""
    assert shared.is_disabled("[data-guide-back]")
    open_guide(shared, site_url, f"?guide={len(first.answers)}.1")
    assert heading(shared) == f"Question 3: {third.question}"
    assert not shared.is_disabled("[data-guide-back]")


def test_invalid_address_falls_back_to_the_valid_part(shared, site_url, guide):
    first = guide.nodes[guide.start]
    second = guide.nodes[first.answers[-1].next]
    open_guide(shared, site_url, f"?guide={len(first.answers)}.99.1")
    assert heading(shared) == f"Question 2: {second.question}"
    assert query_of(shared) == f"guide={len(first.answers)}"
    open_guide(shared, site_url, "?guide=x")
    assert heading(shared) == f"Question 1: {first.question}"


def test_browser_back_and_forward_buttons(shared, site_url, guide):
    first = guide.nodes[guide.start]
    second = guide.nodes[first.answers[-1].next]
    open_guide(shared, site_url)
    shared.click(f"[data-answer='{len(first.answers) - 1}']")
    shared.click("[data-answer='0']")
    shared.go_back()
    shared.wait_for_function("h => document.querySelector(h).textContent.startsWith('Question 2')", arg=HEADING)
    assert heading(shared) == f"Question 2: {second.question}"
    shared.go_back()
    shared.wait_for_function("h => document.querySelector(h).textContent.startsWith('Question 1')", arg=HEADING)
    assert query_of(shared) == ""
    shared.go_forward()
    shared.wait_for_function("h => document.querySelector(h).textContent.startsWith('Question 2')", arg=HEADING)
    assert shared.evaluate("document.activeElement.hasAttribute('data-guide-heading')")
    assert shared.errors == []


def test_keyboard_only(shared, site_url, guide):
    path = guide.paths()[0]
    open_guide(shared, site_url)
    kb = shared.keyboard
    for _ in range(200):  # from the top of the page, Tab until the first answer has focus
        kb.press("Tab")
        if shared.evaluate("document.activeElement.getAttribute('data-answer')") == "0":
            break
    else:
        pytest.fail("Tab never reached the first answer")
    for step, (node, answer) in enumerate(path):
        if step:  # focus sits on the new question's heading; Tab goes to its first answer
            assert shared.evaluate("document.activeElement.hasAttribute('data-guide-heading')")
            kb.press("Tab")
        for _ in range(node.answers.index(answer)):
            kb.press("Tab")
        assert shared.evaluate("document.activeElement.textContent") == answer.label
        kb.press("Enter" if step % 2 == 0 else " ")
    assert shared.evaluate("document.activeElement.textContent").startswith("Recommendation:")
    assert shared.get_attribute("[data-recommendation]", "data-recommendation") == outcome_of(guide, path).recommend
    for _ in range(20):  # Tab past the result's links to Back, and press it
        kb.press("Tab")
        if shared.evaluate("document.activeElement.hasAttribute('data-guide-back')"):
            break
    kb.press("Enter")
    assert shared.evaluate("document.activeElement.textContent") == f"Question {len(path)}: {path[-1][0].question}"


# ------------------------------------------------------ instant navigation

def popstate_listeners(pg) -> int:
    cdp = pg.context.new_cdp_session(pg)
    window = cdp.send("Runtime.evaluate", {"expression": "window"})["result"]["objectId"]
    listeners = cdp.send("DOMDebugger.getEventListeners", {"objectId": window})["listeners"]
    cdp.detach()
    return sum(1 for item in listeners if item["type"] == "popstate")


def click_nav(pg, href_end: str) -> None:
    pg.locator(f'nav.md-nav--primary a.md-nav__link[href$="{href_end}"]').first.click()


def serve_sitemap(pg, site_url, built_site) -> None:
    """Material navigates instantly only to pages listed in sitemap.xml, which MkDocs leaves empty
    while site_url is unset; serve the sitemap a deployment with site_url set would have."""
    pages = sorted(p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    urls = "".join(f"<url><loc>{site_url}{'' if p == '.' else p + '/'}</loc></url>" for p in pages)
    body = f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
    pg.context.route("**/sitemap.xml", lambda route: route.fulfill(body=body, content_type="application/xml"))


def test_guide_works_after_instant_navigation_without_leaking_listeners(page, site_url, built_site, guide):
    first = guide.nodes[guide.start]
    serve_sitemap(page, site_url, built_site)
    page.goto(site_url + "comparison/")
    page.wait_for_load_state("networkidle")  # the sitemap is loaded before the first click
    page.evaluate("window.__noReload = true")
    click_nav(page, "decision/")
    page.wait_for_selector(GUIDE + ":not([hidden]) " + HEADING)
    assert page.evaluate("window.__noReload") is True, "navigation was not instant"
    baseline = popstate_listeners(page)
    for _ in range(2):  # away and back again: the guide re-initialises, old listeners are gone
        click_nav(page, "comparison/")
        page.wait_for_selector(GUIDE, state="detached")
        click_nav(page, "decision/")
        page.wait_for_selector(GUIDE + ":not([hidden]) " + HEADING)
    assert page.evaluate("window.__noReload") is True
    assert popstate_listeners(page) == baseline
    page.click("[data-answer='0']")
    assert page.get_attribute("[data-recommendation]", "data-recommendation") == guide.nodes[
        first.answers[0].next].recommend
    assert page.locator("[data-scorer] [data-framework]").count() == len(guide.frameworks)
    # Back to another page through history, then forward: the result comes back.
    page.go_back()
    page.wait_for_selector(HEADING + ":has-text('Question 1')")
    page.go_back()
    page.wait_for_selector(GUIDE, state="detached")
    page.go_forward()
    page.go_forward()
    page.wait_for_selector("[data-recommendation]")
    assert page.evaluate("window.__noReload") is True
    assert page.errors == []
    hosts = {urlsplit(url).netloc for url in page.requests if url.startswith("http")}
    assert hosts == {urlsplit(site_url).netloc}


# ------------------------------------------------------------------- scorer

def live_ranking(pg) -> list[list]:
    return pg.locator("[data-scorer] [data-framework]").evaluate_all(
        "items => items.map(li => [li.dataset.framework, +li.dataset.rank, li.dataset.score])")


def python_ranking(guide, weights) -> list[list]:
    return [[s.framework, s.rank, s.percent] for s in scoring.rank(guide, weights)]


def weightings(guide) -> list[dict[str, int]]:
    ids = [c.id for c in guide.considerations]
    rng = random.Random(5)
    chosen = [scoring.equal_weights(guide), scoring.equal_weights(guide, 0),
              {i: 3 if c.ai else 0 for i, c in zip(ids, guide.considerations)},
              {i: 0 if c.ai else 3 for i, c in zip(ids, guide.considerations)}]
    chosen += [{i: 3 if i == one else 1 for i in ids} for one in ids]
    chosen += [{i: rng.randint(0, scoring.MAX_WEIGHT) for i in ids} for _ in range(6)]
    return chosen


def set_weights(pg, weights: dict[str, int]) -> None:
    for consideration, weight in weights.items():
        pg.select_option(f"[data-scorer] select[data-weight='{consideration}']", str(weight))


def test_scorer_ranks_like_the_python_rule(shared, site_url, guide):
    open_guide(shared, site_url)
    assert shared.is_hidden("[data-scorer-static]")
    assert live_ranking(shared) == python_ranking(guide, scoring.equal_weights(guide))
    cases = weightings(guide)
    assert len({str(python_ranking(guide, w)) for w in cases}) > 3, "weightings should change the ranking"
    for weights in cases:
        set_weights(shared, weights)
        assert live_ranking(shared) == python_ranking(guide, weights), weights
    # Each score is explained exactly as the Python explanation words it.
    weights = cases[-1]
    names = {c.id: c.name for c in guide.considerations}
    for score in scoring.rank(guide, weights):
        item = shared.locator(f"[data-scorer] li[data-framework='{score.framework}'] li")
        assert item.all_inner_texts() == [render_interactive.contribution_text(guide, names, part)
                                          for part in score.contributions]
    assert shared.inner_text("[data-scorer-status]").startswith("Ranking updated: ")
    shared.click("[data-scorer] button[type=reset]")
    shared.wait_for_function("() => [...document.querySelectorAll('select[data-weight]')].every(s => s.value === '2')")
    shared.wait_for_function(
        "r => JSON.stringify([...document.querySelectorAll('[data-scorer] [data-framework]')]"
        ".map(li => [li.dataset.framework, +li.dataset.rank, li.dataset.score])) === r",
        arg=json.dumps(python_ranking(guide, scoring.equal_weights(guide)), separators=(",", ":")))
    assert shared.errors == []


# -------------------------------------------------------------- accessibility

def axe_on_guide(pg) -> list:
    """axe-core (injected by axe_violations, same default rules) on the guide alone: it is the only
    part of the page that changed."""
    result = pg.evaluate("axe.run('[data-decision-guide]', {resultTypes: ['violations']})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def test_axe_finds_no_violations_in_either_palette(page, site_url):
    open_guide(page, site_url)
    for scheme in ("default", "slate"):
        set_palette(page, scheme)
        if page.is_enabled("[data-guide-restart]"):
            page.click("[data-guide-restart]")
        page.wait_for_selector(f".fwg-mermaid[data-rendered='{'dark' if scheme == 'slate' else 'light'}'] svg")
        assert axe_violations(page) == [], f"{scheme}: whole page, first question, scorer"
        page.click("[data-answer='0']")  # a recommendation, with its links and both controls
        page.wait_for_selector("[data-recommendation]")
        assert axe_on_guide(page) == [], f"{scheme}: the guide showing a recommendation"
    assert page.errors == []


# -------------------------------------------------------------- no JavaScript

def test_without_javascript_the_tree_and_ranking_table_are_there(browser, site_url, guide):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + "decision/")
        tree = pg.locator("#decision-tree-as-text")
        assert tree.is_visible()
        text = tree.inner_text()
        for node in guide.nodes.values():
            assert (node.question or node.reason) in text
            for answer in node.answers:
                assert answer.label in text
        assert tree.locator("[data-outcome]").count() == len(ALL_PATHS)
        table = pg.locator("[data-scorer-static]")
        assert table.is_visible()
        rows = table.locator("tr[data-framework]").evaluate_all(
            "rows => rows.map(r => [r.dataset.framework, parseInt(r.cells[0].textContent), "
            "r.querySelector('[data-score]').dataset.score])")
        assert rows == python_ranking(guide, scoring.equal_weights(guide))
        assert pg.locator(GUIDE).is_hidden() and pg.locator("[data-scorer]").is_hidden()
        assert pg.locator("[data-scoring-rule]").is_visible()
        assert "needs JavaScript" in pg.inner_text("article")
    finally:
        context.close()
