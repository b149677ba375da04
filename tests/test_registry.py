"""The declared macro registry (fwguide/registry.py): every macro once, its parameters and kinds,
whether it carries the footer; every declared macro renders and is used by a page."""

import pytest

from fwguide import registry
from fwguide.pages import macro_calls
from fwguide.registry import REQUIRED, macros
from support import ROOT, assert_markdown_safe, parse_tables

MACROS = macros()


def sample_args(guide, m: registry.Macro) -> list:
    """One valid argument list for a macro: the first id of each id parameter's kind (a list of the
    first two for a list parameter)."""
    return [list(guide.ids(p.kind)[:2]) if p.many else guide.ids(p.kind)[0]
            for p in m.params if p.kind and p.default is REQUIRED]


def test_parameters_and_their_kinds_come_from_the_signatures():
    assert [(p.name, p.kind) for p in MACROS["category_table"].params] == [("category_id", "category")]
    assert [(p.name, p.kind) for p in MACROS["framework_page"].params] == [("framework_id", "framework")]
    assert [(p.name, p.kind, p.many) for p in MACROS["features_table"].params] == [("feature_ids", "feature", True)]
    assert not MACROS["category_table"].params[0].many
    assert MACROS["considerations_table"].params[0].default is None
    assert MACROS["decision_guide"].takes_links and MACROS["decision_guide"].params == ()
    assert MACROS["framework_page"].framework_param == "framework_id"
    assert [(p.name, p.kind) for p in MACROS["measured"].params] == [("key", "figure"), ("below", "figure"),
                                                                     ("above", "figure")]
    assert MACROS["measured"].takes_links


def test_a_name_declared_twice_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        registry.macro("feature_matrix", footer=True)(lambda guide: "")


@pytest.mark.parametrize("name", sorted(MACROS))
def test_every_macro_renders_captioned_tables_in_one_markdown_safe_block(name, guide):
    m = MACROS[name]
    out = m.render(guide, *sample_args(guide, m))
    assert out.strip(), name
    tables = parse_tables(out)
    assert len(tables.captions) == len(tables.tables)
    for table in tables.tables:
        assert table[0] and all(tag == "th" for tag, _ in table[0]), "a header row of th cells"
    if name == "framework_page":   # the one macro that also emits Markdown headings
        assert all(block.startswith(("<", "## ")) for block in out.split("\n\n"))
    elif name == "decision_flowchart":   # Mermaid source inside <pre>: one block, indented lines
        assert "\n\n" not in out and out.startswith("<figure")
    else:
        assert_markdown_safe(out)


@pytest.mark.parametrize("name", sorted(MACROS))
def test_a_macro_that_renders_a_data_table_carries_the_footer(name, guide):
    m = MACROS[name]
    from_data = m.render.__module__ != "fwguide.render.contributing"
    out = m.render(guide, *sample_args(guide, m))
    has_table = "<table" in out
    if m.render.__module__ == "fwguide.render.measured":
        # The footer names data/frameworks.yaml; the measured tables name their own file instead.
        assert not m.footer, name
        if has_table:
            assert 'class="fwg-provenance"' in out and "data/measurements.yaml" in out, name
        return
    if from_data and has_table:
        assert m.footer, f"{name} renders a table from the data but declares no footer"
    if not from_data:
        assert not m.footer, f"{name} renders no data, so no 'generated from' footer"


def test_every_declared_macro_is_used_by_some_page_and_every_call_is_declared():
    used = set()
    for page in (ROOT / "docs").rglob("*.md"):
        used |= {match.group(1) for match in macro_calls(page.read_text(encoding="utf-8"))}
    assert used == set(MACROS)
