"""One escaping function per place where text from the data lands.

* ``html_text``: HTML text and attribute values.  Whitespace (including line
  breaks, which would end a raw HTML block in Markdown) collapses to one space
  and control characters are dropped, so data can never start a Markdown line,
  a snippet include or a Jinja block.
* ``json_for_html``: JSON placed inside an HTML ``<script type="application/json">``.

No generated table is a Markdown table (they are HTML with captions), so a ``|``
in the data cannot split a cell.

What a reader sees of a text is ``clean(text)``; the data rules use the same
definition (``has_visible``, ``shown_form``), so a name that would show as an
empty cell, or two answers that would look alike, are refused before anything
is rendered (rule ``visible-text`` and ``decision-graph``).
"""
from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any


# ASCII control characters that are not whitespace (str.split() treats \t\n\v\f\r and \x1c-\x1f as
# whitespace); ASCII has no format (Cf) characters.
_ASCII_DROPPED = re.compile("[\x00-\x08\x0e-\x1b\x7f]")


def clean(text: str) -> str:
    """Collapse whitespace and drop control and format characters (except ZWJ in emoji)."""
    text = str(text)
    if text.isascii() and not _ASCII_DROPPED.search(text):
        return " ".join(text.split())  # most of the data; the same result as the loop below, faster
    return _clean_slow(text)


def _clean_slow(text: str) -> str:
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc" and not ch.isspace():
            continue
        if category == "Cf" and ch not in "\u200d":
            continue  # bidi overrides, zero-width spaces: invisible, can spoof
        kept.append(ch)
    return " ".join("".join(kept).split())


# Letters and symbols that draw nothing: Hangul fillers and the blank Braille pattern.
_BLANK_GRAPHICS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_visible(ch: str) -> bool:
    """A character that draws something: a letter, digit, punctuation mark or symbol (not a space,
    a control or format character, a lone combining mark, a private-use or unassigned code point)."""
    return unicodedata.category(ch)[0] in "LNPS" and ch not in _BLANK_GRAPHICS


def has_visible(text: str) -> bool:
    """True when the text as shown (``clean``) has at least one visible character."""
    return any(is_visible(ch) for ch in clean(text))


def shown_form(text: str) -> str:
    """The text as a reader tells it apart from another: as shown (``clean``: spacing collapsed,
    invisible characters dropped), composed (NFC, so e + U+0301 is é) and without letter case."""
    return unicodedata.normalize("NFC", clean(text)).casefold()


def html_text(text: str) -> str:
    return html.escape(clean(text), quote=True)


def json_for_html(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
