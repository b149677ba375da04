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
    """One page reused by the tests that only click around the decision page."""
    context = browser.new_context()
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


def path_query(path) -> str:
    return "guide=" + ".".join(str(i + 1) for i in indexes(path))


def query_of(pg) -> str:
    return urlsplit(pg.url).query


def heading(pg) -> str:
    return pg.inner_text(HEADING)


ALL_PATHS = fwguide.load_guide().paths()


def outcome_of(guide, path):
    node, answer = path[-1]
    return guide.nodes[answer.next]


def scorer_first(guide, path) -> list[str]:
    return scoring.first_place(scoring.rank(guide, scoring.path_weights(guide, path), scoring.path_team(path)))


# ---------------------------------------------------------------- every path

def start_over(pg, site_url) -> None:
    """Back to the first question: Start over when the guide is open, else load the page."""
    if urlsplit(pg.url).path.endswith("/decision/") and pg.locator(HEADING).count():
        if pg.is_enabled("[data-guide-restart]"):
            pg.click("[data-guide-restart]")
    else:
        open_guide(pg, site_url)


def check_result(pg, site_url, built_site, guide, path) -> None:
    """Every section of the result for this path, and the flowchart showing it."""
    outcome = outcome_of(guide, path)
    fw = guide.framework(outcome.recommend)
    result = pg.locator(f"{GUIDE} [data-recommendation]")
    assert result.get_attribute("data-recommendation") == outcome.recommend
    assert heading(pg) == f"Recommendation: {fw.symbol} {fw.name}"
    text = result.inner_text()
    assert outcome.title in text and outcome.reason in text and "[object" not in text
    for node, answer in path:  # reasons gathered along the path, and the answers given
        assert answer.label in text
        if answer.because:
            assert answer.because in text
    summary = result.locator("[data-answer-summary]")
    assert summary.locator("[data-change]").evaluate_all("a => a.map(x => x.dataset.change)") == [
        str(k) for k in range(1, len(path) + 1)]
    for other in guide.frameworks:
        why = result.locator(f"[data-why-not='{other.id}']")
        if other.id == outcome.recommend:
            assert why.count() == 0
        else:
            assert why.count() == 1 and outcome.why_not[other.id] in why.inner_text()
    assert [t.strip() for t in result.locator("[data-add] li").all_inner_texts()] == list(outcome.add)
    assert [t.strip() for t in result.locator("[data-reconsider] li").all_inner_texts()] == list(outcome.reconsider)
    assert result.locator("[id]").count() == 1   # only the heading: the copied sections carry no ids
    said = result.locator("[data-scorer-agreement]").inner_text()
    first = scorer_first(guide, path)
    if outcome.recommend in first:
        assert f"also ranks {fw.name} first" in said
    else:
        assert outcome.scorer_note[first[0]] in said and f"ranks {guide.framework(first[0]).name} first" in said
    hrefs = result.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    assert set(outcome.sources) <= set(hrefs)
    for href in hrefs:
        if href in outcome.sources:
            continue   # the result's sources: official pages elsewhere
        assert href.startswith(site_url), href
        target = urlsplit(href)
        if target.path.rstrip("/").endswith("decision"):
            continue   # Change links and the link to the full result stay on this page
        assert (built_site / target.path.lstrip("/") / "index.html").is_file(), href
    on_path = pg.locator("[data-flowchart] .is-on-path").evaluate_all("e => e.map(x => x.dataset.flowPath)")
    assert on_path == [".".join(str(i + 1) for i in indexes(path[:k])) for k in range(len(path) + 1)]
    assert pg.locator("[data-flowchart] .is-result").get_attribute("href").endswith(f"#outcome--{outcome.id}")


@pytest.mark.parametrize("number", range(len(ALL_PATHS)), ids=lambda n: f"path{n + 1}")
def test_every_path_leads_to_a_full_result(shared, site_url, built_site, guide, number):
    path = guide.paths()[number]
    start_over(shared, site_url)
    for step, (node, answer) in enumerate(path, 1):
        assert heading(shared) == f"Question {step}: {node.question}"
        shared.click(f"{GUIDE} [data-answer='{node.answers.index(answer)}']")
    check_result(shared, site_url, built_site, guide, path)
    assert query_of(shared) == path_query(path)
    name = guide.framework(outcome_of(guide, path).recommend).name
    assert shared.inner_text("[data-guide-status]").startswith(f"Recommendation: {name}.")
    # The address alone restores the result (shared or bookmarked).
    open_guide(shared, site_url, "?" + query_of(shared))
    check_result(shared, site_url, built_site, guide, path)
    assert shared.errors == []


# ------------------------------------------------------------------- Change

def labels_path(guide, *labels):
    steps, node = guide.replay(labels)
    assert node is not None, labels
    return steps


def answer_by_label(pg, label: str) -> None:
    pg.locator(f"{GUIDE} [data-answer]", has_text=label).first.click()


