"""The search index holds titles, headings and prose, within its budget: code blocks, source
lists and links, provenance lines, the flowchart, the interactive shells and their JSON are left
out (`data-search-exclude`, which Material for MkDocs and Zensical both honour)."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from bench.budgets import KB, SEARCH_INDEX_RAW
from fwguide.loader import load_guide
from fwguide.render.html import NO_SEARCH, SOURCE_TEXT
from support import ROOT

FENCE = re.compile(r"^(\s*)```(.*)$")


def fences(text: str):
    """(line number, info string) of every fenced code block that opens in a Markdown page."""
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE.match(line)
        if match and not inside:
            inside = True
            yield number, match.group(2).strip()
        elif match and inside and not match.group(2).strip():
            inside = False


def test_every_code_block_in_the_pages_is_left_out_of_search():
    found = 0
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for number, info in fences(page.read_text(encoding="utf-8")):
            found += 1
            assert re.fullmatch(r"\{ \.\w+( title=\"[^\"]+\")? data-search-exclude=\"code\" \}", info), (
                f"{page.relative_to(ROOT)}:{number}: write the fence as "
                '``` { .LANG title="..." data-search-exclude="code" }')
    assert found >= 30


class Excluded(HTMLParser):
    """Every element carrying data-search-exclude, with the tags nested inside it."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack: list[list] = []   # [tag, excluded?, nested tags]
        self.found: list[tuple[str, set[str]]] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        for entry in self.stack:
            if entry[1]:
                entry[2].add(tag)
        self.stack.append([tag, NO_SEARCH in dict(attrs), set()])

    def handle_endtag(self, tag):
        while self.stack:
            entry = self.stack.pop()
            if entry[1]:
                self.found.append((entry[0], entry[2]))
            if entry[0] == tag:
                break


@pytest.mark.build
def test_no_excluded_element_holds_its_own_tag(built_site):
    """Material's indexer compares elements by tag name, so an exclusion ends at the first closing
    tag of the same name inside it: a <div data-search-exclude> around other divs leaks them."""
    checked = 0
    for page in sorted(built_site.rglob("index.html")):
        parser = Excluded()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, nested in parser.found:
            checked += 1
            assert tag not in nested, f"{page.relative_to(built_site)}: <{tag} {NO_SEARCH}> holds another <{tag}>"
    assert checked > 50


@pytest.fixture(scope="module")
def index(built_site) -> dict:
    return json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.build
def test_search_index_is_within_its_budget(built_site):
    size = (built_site / "search" / "search_index.json").stat().st_size
    assert size <= SEARCH_INDEX_RAW, (f"search index {size / KB:.1f} KB > budget {SEARCH_INDEX_RAW / KB:.0f} KB "
                                      "(bench/budgets.py): is something other than prose indexed?")


@pytest.mark.build
def test_code_blocks_source_lists_and_payloads_are_not_indexed(index):
    texts = [doc["text"] for doc in index["docs"]]
    everything = "\n".join(texts)
    assert "<pre>" not in everything                              # code blocks
    assert f"({SOURCE_TEXT})" not in everything                   # the "(source)" links
    assert "Generated from <code>data/frameworks.yaml</code>" not in everything   # provenance lines
    assert "Sources:" not in everything                            # a recommendation's numbered sources
    assert "open in the guide" not in everything                   # the paths under every recommendation
    assert '"hooks"' not in everything and "data-guide" not in everything   # the interactive shells' JSON
    assert "Start over" not in everything and "needs JavaScript" not in everything
    code = {line.strip() for path in (ROOT / "examples").rglob("*.py")
            for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"\s*(from \S+ import \w|def \w+\(|class \w+[(:])", line)}
    assert len(code) > 50
    plain = html.unescape(everything)
    assert sorted(line for line in code if line in plain) == []    # the tested examples' code
    guide = load_guide()
    urls = {url for fw in guide.frameworks for url in (fw.homepage, fw.docs, fw.package, fw.version_source,
                                                       *(cell.source for cell in fw.support.values()))}
    leaked = sorted(url for url in urls if url in everything)
    assert leaked == [], leaked[:5]                                # the Sources page's tables


def _article_headings(page: Path) -> list[tuple[str, str]]:
    article = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>',
                        page.read_text(encoding="utf-8"), re.S).group(1)
    return re.findall(r'<h([1-6]) id="([^"]+)"', article)


@pytest.mark.build
def test_titles_headings_and_prose_are_kept(built_site, index):
    locations = {doc["location"] for doc in index["docs"]}
    by_location = {doc["location"]: doc for doc in index["docs"]}
    pages = sorted(built_site.rglob("index.html"))
    for page in pages:
        rel = page.parent.relative_to(built_site).as_posix()
        url = "" if rel == "." else rel + "/"
        if url.startswith(("search", "404")):
            continue
        assert url in locations, url
        for level, anchor in _article_headings(page):
            if level != "1":
                assert f"{url}#{anchor}" in locations, (url, anchor)
    home = by_location[""]["text"]
    assert "trained in-house" in html.unescape(home)                # the home page's first paragraph
    decision = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("decision/"))
    guide = load_guide()
    for node in guide.outcomes:                                      # every recommendation's reason
        assert html.escape(node.reason, quote=False) in decision, node.id
    serving = by_location["ai/serving/#load-the-model-once-per-worker-process-not-per-request"]["text"]
    assert "<code>create_app()</code>" in serving                      # inline code in prose stays
