"""The feature matrix and the legend (fwguide/render/matrix.py)."""
import re

from fwguide.render import matrix
from support import parse_tables


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


def test_matrix_cells_carry_level_words_package_and_note(guide):
    html = matrix.render_feature_matrix(guide)
    assert "Third-party package" in html and "Alpha-SQL" in html and "Through an extension." in html
    assert 'href="https://alpha-sql.example.org/"' in html
    cells = re.findall(r'<td data-level="([^"]+)"><strong[^>]*>([^<]+)</strong>', html)
    assert len(cells) == len(guide.features) * len(guide.frameworks)
    assert all(guide.level(level).label == word for level, word in cells)


def test_category_table_holds_only_its_features(guide):
    rows = parse_tables(matrix.render_category_table(guide, "apis")).tables[0][1:]
    assert [r[0][1].split("A machine")[0] for r in rows] == ["OpenAPI"]


def test_legend_lists_each_level(guide):
    rows = parse_tables(matrix.render_legend(guide)).tables[0][1:]
    assert [r[0][1] for r in rows] == [level.label for level in guide.levels]
