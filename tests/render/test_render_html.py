"""The HTML helpers every renderer uses (fwguide/render/html.py)."""
from fwguide.render import html
from support import assert_markdown_safe, parse_tables


def test_table_has_caption_header_cells_with_scope_and_rows():
    out = html.table("Cap &amp; tion", html.head("A", "B <b>"), ["<tr><td>1</td><td>2</td></tr>"], "css-x")
    tables = parse_tables(out)
    assert tables.captions == ["Cap & tion"]
    assert tables.tables == [[[("th", "A"), ("th", "B <b>")], [("td", "1"), ("td", "2")]]]
    assert '<th scope="col">B &lt;b&gt;</th>' in out and out.startswith('<div class="fwg-table css-x">')
    assert_markdown_safe(out)


def test_link_and_source_escape_url_text_and_label():
    out = html.source('https://x.example/?a=1&b="2"', 'Alpha <b>, ORM')
    assert 'href="https://x.example/?a=1&amp;b=&quot;2&quot;"' in out
    assert 'aria-label="source: Alpha &lt;b&gt;, ORM"' in out and ">source</a>" in out


def test_time_is_machine_readable():
    assert html.time("2026-11-29") == '<time datetime="2026-11-29">2026-11-29</time>'


def test_dom_id_is_injective_where_plain_joining_is_not():
    from fwguide.render.html import dom_id
    # "a" with the suffix "q" and the id "a-q": one hyphen made them the same element id
    assert dom_id("fwg-weight", "a", "q") != dom_id("fwg-weight", "a-q")
    assert dom_id("feature", "orm") == "feature--orm"
    ids = ["a", "a-q", "q", "a-b", "b", "a-b-q"]
    made = [dom_id("fwg-weight", x, *s) for x in ids for s in ((), ("q",))]
    assert len(set(made)) == len(made)


def test_dom_id_refuses_what_would_break_uniqueness():
    import pytest

    from fwguide.render.html import dom_id
    for bad in (("feature", "a--b"), ("feature", "-a"), ("feature", "A"), ("feature", ""), ("nope", "a")):
        with pytest.raises(ValueError):
            dom_id(*bad)
