"""The considerations table (fwguide/render/ratings.py)."""
from fwguide.render import ratings
from support import parse_tables


def test_considerations_rows_and_ratings_in_words(guide):
    header, *rows = parse_tables(ratings.render_considerations(guide)).tables[0]
    assert [t for _, t in header][1:] == [fw.name for fw in guide.frameworks]
    assert len(rows) == len(guide.considerations)
    assert "3 of 5: Adequate" in rows[0][1][1] and "5 of 5: Excellent" in rows[0][2][1]


def test_considerations_filter_ai(guide):
    rows = parse_tables(ratings.render_considerations(guide, ai=True)).tables[0][1:]
    assert [r[0][1].split("How")[0] for r in rows] == ["Model serving"]
    rows = parse_tables(ratings.render_considerations(guide, ai=False)).tables[0][1:]
    assert [r[0][1].split("How")[0] for r in rows] == ["Project size"]


def test_the_two_tables_on_one_page_have_different_captions(guide):
    captions = [parse_tables(ratings.render_considerations(guide, ai=ai)).captions[0] for ai in (None, False, True)]
    assert len(set(captions)) == 3 and captions[2].startswith("AI-specific considerations, rated from 1 to 5")


def test_rated_cells_name_their_framework_for_the_card_layout(guide):
    html = ratings.render_considerations(guide, ai=True)
    assert html.count('<span class="fwg-card-label" aria-hidden="true">Alpha</span>') == 1
    assert 'class="fwg-table fwg-ratings fwg-cards"' in html
