"""The theme is customised by one template, `overrides/main.html`, which both builders honour
(MkDocs with Material and Zensical); accessibility fixes to the theme's own markup live in
`docs/assets/javascripts/a11y.js`, not in copies of the theme's partials, which drift between
themes (a copied Material search partial breaks Zensical's search)."""
from __future__ import annotations

from support import ROOT


def test_only_main_html_is_overridden():
    files = sorted(p.relative_to(ROOT / "overrides").as_posix() for p in (ROOT / "overrides").rglob("*") if p.is_file())
    assert files == ["main.html"]
    text = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert text.startswith('{% extends "base.html" %}') and "{{ super() }}" in text


def test_the_runtime_fixes_cover_what_the_partials_used_to():
    script = (ROOT / "docs" / "assets" / "javascripts" / "a11y.js").read_text(encoding="utf-8")
    for needle in ('.md-search[role="dialog"]', "aria-label", '.md-progress[role="progressbar"]', "aria-hidden",
                   ".md-code__nav", "MutationObserver"):
        assert needle in script, needle
