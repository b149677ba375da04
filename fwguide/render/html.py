"""The one place where generated HTML is put together.

Every renderer builds its tables and blocks with these helpers, so every table
has a caption, header cells with a scope and the same wrapper, and every value
from the data goes through ``h`` (``escape.html_text``).  Blocks are emitted
without blank lines and with every line starting with a tag, so Markdown keeps
each one as a single raw HTML block and never parses data text.
"""
from __future__ import annotations

from collections.abc import Iterable

from fwguide.escape import html_text as h

SOURCE_TEXT = "source"
# On an element, keeps it and its content out of the search index (Material for MkDocs and Zensical
# both honour it): code, source links and lists, provenance lines, diagrams and interactive shells.
# Material's indexer ends the exclusion at the first closing tag of the same name (it compares
# elements by tag), so it goes only on an element with no descendant of its own tag: a <table>, a
# <p>, a <span>, a <form>, a <figure>, a list without nested lists (tests/test_search.py checks).
NO_SEARCH = "data-search-exclude"

__all__ = ["h", "link", "source", "time", "th_row", "head", "table", "block", "lines", "SOURCE_TEXT", "NO_SEARCH"]


def link(url: str, text: str, label: str | None = None, searchable: bool = True) -> str:
    """A link; ``searchable=False`` keeps its text out of the search index (a URL shown as text)."""
    aria = f' aria-label="{h(label)}"' if label else ""
    hide = "" if searchable else f" {NO_SEARCH}"
    return f'<a href="{h(url)}"{aria}{hide}>{h(text)}</a>'


def source(url: str, about: str) -> str:
    """The small "(source)" link after a claim; its accessible name says what it supports."""
    return f'<span class="fwg-src" {NO_SEARCH}>({link(url, SOURCE_TEXT, f"{SOURCE_TEXT}: {about}")})</span>'


def time(date: str) -> str:
    return f'<time datetime="{h(date)}">{h(date)}</time>'


def th_row(content_html: str) -> str:
    """A row header cell; the content is HTML already escaped by the caller."""
    return f'<th scope="row">{content_html}</th>'


def head(*columns: str) -> str:
    """A header row from plain-text column names (escaped here)."""
    cells = "".join(f'<th scope="col">{h(c)}</th>' for c in columns)
    return f"<thead><tr>{cells}</tr></thead>"


def table(caption_html: str, head_html: str, rows: Iterable[str], css: str, attrs: str = "",
          searchable: bool = True) -> str:
    """A captioned table in the site's wrapper; ``caption_html`` and ``rows`` are escaped HTML.
    ``searchable=False`` keeps the table out of the search index."""
    tag = "<table>" if searchable else f"<table {NO_SEARCH}>"
    return lines(f'<div class="fwg-table {css}"{attrs}>', tag, f"<caption>{caption_html}</caption>",
                 head_html, "<tbody>", *rows, "</tbody>", "</table>", "</div>")


def block(css: str, *parts: str) -> str:
    return lines(f'<div class="{css}">', *parts, "</div>")


def lines(*parts: str) -> str:
    return "\n".join(parts)
