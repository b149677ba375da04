"""Every page is readable at 1280×900 (a laptop) and 390×844 (a phone), in both palettes (issue 16).

One browser context per size visits every page once, measures it in the light palette and again
in the dark one (``layout``); the tests then judge what was recorded, so a failure lists every page
and size at fault.  Measured with ``getBoundingClientRect``:

* No element of the page content is wider than the content column, unless it sits inside a scroll
  container.  (The column is the article plus its side margins: Material's own table and tab
  wrappers reach into those margins by design.)
* Nothing scrolls sideways without saying so: a scroll container whose content is wider than it
  is a labelled, focusable region described by a visible hint.  Code blocks (Material makes them
  focusable) and Material's row of tab labels (it has its own arrows) are the only exceptions, so a
  table that does not fit its column fails here.
* The flowchart's text is at least 12 px; the home page's start button for the decision guide is in
  the first screen; every comparison cell shows its level's symbol and word on one line, inside
  the cell.

Then, on their own pages: the notes under the cells open and are left by keyboard, and the
scorer's one-line summary stays in view on a phone while a weight changes.
"""
from __future__ import annotations

import pytest

from browser.conftest import page_paths, set_palette
from fwguide.loader import load_guide

pytestmark = pytest.mark.browser

SIZES = {"1280x900": (1280, 900), "390x844": (390, 844)}
SCHEMES = ("default", "slate")      # Material's light and dark palettes
MIN_FLOW_TEXT_PX = 12
START = '.md-content a.md-button[href$="decision/"]'

LAYOUT_FACTS = """() => {
  const art = document.querySelector('article.md-content__inner');
  const box = art.getBoundingClientRect(), cs = getComputedStyle(art);
  const left = box.left - parseFloat(cs.marginLeft), right = box.right + parseFloat(cs.marginRight);
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const inScroller = el => { for (let e = el.parentElement; e && e !== art; e = e.parentElement)
    { if (scrolls(e)) return true; } return false; };
  const name = el => el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined
    ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '') + ' "' +
    (el.innerText || '').trim().slice(0, 40).replace(/\\s+/g, ' ') + '"';
  const wide = [], scrolling = [];
  for (const el of art.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || inScroller(el)) continue;
    if (r.left < left - 1 || r.right > right + 1)
      wide.push(`${name(el)}: ${Math.round(r.width)} px wide, column ${Math.round(right - left)} px`);
    if (scrolls(el) && el.scrollWidth > el.clientWidth + 1 && !el.closest('pre, .tabbed-labels')) {
      const hint = document.getElementById(el.getAttribute('aria-describedby') || '');
      const says = el.getAttribute('role') === 'region' && !!el.getAttribute('aria-label') && el.tabIndex === 0
        && !!hint && hint.getBoundingClientRect().height > 0;
      if (!says) scrolling.push(`${name(el)}: scrolls ${el.clientWidth} -> ${el.scrollWidth} px without saying so`);
    }
  }
  const flow = document.querySelector('[data-flowchart] .fwg-flow__tree');
  const flowText = flow ? [...flow.querySelectorAll('*')]
    .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
    .map(e => parseFloat(getComputedStyle(e).fontSize)) : [];
  const start = document.querySelector(%(start)r);
  const sr = start ? start.getBoundingClientRect() : null;
  const cells = [...art.querySelectorAll('td[data-level]')].map(td => {
    const level = td.querySelector('.fwg-level'), t = td.getBoundingClientRect();
    const l = level ? level.getBoundingClientRect() : null;
    return {level: td.dataset.level, text: level ? level.innerText : '', lines: level ? level.getClientRects().length : 0,
            inside: !!l && l.left >= t.left - 1 && l.right <= t.right + 1};
  });
  return {wide, scrolling, flowText, cells, scrollY: window.scrollY,
          start: sr && {top: sr.top, bottom: sr.bottom, width: sr.width, height: sr.height, vh: innerHeight, vw: innerWidth}};
}""".replace("%(start)r", repr(START))


@pytest.fixture(scope="module")
def guide(built_site):
    return load_guide(built_site.parent / "data" / "frameworks.yaml")


@pytest.fixture(scope="module")
def layout(browser, site_url, built_site) -> dict[tuple[str, str, str], dict]:
    """(size, scheme, page path) -> the facts measured there."""
    facts = {}
    for size, (width, height) in SIZES.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        pg = context.new_page()
        try:
            for path in page_paths(built_site):
                pg.goto(site_url + path, wait_until="load")
                for scheme in SCHEMES:
                    set_palette(pg, scheme)
                    facts[(size, scheme, path)] = pg.evaluate(LAYOUT_FACTS)
        finally:
            context.close()
    return facts


def _report(found: list[str]) -> str:
    return "\n".join(f"  {line}" for line in found[:40]) + (f"\n  ... {len(found) - 40} more" if len(found) > 40 else "")


def test_every_page_was_measured_at_both_sizes_in_both_palettes(layout, built_site):
    assert len(layout) == len(SIZES) * len(SCHEMES) * len(page_paths(built_site))


