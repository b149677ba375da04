"""Small readers shared by the rules: they tolerate data the schema already flagged."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def items(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    """(index, item) for every mapping in the list ``data[key]``; nothing if it is not a list."""
    value = data.get(key) if isinstance(data, dict) else None
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def ids(data: Any, key: str, field: str = "id") -> set:
    return {item.get(field) for _, item in items(data, key)}
