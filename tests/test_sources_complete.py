"""The Sources page is complete: every external link inside the content of every built page is
listed on it (issue 16).  The page is generated from the data and the Markdown sources
(fwguide/render/sources.py), so this fails only if a kind of link escapes the generator: a new
Markdown link syntax, a template, or a renderer that prints an address the data does not hold.
The theme's own footer link ("Made with Material for MkDocs") is outside the content and not a
source; the provenance footer's "edit this data" link points into this guide's own repository
(``extra.repository`` in mkdocs.yml), which is not a source either."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from fwguide.pages import read_config
from support import ROOT, page_paths

_REPOSITORY = read_config(ROOT / "mkdocs.yml")["extra"]["repository"]["url"]   # none in a local build
OWN_REPOSITORY = _REPOSITORY.rstrip("/") + "/" if _REPOSITORY else None

pytestmark = pytest.mark.build


class ContentLinks(HTMLParser):
    """The external hrefs inside <article> (Material's page content)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.found = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += tag not in ("br", "img", "input", "hr", "meta", "link", "wbr", "source")
        href = dict(attrs).get("href") if tag == "a" and self.depth else None
        if href and urlsplit(href).scheme in ("http", "https"):
            self.found.append(href)

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "input", "hr"):
            self.depth -= 1


def content_links(text: str) -> list[str]:
    parser = ContentLinks()
    parser.feed(text)
    return parser.found


@pytest.fixture(scope="module")
def listed(built_site) -> set[str]:
    page = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    return {html.unescape(u) for u in re.findall(r'<li data-url="([^"]+)">', page)}


def test_every_external_link_on_every_page_is_on_the_sources_page(built_site, listed):
    missing, seen = [], set()
    for path in page_paths(built_site):
        text = (built_site / path / "index.html").read_text(encoding="utf-8")
        for url in content_links(text):
            seen.add(url)
            if url not in listed and not (OWN_REPOSITORY and url.startswith(OWN_REPOSITORY)):
                missing.append(f"/{path}: {url}")
    assert len(seen) > 100, "too few links found: is the content still inside <article>?"
    assert not missing, "links missing from the Sources page:\n" + "\n".join(sorted(set(missing)))


def test_every_listed_address_is_linked_somewhere_else_on_the_site(built_site, listed):
    """The other direction: the Sources page lists no address that no other page shows."""
    shown = set()
    for path in page_paths(built_site):
        if path != "sources/":
            shown |= set(content_links((built_site / path / "index.html").read_text(encoding="utf-8")))
    assert listed <= shown, sorted(listed - shown)[:10]


def test_the_parser_reads_content_only():
    text = ('<header><a href="https://outside.example.org/">x</a></header><article class="md-content__inner">'
            '<p><a href="https://inside.example.org/">in</a><br><a href="../local/">l</a></p></article>'
            '<footer><a href="https://squidfunk.github.io/mkdocs-material/">M</a></footer>')
    assert content_links(text) == ["https://inside.example.org/"]
