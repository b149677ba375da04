"""One escaping function per place where text from the data lands.

* ``html_text``: HTML text and attribute values.  Whitespace (including line
  breaks, which would end a raw HTML block in Markdown) collapses to one space
  and control characters are dropped, so data can never start a Markdown line,
  a snippet include or a Jinja block.
* ``json_for_html``: JSON placed inside an HTML ``<script type="application/json">``.

No generated table is a Markdown table (they are HTML with captions), so a ``|``
in the data cannot split a cell.
"""
from __future__ import annotations

import html
import json
import unicodedata
from typing import Any


def clean(text: str) -> str:
    """Collapse whitespace and drop control and format characters (except ZWJ in emoji)."""
    kept = []
    for ch in str(text):
        category = unicodedata.category(ch)
        if category == "Cc" and not ch.isspace():
            continue
        if category == "Cf" and ch not in "\u200d":
            continue  # bidi overrides, zero-width spaces: invisible, can spoof
        kept.append(ch)
    return " ".join("".join(kept).split())


def html_text(text: str) -> str:
    return html.escape(clean(text), quote=True)


def json_for_html(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
