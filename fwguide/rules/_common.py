"""Small readers shared by the rules: they tolerate data the schema already flagged."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any


def items(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    """(index, item) for every mapping in the list ``data[key]``; nothing if it is not a list."""
    value = data.get(key) if isinstance(data, dict) else None
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def ids(data: Any, key: str, field: str = "id") -> set:
    return {item.get(field) for _, item in items(data, key)}


def guide_or_none(data: Any):
    """The typed model when the data is whole enough to build it, else None (other rules and the
    schema report why).  For rules that need the tree walked or the scorer run."""
    from fwguide import model
    try:
        guide = model.build(data)
        guide.paths()
        return guide
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError):
        return None


def did_you_mean(value: Any, choices: Iterable[Any]) -> str:
    """ " (did you mean 'x'?)" when a defined id is close to the one written, else ""."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, [c for c in choices if isinstance(c, str)], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
