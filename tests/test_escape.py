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
def test_visible_means_drawn_after_cleaning():
    from fwguide.escape import has_visible, is_visible
    assert has_visible("Alpha") and has_visible("\u05d0") and has_visible("\U0001F600") and has_visible("½")
    for blank in ("\u200b", "\u3164", "\u2800", "\u0301", "\u202e\u202c", " \u00a0\u3000 ", "\U000e0041"):
        assert not has_visible(blank), repr(blank)
    assert not is_visible(" ") and is_visible("-")


def test_shown_form_ignores_spacing_case_invisible_characters_and_composition():
    from fwguide.escape import shown_form
    assert shown_form("Yes ") == shown_form("yes") == shown_form("Y\u200bes") == shown_form("YES")
    assert shown_form("caf\u00e9") == shown_form("cafe\u0301")
    assert shown_form("Yes") != shown_form("Yes!") and shown_form("No") != shown_form("N o")


def test_clean_fast_path_matches_the_character_loop():
    """`clean` takes a shortcut for ASCII text without control characters; on every ASCII
    character, alone and between letters, both ways give the same result."""
    from fwguide.escape import _clean_slow
    for code in range(128):
        for text in (chr(code), f"a{chr(code)}b", f" {chr(code)}{chr(code)} x "):
            assert clean(text) == _clean_slow(text), repr(text)
    assert clean("a\x00b\x7fc\x1bd") == "abcd" and clean("a\x1cb\tc\n d") == "a b c d"
