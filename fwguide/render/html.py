"""The one place where generated HTML is put together.

Every renderer builds its tables and blocks with these helpers, so every table
has a caption, header cells with a scope and the same wrapper, and every value
from the data goes through ``h`` (``escape.html_text``).  Blocks are emitted
without blank lines and with every line starting with a tag, so Markdown keeps
each one as a single raw HTML block and never parses data text.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from fwguide.escape import html_text as h

SOURCE_TEXT = "source"
# On an element, keeps it and its content out of the search index (Material for MkDocs and Zensical
# both honour it): code, source links and lists, provenance lines, diagrams and interactive shells.
# Material's indexer ends the exclusion at the first closing tag of the same name (it compares
# elements by tag), so it goes only on an element with no descendant of its own tag: a <table>, a
# <p>, a <span>, a <form>, a <figure>, a list without nested lists (tests/test_search.py checks).
NO_SEARCH = "data-search-exclude"

__all__ = ["h", "link", "source", "time", "th_row", "head", "table", "block", "lines", "dom_id", "DERIVED_IDS",
           "SOURCE_TEXT", "NO_SEARCH", "hidden_text", "card_label", "disclosure"]

# Element ids derived from data ids: the prefix, and the kind of data id that follows it.  Pages may
# link to them (comparison.md#feature--orm); ``pages`` checks such links against the data.
DERIVED_IDS = {"feature": "feature", "consideration": "consideration", "fwg-weight": "consideration",
               "outcome": "outcome", "releases": "framework"}
_WORDS = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def dom_id(prefix: str, *parts: str) -> str:
    """The element id for data ids, unique by construction: the parts joined by ``--``.

    A data id is lower-case words joined by single hyphens (the schema's ``id``), so ``--`` occurs
    only between parts: two different lists of parts never give the same id (``fwg-weight--a--q``
    for "a" and a suffix, ``fwg-weight--a-q`` for the id "a-q").  Heading ids made by Markdown
    never hold ``--`` (its slugs collapse runs of hyphens), so no derived id equals a heading's."""
    if prefix not in DERIVED_IDS:
        raise ValueError(f"dom_id: unknown prefix {prefix!r}; add it to DERIVED_IDS")
    for part in (prefix, *parts):
        if not _WORDS.fullmatch(part):
            raise ValueError(f"dom_id: {part!r} is not lower-case words joined by single hyphens")
    return "--".join((prefix, *parts))


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


def hidden_text(text: str) -> str:
    """Text for screen readers only (visually hidden by ``.fwg-sr`` in guide.css)."""
    return f'<span class="fwg-sr">{h(text)}</span>'


def card_label(text: str) -> str:
    """A cell's column name, shown only when a table is laid out as cards on a narrow screen (the
    column header says it to screen readers, so this copy is hidden from them)."""
    return f'<span class="fwg-card-label" aria-hidden="true">{h(text)}</span>'


def disclosure(summary_html: str, body_html: str, css: str) -> str:
    """A <details> that a keyboard reaches through its <summary>; both arguments are escaped HTML."""
    return f'<details class="{css}"><summary>{summary_html}</summary>{body_html}</details>'


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
