"""Text from the data must show as something.

The schema's ``label``, ``text`` and ``note`` patterns refuse control characters
and spaces or line breaks at either end (a regular expression cannot tell
letters from invisible characters); this rule refuses text that would still
show as nothing: only invisible, format or combining characters, such as
U+200B or U+3164, which the page drops or draws as blank (``escape.clean``).
"""
from __future__ import annotations

import re
from typing import Any

from fwguide.escape import has_visible
from fwguide.locate import where
from fwguide.rules import rule

# Every key whose value is free text (the schema's label, text and note); tests/rules checks the list
# against the schema, so a new text field cannot be forgotten here.
TEXT_KEYS = frozenset({"label", "name", "package", "description", "question", "summary", "text", "note",
                       "reason", "because", "help", "title", "verdict"})
TEXT_LIST_KEYS = frozenset({"architecture", "add", "reconsider", "answers"})   # lists of text
TEXT_MAP_KEYS = frozenset({"why_not", "scorer_note"})                          # framework id -> text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _strings(node: Any, path: tuple = ()):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield path + (key,), value
            elif key in TEXT_LIST_KEYS and isinstance(value, list):
                yield from ((path + (key, i), v) for i, v in enumerate(value) if isinstance(v, str))
                yield from _strings([v for v in value if not isinstance(v, str)], path + (key,))
            elif key in TEXT_MAP_KEYS and isinstance(value, dict):
                yield from ((path + (key, k), v) for k, v in value.items() if isinstance(v, str))
            else:
                yield from _strings(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, path + (i,))


@rule("visible-text", "Every name, label and text shows at least one visible character (letters, digits, "
                      "punctuation or symbols), not only spaces, invisible, format or combining characters.")
def check_visible(data, report, today):
    for path, value in _strings(data):
        if not value.strip() or _SURROGATE.search(value):
            continue  # blank text is the schema's problem, a lone surrogate the reader's
        if not has_visible(value):
            shown = "".join(f"U+{ord(ch):04X} " for ch in value[:8]).strip() + (" …" if len(value) > 8 else "")
            report(path, f"{where(data, path)}: shows nothing (only invisible characters: {shown}); "
                         f"write visible text")
