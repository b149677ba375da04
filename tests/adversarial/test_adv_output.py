"""Every page of a strict build of the real site: parses, runs only scripts the site authored,
has no event-handler attributes or script URLs, keeps tables rectangular, and every Mermaid
source block stays inside the grammar the renderer emits."""
from __future__ import annotations

import json

import pytest

from adversarial import advhelpers as adv

pytestmark = pytest.mark.build


def _pages(site):
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def test_every_page_runs_only_the_sites_own_scripts(built_site):
    pages = _pages(built_site)
    assert "decision/index.html" in pages
    for name, page_html in pages.items():
        page = adv.scan(page_html)
        assert adv.foreign_scripts(page) == [], name
        assert page.handlers == [], (name, page.handlers)
        assert page.js_urls == [], (name, page.js_urls)
        for table in page.tables:
            assert not table or len(set(table)) == 1, (name, table)
        assert adv.duplicate_ids(page_html) == [], name


def test_the_flowchart_draws_every_path_once_and_links_each_outcome(built_site):
    from fwguide.loader import load_guide
    page = adv.scan(_pages(built_site)["decision/index.html"])
    assert adv.flowchart_errors(page, len(load_guide().paths())) == []


def test_the_flowchart_check_rejects_what_it_must():
    good = ('<div class="fwg-flow__q" data-flow-path="">Q?</div>'
            '<a class="fwg-flow__out" data-flow-path="1" href="#o">A</a><section id="o"></section>')
    assert adv.flowchart_errors(adv.scan(good), 1) == []
    for bad in (good.replace('href="#o"', 'href="#missing"'), good.replace(">Q?<", "> <"),
                good.replace('data-flow-path="1"', 'data-flow-path=""'), good + good.replace('id="o"', 'id="p"')):
        assert adv.flowchart_errors(adv.scan(bad), 1), bad


def test_the_script_check_rejects_what_it_must():
    for bad in ('<script>alert(1)</script>', '<script src="https://cdn.example.org/x.js"></script>',
                '<script type="application/json" id="other">{}</script>',
                '<script src="assets/javascripts/x.js">alert(1)</script>'):
        assert adv.foreign_scripts(adv.scan(bad)), bad
    assert adv.scan('<img src=x onerror="alert(1)">').handlers
    assert adv.scan('<a href=" JaVaScRiPt:alert(1)">x</a>').js_urls
    ok = ('<script id="__config" type="application/json">{}</script>'
          '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
          '<script src="../assets/javascripts/lazy-assets.js"></script>')
    assert adv.foreign_scripts(adv.scan(ok)) == []


def test_search_index_holds_data_text_escaped(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        page = adv.scan(doc.get("text", ""))
        assert adv.foreign_scripts(page) == [] and page.handlers == [], doc.get("location")