def test_change_keeps_later_answers_that_still_apply_and_asks_only_what_is_new(shared, site_url, built_site, guide):
    large = labels_path(guide, "In the app, or through a hosted model API", "A new app that people will use",
                        "Staff inside our organisation", "Large: company-wide, with SSO and audit",
                        "No, one request, one response", "Yes: batch jobs of minutes or hours")
    open_guide(shared, site_url, "?" + path_query(large))
    assert shared.get_attribute("[data-recommendation]", "data-recommendation") == "django"
    shared.click("[data-answer-summary] [data-change='4']")
    assert heading(shared) == "Question 4: How big will it grow, and for how long?"
    pressed = shared.locator(f"{GUIDE} [data-answer][aria-pressed='true']")
    assert pressed.count() == 1 and "Large: company-wide" in pressed.inner_text()
    assert "change=4" in query_of(shared)
    answer_by_label(shared, "Small: one team's tool")
    assert heading(shared) == "Question 5: Which framework does your team know best?"  # new: asked
    answer_by_label(shared, "Django, or none of them yet")
    # q-django-jobs was answered before and is still on the path: kept; q-dj-stream no longer is: dropped.
    small = labels_path(guide, "In the app, or through a hosted model API", "A new app that people will use",
                        "Staff inside our organisation", "Small: one team's tool", "Django, or none of them yet",
                        "Yes: batch jobs of minutes or hours")
    check_result(shared, site_url, built_site, guide, small)
    assert query_of(shared) == path_query(small)


def test_change_to_an_answer_that_ends_the_path_drops_the_rest(shared, site_url, built_site, guide):
    path = labels_path(guide, "In the app, or through a hosted model API", "An existing Django project",
                       "No, one request, one response", "No, each request is answered on its own")
    open_guide(shared, site_url, "?" + path_query(path) + "&change=2")
    assert heading(shared) == "Question 2: What will the AI feature be part of?"
    answer_by_label(shared, "An existing FastAPI service")
    check_result(shared, site_url, built_site, guide,
                 labels_path(guide, "In the app, or through a hosted model API", "An existing FastAPI service"))


def test_back_from_a_change_returns_to_the_result(shared, site_url, guide):
    path = guide.paths()[0]
    open_guide(shared, site_url, "?" + path_query(path))
    shared.click("[data-answer-summary] [data-change='1']")
    assert heading(shared).startswith("Question 1:")
    shared.click("[data-guide-back]")
    assert shared.get_attribute("[data-recommendation]", "data-recommendation") == outcome_of(guide, path).recommend
    assert query_of(shared) == path_query(path)


# --------------------------------------------------------------- scenarios

def test_every_worked_example_opens_its_result(shared, site_url, built_site, guide):
    for scenario in guide.scenarios:
        open_guide(shared, site_url)
        shared.click(f"[data-scenario='{scenario.id}'] a")
        shared.wait_for_selector("[data-recommendation]")
        steps, node = guide.replay(scenario.answers)
        assert node.id == scenario.expect
        check_result(shared, site_url, built_site, guide, steps)
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
    for _ in range(120):  # Tab past the result's links and buttons to Back, and press it
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
    path = ALL_PATHS[0]
    for node, answer in path:
        page.click(f"[data-answer='{node.answers.index(answer)}']")
    assert page.get_attribute("[data-recommendation]", "data-recommendation") == outcome_of(guide, path).recommend
    assert page.locator("[data-scorer] [data-framework]").count() == len(guide.frameworks)
    # Back to another page through history, then forward: the result comes back.
    for _ in path:
        page.go_back()
    page.wait_for_selector(HEADING + ":has-text('Question 1')")
    page.go_back()
    page.wait_for_selector(GUIDE, state="detached")
    for _ in range(len(path) + 1):
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


def python_ranking(guide, weights, team=None) -> list[list]:
    return [[s.framework, s.rank, str(s.percent)] for s in scoring.rank(guide, weights, team)]


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
    leader = shared.inner_text("[data-scorer-leader]")
    assert leader == render_interactive.leader_text(guide, scoring.rank(guide, weights))
    for team in guide.ids("framework"):   # the team select sets the team experience rating
        shared.select_option("[data-scorer-team]", team)
        assert live_ranking(shared) == python_ranking(guide, weights, team), team
    assert "Ranking: 1. " in shared.inner_text("[data-scorer-summary]")
    shared.click("[data-scorer] button[type=reset]")
    shared.wait_for_function("() => [...document.querySelectorAll('select[data-weight]')].every(s => s.value === '2')"
                             " && document.querySelector('[data-scorer-team]').value === ''")
    shared.wait_for_function(
        "r => JSON.stringify([...document.querySelectorAll('[data-scorer] [data-framework]')]"
        ".map(li => [li.dataset.framework, +li.dataset.rank, li.dataset.score])) === r",
        arg=json.dumps(python_ranking(guide, scoring.equal_weights(guide)), separators=(",", ":")))
    assert shared.errors == []


