"""The theme partials overridden for accessibility stay copies of Material's own, changed only
where an accessibility fix needs it, so a Material upgrade that changes them is noticed."""
from __future__ import annotations

import re
from pathlib import Path

import material

from support import ROOT

THEME = Path(material.__file__).parent / "templates" / "partials"
OVERRIDES = ROOT / "overrides" / "partials"


def _body(text: str) -> str:
    """The partial without its leading Jinja comment."""
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


def test_search_override_only_names_the_dialog():
    ours = _body((OVERRIDES / "search.html").read_text(encoding="utf-8"))
    theirs = _body((THEME / "search.html").read_text(encoding="utf-8"))
    old = '<div class="md-search" data-md-component="search" role="dialog">'
    assert old in theirs, "Material's search partial changed: re-copy it and re-apply the aria-label"
    assert ours == theirs.replace(old, old[:-1] + ' aria-label="{{ lang.t(\'search\') }}">')


def test_progress_override_is_decorative():
    ours = _body((OVERRIDES / "progress.html").read_text(encoding="utf-8")).strip()
    theirs = _body((THEME / "progress.html").read_text(encoding="utf-8")).strip()
    assert theirs == '<div class="md-progress" data-md-component="progress" role="progressbar"></div>', \
        "Material's progress partial changed: review the override"
    assert ours == '<div class="md-progress" data-md-component="progress" aria-hidden="true"></div>'
