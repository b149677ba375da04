"""Links in the hand-written pages (fwguide/prose.py): what counts as a link, and what does not."""
from fwguide.prose import front_matter, links_in, page_links


def test_inline_autolinks_html_and_reference_links_are_found_in_order():
    text = ('See [the `proxy_buffering` setting](https://nginx.org/a#b "title") and <https://x.example.org/>.\n'
            '<a href="https://y.example.org/">Y <em>docs</em></a>\n'
            '[What does "micro" mean?](https://flask.example.org/design/#micro)\n'
            '[ref]: https://z.example.org/\n')
    assert links_in(text) == [("https://nginx.org/a#b", "the proxy_buffering setting"),
                              ("https://x.example.org/", "https://x.example.org/"),
                              ("https://y.example.org/", "Y docs"),
                              ("https://flask.example.org/design/#micro", 'What does "micro" mean?'),
                              ("https://z.example.org/", "ref")]


def test_code_is_not_a_link_but_tabbed_text_is():
    text = ('```python\nurl = "[x](https://code.example.org/)"\n```\n'
            '    ~~~\n    [y](https://fenced-in-tab.example.org/)\n    ~~~\n'
            'Inline `[z](https://span.example.org/)` too.\n'
            '=== "Flask"\n\n    - [Flask-Sock](https://pypi.org/project/flask-sock/) adds sockets.\n')
    assert links_in(text) == [("https://pypi.org/project/flask-sock/", "Flask-Sock")]


def test_relative_links_are_not_external():
    assert links_in("[Serving](ai/serving.md) [top](#top) [mail](mailto:a@b.c)") == []


def test_front_matter_and_page_links(tmp_path):
    (tmp_path / "ai").mkdir()
    (tmp_path / "ai" / "t.md").write_text('---\nreviewed: "2026-01-02"\n---\n[a](https://a.example.org/)\n',
                                          encoding="utf-8")
    (tmp_path / "u.md").write_text("[b](https://b.example.org/)\n", encoding="utf-8")
    found = page_links(tmp_path)
    assert [(f.page, f.url, f.reviewed) for f in found] == [("ai/t.md", "https://a.example.org/", "2026-01-02"),
                                                            ("u.md", "https://b.example.org/", None)]
    assert front_matter("no front matter") == {} and front_matter("---\n- a list\n---\n") == {}
