"""Sources and review dates (fwguide/render/sources.py)."""
from fwguide.render import sources
from support import parse_tables


def test_sources_include_every_cited_url_once_per_framework(guide):
    html = sources.render_sources(guide)
    for fw in guide.raw["frameworks"]:
        for cell in fw["support"].values():
            assert f'href="{cell["source"]}"' in html
    tables = parse_tables(html)
    assert [len(t) - 1 for t in tables.tables] == [len(c) for c in sources.cited_sources(guide).values()]


def test_a_source_cited_twice_lists_both_uses(guide):
    cites = sources.cited_sources(guide)["beta"]
    assert cites["https://docs.beta.example.org/intro/"] == ["key feature", "ideal use", "rating: Project size",
                                                             "rating: Model serving"]


def test_reviewed_stamp_names_each_framework_and_date(guide):
    html = sources.render_reviewed(guide)
    assert 'Alpha <time datetime="2026-11-01">' in html and 'Beta <time datetime="2026-11-01">' in html
