"""Escaping for each place data text lands (fwguide/escape.py), and the renderers that use it."""

from fwguide.escape import clean, html_text, json_for_html
from fwguide.render import decision, matrix, ratings
from support import HOSTILE, hostile_guide


def test_html_text_escapes_and_flattens():
    out = html_text(HOSTILE)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\n" not in out and "\u202e" not in out and "\u200b" not in out
    assert "&quot;quote&quot;" in out


def test_clean_keeps_emoji_and_combining_marks():
    assert clean("caf\u0065\u0301 \U0001F469\u200d\U0001F4BB") == "caf\u0065\u0301 \U0001F469\u200d\U0001F4BB"


def test_json_for_html_cannot_close_its_script_element():
    out = json_for_html({"x": "</script><!-- \u2028 & >"})
    assert "</" not in out and "<!--" not in out and "\u2028" not in out and "&" not in out


def test_hostile_data_renders_safely():
    hostile = hostile_guide()
    for html in (matrix.render_feature_matrix(hostile), ratings.render_considerations(hostile),
                 decision.render_flowchart(hostile), decision.render_results(hostile),
                 decision.render_scenarios(hostile)):
        assert "<script>" not in html and "&lt;script&gt;" in html
        for line in html.split("\n"):  # data never starts a line (Markdown, snippets)
            assert line.startswith("<"), line
        assert "\n\n" not in html