def test_nothing_is_wider_than_the_content_column(layout):
    found = [f"{size} {scheme} /{path}: {item}" for (size, scheme, path), f in layout.items() for item in f["wide"]]
    assert not found, "elements wider than the article, outside any scroll container:\n" + _report(found)


def test_nothing_scrolls_sideways_without_saying_so(layout):
    found = [f"{size} {scheme} /{path}: {item}" for (size, scheme, path), f in layout.items() for item in f["scrolling"]]
    assert not found, ("scroll containers that are not a labelled, focusable region described by a visible hint:\n"
                       + _report(found))


@pytest.mark.parametrize("size", SIZES)
def test_flowchart_text_is_at_least_12_px(layout, size):
    for scheme in SCHEMES:
        sizes = layout[(size, scheme, "decision/")]["flowText"]
        assert len(sizes) > 50, "the flowchart's text was not found"
        assert min(sizes) >= MIN_FLOW_TEXT_PX, f"{size} {scheme}: smallest flowchart text {min(sizes)} px"


@pytest.mark.parametrize("size", SIZES)
def test_the_start_button_is_in_the_first_screen_of_the_home_page(layout, size):
    for scheme in SCHEMES:
        f = layout[(size, scheme, "")]
        start = f["start"]
        assert start, "no start button for the decision guide on the home page"
        assert f["scrollY"] == 0 and start["width"] > 0 and start["height"] >= 24, start
        assert 0 <= start["top"] and start["bottom"] <= start["vh"], f"{size} {scheme}: start button at {start}"


@pytest.mark.parametrize("size", SIZES)
def test_every_comparison_cell_shows_symbol_and_word_on_one_line(layout, guide, size):
    levels = {level.id: level for level in guide.levels}
    for scheme in SCHEMES:
        cells = layout[(size, scheme, "comparison/")]["cells"]
        assert len(cells) == len(guide.features) * len(guide.frameworks)
        bad = [c for c in cells if c["lines"] != 1 or not c["inside"]
               or c["text"].strip() != f"{levels[c['level']].symbol} {levels[c['level']].label}"]
        assert not bad, f"{size} {scheme}: cells whose level is not one line of symbol and word: {bad[:5]}"


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_notes_open_and_are_left_by_keyboard(desktop, site_url, guide):
    pg = desktop
    pg.goto(site_url + "comparison/", wait_until="load")
    summaries = pg.locator("td[data-level] details.fwg-note > summary")
    assert summaries.count() == len(guide.features) * len(guide.frameworks)
    assert pg.evaluate("() => [...document.querySelectorAll('td[data-level] summary')].every(s => s.tabIndex === 0)")
    # Tab from the first cell's level onwards: the first stop is the first cell's note.
    pg.evaluate("() => { const td = document.querySelector('td[data-level]'); td.tabIndex = -1; td.focus(); }")
    pg.keyboard.press("Tab")
    assert pg.evaluate("() => document.activeElement.matches('td[data-level] details.fwg-note > summary')")
    pg.keyboard.press("Enter")
    assert pg.evaluate("() => document.activeElement.parentElement.open")
    pg.keyboard.press("Tab")   # into the open note: its source link, visible
    focused = pg.evaluate("() => [document.activeElement.closest('details.fwg-note') !== null,"
                          " document.activeElement.tagName, document.activeElement.getBoundingClientRect().height]")
    assert focused[0] and focused[1] == "A" and focused[2] > 0
    pg.keyboard.press("Shift+Tab")
    pg.keyboard.press("Enter")   # and closed again
    assert pg.evaluate("() => !document.activeElement.parentElement.open")


def test_the_scorer_summary_stays_in_view_in_one_line_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    pg = context.new_page()
    try:
        pg.goto(site_url + "decision/", wait_until="load")
        pg.wait_for_selector("[data-scorer]:not([hidden]) select[data-weight]")
        weight = pg.locator("[data-scorer] select[data-weight]").first
        weight.scroll_into_view_if_needed()
        weight.select_option("3")
        facts = pg.evaluate("""() => {
          const s = document.querySelector('[data-scorer-summary]'), r = s.getBoundingClientRect(), cs = getComputedStyle(s);
          const lines = (s.clientHeight - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom)) / parseFloat(cs.lineHeight);
          const items = [...document.querySelectorAll('[data-scorer-ranking] > li')];
          return {top: r.top, bottom: r.bottom, vh: innerHeight, lines, text: s.innerText,
                  cut: s.scrollWidth > s.clientWidth + 1,
                  list: document.querySelector('[data-scorer-ranking]').tagName,
                  items: items.map(li => li.innerText.trim().split('\\n')[0])};
        }""")
        assert facts["text"].startswith("1. "), facts
        assert 0 <= facts["top"] and facts["bottom"] <= facts["vh"], f"summary out of view: {facts}"
        assert round(facts["lines"]) == 1 and not facts["cut"], f"summary in {facts['lines']:.1f} lines, or cut: {facts}"
        # numbered once: by the list itself, not again in the text of each line
        assert facts["list"] == "OL" and facts["items"]
        assert not any(item[:1].isdigit() or item.startswith("Rank") for item in facts["items"]), facts["items"]
    finally:
        context.close()