def test_a_result_puts_its_weights_into_the_scorer(shared, site_url, guide):
    disagreeing = [p for p in ALL_PATHS if outcome_of(guide, p).recommend not in scorer_first(guide, p)]
    path = disagreeing[0] if disagreeing else ALL_PATHS[0]
    open_guide(shared, site_url, "?" + path_query(path))
    shared.click("[data-use-weights]")
    weights, team = scoring.path_weights(guide, path), scoring.path_team(path)
    shared.wait_for_function("w => Object.entries(w).every(([k, v]) => "
                             "document.querySelector(`select[data-weight='${k}']`).value === String(v))", arg=weights)
    assert shared.input_value("[data-scorer-team]") == (team or "")
    assert live_ranking(shared) == python_ranking(guide, weights, team)


# -------------------------------------------------------------- accessibility

def axe_on_guide(pg) -> list:
    """axe-core (injected by axe_violations, same default rules) on the guide alone: it is the only
    part of the page that changed."""
    result = pg.evaluate("axe.run('[data-decision-guide]', {resultTypes: ['violations']})")
    return [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def _settled_axe(pg) -> list[dict]:
    """axe-core once transitions have finished: Material's back-to-top button fades in when the page
    scrolls up, and measured mid-fade its colours fail the contrast check (a flaky failure under load)."""
    pg.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=5000)
    return axe_violations(pg)


def test_axe_finds_no_violations_in_either_palette(page, site_url):
    open_guide(page, site_url)
    for scheme in ("default", "slate"):
        set_palette(page, scheme)
        if page.is_enabled("[data-guide-restart]"):
            page.click("[data-guide-restart]")
        assert _settled_axe(page) == [], f"{scheme}: whole page, first question, scorer"
        page.click("[data-answer='0']")
        page.click("[data-answer='0']")  # a recommendation, with its sections, links and controls
        page.wait_for_selector("[data-recommendation]")
        assert _settled_axe(page) == [], f"{scheme}: the page showing a recommendation and its path"
    assert page.errors == []


# -------------------------------------------------------------- layout shift

RECORD_SHIFTS = """window.__fwgShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(e => { if (!e.hadRecentInput) window.__fwgShifts.push(e.value); }))
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("viewport", [{"width": 1350, "height": 940}, {"width": 412, "height": 823}],
                         ids=["desktop", "phone"])
def test_the_guide_replaces_its_preview_without_moving_the_page(browser, site_url, guide, viewport):
    """The first question is drawn at build time; the script swaps in the live guide in the same
    task and its styles come with the page, so the content below does not move (layout shift,
    budget 0.02 in bench/budgets.py)."""
    from bench.budgets import DECISION_CLS

    context = browser.new_context(viewport=viewport)
    context.add_init_script(RECORD_SHIFTS)   # observing from the first byte of the page
    try:
        pg = context.new_page()
        pg.goto(site_url + "decision/", wait_until="domcontentloaded")
        pg.wait_for_selector(GUIDE + ":not([hidden]) " + HEADING)
        pg.wait_for_load_state("networkidle")
        pg.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shifts = pg.evaluate("window.__fwgShifts")
        assert sum(shifts) <= DECISION_CLS, shifts
        assert pg.locator("[data-guide-preview]").count() == 0
        first = guide.nodes[guide.start]
        assert heading(pg) == f"Question 1: {first.question}"
    finally:
        context.close()


# -------------------------------------------------------------- no JavaScript

def test_without_javascript_the_tree_and_ranking_table_are_there(browser, site_url, guide):
    context = browser.new_context(java_script_enabled=False)
    try:
        pg = context.new_page()
        pg.goto(site_url + "decision/")
        results = pg.locator("#decision-tree-as-text")
        assert results.is_visible()
        text = results.inner_text()
        for node in guide.outcomes:   # every result in full
            for part in (node.title, node.reason, *node.architecture, *node.add, *node.reconsider,
                         *node.why_not.values()):
                assert part in text, (node.id, part)
        assert results.locator(".fwg-outcome__paths li").count() == len(ALL_PATHS)   # every path, once
        chart = pg.locator("[data-flowchart]")
        assert chart.is_visible() and chart.locator(".fwg-flow__out").count() == len(ALL_PATHS)
        for node in guide.nodes.values():
            for answer in node.answers:
                assert answer.label in chart.inner_text()
        table = pg.locator("[data-scorer-static]")
        assert table.is_visible()
        rows = table.locator("tr[data-framework]").evaluate_all(
            "rows => rows.map(r => [r.dataset.framework, parseInt(r.cells[0].textContent), "
            "r.querySelector('[data-score]').dataset.score])")
        assert rows == python_ranking(guide, scoring.equal_weights(guide))
        assert pg.locator(GUIDE).is_hidden() and pg.locator("[data-scorer]").is_hidden()
        assert pg.locator("[data-guide-preview]").count() == 1 and pg.locator("[data-guide-preview]").is_hidden()
        assert pg.locator("[data-scoring-rule]").is_visible()
        assert "needs JavaScript" in pg.inner_text("article")
    finally:
        context.close()
