"""Renderers, called directly: structure, values from the data, and escaping."""
import re
from html.parser import HTMLParser

import pytest
import yaml

from fwguide import model, render
from fwguide.escape import clean, html_text, mermaid_label
from guidehelpers import fixture_text


class Tables(HTMLParser):
    """Collects every table as rows of (tag, text) cells, plus captions."""

    def __init__(self):
        super().__init__()
        self.tables, self.captions, self._cell, self._in_caption = [], [], None, False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = [tag, ""]
        elif tag == "caption":
            self._in_caption = True
            self.captions.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell:
            self.tables[-1][-1].append(tuple(self._cell))
            self._cell = None
        elif tag == "caption":
            self._in_caption = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[1] += data
        elif self._in_caption:
            self.captions[-1] += data


def parse(html: str) -> Tables:
    parser = Tables()
    parser.feed(html)
    return parser


@pytest.fixture
def guide():
    return model.build(yaml.safe_load(fixture_text()))


def test_matrix_has_a_header_row_and_one_column_per_framework(guide):
    tables = parse(render.render_feature_matrix(guide))
    assert len(tables.tables) == len(guide.categories)
    for table, category in zip(tables.tables, guide.categories):
        header, *rows = table
        assert [text for _, text in header] == ["Feature"] + [fw.name for fw in guide.frameworks]
        assert all(tag == "th" for tag, _ in header)
        assert len(rows) == len(guide.features_in(category.id))
        for row in rows:
            assert row[0][0] == "th" and len(row) == 1 + len(guide.frameworks)


def test_matrix_cells_carry_level_words_package_and_note(guide):
    html = render.render_feature_matrix(guide)
    assert "Third-party package" in html and "Alpha-SQL" in html and "Through an extension." in html
    assert 'href="https://alpha-sql.example.org/"' in html
    cells = re.findall(r'<td data-level="([^"]+)"><strong[^>]*>([^<]+)</strong>', html)
    assert cells and all(guide.level(level).label == word for level, word in cells)


def test_every_table_has_a_caption(guide):
    for html in (render.render_feature_matrix(guide), render.render_considerations(guide),
                 render.render_legend(guide), render.render_identity(guide, "alpha"),
                 render.render_sources(guide), render.render_framework_overview(guide)):
        tables = parse(html)
        assert tables.tables and len(tables.captions) == len(tables.tables)


def test_considerations_rows_and_ratings_in_words(guide):
    table = parse(render.render_considerations(guide)).tables[0]
    header, *rows = table
    assert [t for _, t in header][1:] == [fw.name for fw in guide.frameworks]
    assert len(rows) == len(guide.considerations)
    assert "3 of 5: Adequate" in rows[0][1][1] and "5 of 5: Excellent" in rows[0][2][1]


def test_considerations_filter_ai(guide):
    rows = parse(render.render_considerations(guide, ai=True)).tables[0][1:]
    assert [r[0][1].split("How")[0] for r in rows] == ["Model serving"]


def test_legend_lists_each_level(guide):
    rows = parse(render.render_legend(guide)).tables[0][1:]
    assert [r[0][1] for r in rows] == [level.label for level in guide.levels]


def test_flowchart_defines_every_node_it_links(guide):
    source = render.mermaid_source(guide)
    defined = set(re.findall(r"^  (n_\w+)[\[\(\{]", source, re.M))
    linked = set(re.findall(r"(n_\w+) -->", source)) | set(re.findall(r"\| (n_\w+)$", source, re.M))
    assert defined == {render.node_ref(n) for n in guide.nodes}
    assert linked <= defined
    edges = len(re.findall(r" -->\|", source))
    assert edges == sum(len(n.answers) for n in guide.nodes.values())
    assert source.startswith("flowchart TD") and "accTitle" in source and "\n\n" not in source


def test_text_tree_shows_every_path_outcome(guide):
    html = render.render_decision_text(guide)
    outcomes = re.findall(r'data-outcome="(\w+)"', html)
    assert len(outcomes) == len(guide.paths())
    assert "Do you need user accounts?" in html and "Accounts are built in." in html


def test_identity_shows_version_as_of_review(guide):
    html = render.render_identity(guide, "beta")
    assert "6.1" in html and "as of 2026-11-01" in html and "3.12, 3.13" in html


def test_sources_include_every_cited_url(guide):
    html = render.render_sources(guide)
    for fw in guide.raw["frameworks"]:
        for cell in fw["support"].values():
            assert f'href="{cell["source"]}"' in html


def test_unknown_framework_is_an_error_not_a_blank(guide):
    with pytest.raises(KeyError):
        render.render_identity(guide, "nope")


# ---------------------------------------------------------------- escaping

HOSTILE = ('<script>alert(1)</script> | pipe `tick` [link](javascript:x) {{ 7*7 }} {% if %} '
           '"quote" A-->B %%{init: {}}%% click n_x call x() \u202eevil\u200b \n\n## heading')


def test_html_text_escapes_and_flattens():
    out = html_text(HOSTILE)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\n" not in out and "\u202e" not in out and "\u200b" not in out
    assert "&quot;quote&quot;" in out


def test_clean_keeps_emoji_and_combining_marks():
    assert clean("caf\u0065\u0301 \U0001F469\u200d\U0001F4BB") == "caf\u0065\u0301 \U0001F469\u200d\U0001F4BB"


def test_mermaid_label_neutralises_syntax():
    out = mermaid_label(HOSTILE)
    assert re.fullmatch(r"[A-Za-z0-9 .,:?!'()/+*=@$^~_\-#;]*", out)
    assert '"' not in out and "-->" not in out and "%%" not in out and "[" not in out and "{" not in out


def test_hostile_data_renders_safely(guide):
    data = yaml.safe_load(fixture_text())
    data["frameworks"][0]["name"] = HOSTILE
    data["features"][0]["name"] = HOSTILE
    data["decision"]["nodes"][0]["question"] = HOSTILE
    data["decision"]["nodes"][0]["answers"][0]["label"] = HOSTILE
    hostile = model.build(data)
    for html in (render.render_feature_matrix(hostile), render.render_considerations(hostile),
                 render.render_flowchart(hostile), render.render_decision_text(hostile)):
        assert "<script>" not in html
        for line in html.split("\n"):  # data never starts a line (Markdown, snippets, Mermaid)
            assert line.startswith(("<", "  n_", "  accTitle:", "  accDescr:", "  class", "flowchart")), line
        assert "\n\n" not in html
    source = render.mermaid_source(hostile)
    for line in source.split("\n")[1:]:
        assert not line.strip().startswith(("click", "%%")), line
