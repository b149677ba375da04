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


def test_every_mermaid_source_is_in_the_grammar(built_site):
    sources = [s for html in _pages(built_site).values() for s in adv.scan(html).mermaid]
    assert sources, "no Mermaid source found"
    for source in sources:
        assert adv.mermaid_errors(source) == []


def test_the_grammar_check_rejects_what_it_must():
    good = ('flowchart TD\n  accTitle: Decision flowchart\n  n_a{"Is it #60;b#62;?"}\n  n_b(["Choose X"])\n'
            '  n_a -->|"Yes"| n_b\n  classDef outcome stroke-width:3px\n  class n_b outcome')
    assert adv.mermaid_errors(good) == []
    for bad in ('  n_a{"a"} --> n_c', '  click n_a call alert(1)', '%%{init: {"securityLevel": "loose"}}%%',
                '  n_a{"say "hi""}', '  n_a -->|"x"| n_zz', '  n_a{"<b>"}', ""):
        assert adv.mermaid_errors(good + "\n" + bad), bad


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
