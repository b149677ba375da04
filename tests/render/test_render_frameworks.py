"""One framework's parts and its page (fwguide/render/frameworks.py)."""
import re

import pytest

from fwguide.render import frameworks
from support import parse_tables


def test_identity_shows_version_as_of_review(guide):
    html = frameworks.render_identity(guide, "beta")
    assert "6.1" in html and "as of 2026-11-01" in html and "3.12, 3.13" in html
    assert parse_tables(html).captions == ["Beta at a glance"]


def test_unknown_framework_is_an_error_not_a_blank(guide):
    with pytest.raises(KeyError):
        frameworks.render_identity(guide, "nope")


def test_framework_page_holds_summary_facts_features_and_uses_in_order(guide):
    page = frameworks.render_framework_page(guide, "alpha")
    parts = [frameworks.render_framework_summary(guide, "alpha"), frameworks.render_identity(guide, "alpha"),
             "## Key features", frameworks.render_key_features(guide, "alpha"), "## Ideal uses",
             frameworks.render_ideal_uses(guide, "alpha")]
    positions = [page.index(part) for part in parts]
    assert positions == sorted(positions)
    for block in page.split("\n\n"):  # each generated block stays one raw HTML block
        assert block.startswith(("<", "## "))


def test_lists_cite_each_item(guide):
    html = frameworks.render_key_features(guide, "alpha")
    assert html.count('aria-label="source: Alpha key feature"') == len(guide.framework("alpha").key_features)


def test_overview_has_one_row_per_framework_and_its_role(guide):
    header, *rows = parse_tables(frameworks.render_framework_overview(guide)).tables[0]
    assert [r[0][1] for r in rows] == ["Alpha", "Beta"]
    assert all(r[3][1] == "Main subject" for r in rows)


def test_verdicts_give_each_framework_its_line_from_the_data_linked_to_its_page(guide):
    from fwguide.render.links import PageLinks
    html = frameworks.render_verdicts(guide, PageLinks("index.md"))
    items = re.findall(r'<li data-verdict="([^"]+)">(.*?)</li>', html)
    assert [fw_id for fw_id, _ in items] == [fw.id for fw in guide.frameworks]
    for (fw_id, item), fw in zip(items, guide.frameworks):
        assert f'aria-hidden="true">{fw.symbol}</span> <a href="frameworks/{fw_id}/">{fw.name}</a></strong> {fw.verdict}' in item


def test_verdicts_are_escaped():
    from support import hostile_guide
    html = frameworks.render_verdicts(hostile_guide())
    assert "<script>" not in html


def test_overview_cells_carry_their_column_name_for_the_card_layout(guide):
    html = frameworks.render_framework_overview(guide)
    assert html.count('<span class="fwg-card-label" aria-hidden="true">Role in this guide</span>') == 2
