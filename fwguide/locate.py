"""Naming a place in the data for a message: its readable location and its line.

``where(data, path)`` turns ``("frameworks", 0, "support", "orm")`` into
``frameworks[flask].support.orm``; ``line_of(lines, path)`` finds the line the
strict reader recorded for that path, or for its nearest recorded parent.
"""
from __future__ import annotations

import json
from typing import Any

from fwguide.yamlstrict import KeyPath

Lines = dict[KeyPath, int]


def where(data: Any, path: KeyPath) -> str:
    """A readable location: frameworks[flask].support.orm rather than /frameworks/0/support/orm."""
    out, node = "", data
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out or "top level"


def line_of(lines: Lines, path: KeyPath) -> int:
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


def short(value: Any, limit: int = 60) -> str:
    """A value as a message quotes it: JSON for scalars, the type's name for lists and mappings."""
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
