"""The feature matrix, the legend and the topic pages' feature tables (fwguide/render/matrix.py)."""
import re

import pytest

from fwguide.render import matrix
from fwguide.schema import level_ids
from support import hostile_guide, parse_tables

LINE = re.compile(r'<td data-level="([^"]+)">.*?<span class="fwg-cell__line">(.*?)</span><details', re.S)


def test_matrix_has_a_header_row_and_one_column_per_framework(guide):
    tables = parse_tables(matrix.render_feature_matrix(guide))
    assert len(tables.tables) == len(guide.categories)
    for table, category in zip(tables.tables, guide.categories):
        header, *rows = table
        assert [text for _, text in header] == ["Feature"] + [fw.name for fw in guide.frameworks]
        assert all(tag == "th" for tag, _ in header)
        assert len(rows) == len(guide.features_in(category.id))
        for row in rows:
            assert row[0][0] == "th" and len(row) == 1 + len(guide.frameworks)


def test_each_cell_shows_symbol_word_and_package_on_its_first_line(guide):
    html = matrix.render_feature_matrix(guide)
    lines = LINE.findall(html)
    assert len(lines) == len(guide.features) * len(guide.frameworks)
    for level_id, line in lines:
        level = guide.level(level_id)
        assert f'aria-hidden="true">{level.symbol}</span> {level.label}</span>' in line
    assert ('Third-party package</span> <code class="fwg-pkg">Alpha-SQL</code>' in html)


def test_the_note_and_its_source_sit_in_a_disclosure_named_for_its_cell(guide):
    html = matrix.render_category_table(guide, "data-layer")
    notes = re.findall(r'<details class="fwg-note"><summary>(.*?)</summary>(.*?)</details>', html)
    assert len(notes) == len(guide.features_in("data-layer")) * len(guide.frameworks)
    summary, body = notes[0]
    assert summary == 'Note <span class="fwg-sr">on Alpha, ORM</span>'
    assert "Through an extension." in body and 'href="https://alpha-sql.example.org/"' in body
    assert 'aria-label="source: Alpha, ORM"' in body


def test_each_cell_names_its_framework_for_the_card_layout_hidden_from_screen_readers(guide):
    html = matrix.render_category_table(guide, "data-layer")
    names = re.findall(r'<td data-level="[^"]+"><span class="fwg-card-label" aria-hidden="true">([^<]+)</span>', html)
    assert names == [fw.name for fw in guide.frameworks] * len(guide.features_in("data-layer"))
    assert 'class="fwg-table fwg-matrix fwg-cards"' in html


def test_category_table_holds_only_its_features(guide):
    rows = parse_tables(matrix.render_category_table(guide, "apis")).tables[0][1:]
    assert [r[0][1].split("A machine")[0] for r in rows] == ["OpenAPI"]


def test_features_table_holds_the_named_features_in_the_order_given(guide):
    tables = parse_tables(matrix.render_features_table(guide, ["openapi", "orm"]))
    rows = tables.tables[0][1:]
    assert [r[0][1].split("A machine")[0].split("Maps")[0] for r in rows] == ["OpenAPI", "ORM"]
    assert tables.captions == ["OpenAPI, ORM: how each framework provides it"]


def test_features_table_escapes_names():
    html = matrix.render_features_table(hostile_guide(), ["orm"])
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_legend_lists_each_level_with_its_symbol(guide):
    rows = parse_tables(matrix.render_legend(guide)).tables[0][1:]
    assert [r[0][1] for r in rows] == [f"{level.symbol} {level.label}" for level in guide.levels]
    assert "Partial" in [level.label for level in guide.levels]


@pytest.mark.parametrize("level_id", level_ids())
def test_every_level_of_the_vocabulary_has_its_css(level_id):
    from fwguide.paths import ROOT
    css = (ROOT / "docs" / "assets" / "stylesheets" / "guide.css").read_text(encoding="utf-8")
    assert f'td[data-level="{level_id}"]' in css
