"""Sources and review dates (fwguide/render/sources.py)."""
import re

from fwguide.render import sources
from fwguide.render.links import PageLinks


def _write(docs, path, text):
    (docs / path).parent.mkdir(parents=True, exist_ok=True)
    (docs / path).write_text(text, encoding="utf-8")


def test_every_address_in_the_data_is_listed_once(guide):
    html = sources.render_sources(guide)
    urls = re.findall(r'<li data-url="([^"]+)">', html)
    assert len(urls) == len(set(urls))
    for fw in guide.raw["frameworks"]:
        for key in ("homepage", "docs", "repository", "package", "version_source", "licence_source"):
            assert fw[key] in urls
        for cell in fw["support"].values():
            assert cell["source"] in urls
    for node in guide.outcomes:
        assert set(node.sources) <= set(urls)


def test_a_source_cited_twice_lists_both_uses(guide):
    cites = sources.cited_sources(guide)["beta"]
    assert cites["https://docs.beta.example.org/intro/"] == ["key feature", "ideal use", "rating: Project size",
                                                             "rating: Model serving"]
    entry = sources.collect(guide)["https://docs.beta.example.org/intro/"]
    assert entry.supports[:2] == ["Beta, key feature", "Beta, ideal use"] and entry.checked == {"2026-11-01"}


def test_links_on_the_pages_are_listed_with_their_words_pages_and_dates(guide, tmp_path):
    _write(tmp_path, "topic.md", '---\nreviewed: "2026-10-02"\n---\n# T\n\nSee [the Gunicorn docs](https://gunicorn.org/).\n')
    _write(tmp_path, "other.md", "Also [docs](https://gunicorn.org/) and [Alpha](https://alpha.example.org/).\n")
    html = sources.render_sources(guide, PageLinks("sources.md", titles={"topic.md": "Topic"}), tmp_path)
    item = re.search(r'<li data-url="https://gunicorn.org/">(.*?)</li>', html).group(1)
    assert '>the Gunicorn docs</a>' in item                  # the longest words the pages use
    assert 'href="../topic/">Topic</a>' in item and 'href="../other/">Other</a>' in item
    assert '<time datetime="2026-10-02">' in item            # the dated page's review date
    alpha = re.search(r'<li data-url="https://alpha.example.org/">(.*?)</li>', html).group(1)
    assert ">Alpha</a>" in alpha and "Supports: Alpha website." in alpha
    assert '<time datetime="2026-11-01">' in alpha             # the data's date is newer than none


def test_sites_are_grouped_the_frameworks_own_first(guide, tmp_path):
    _write(tmp_path, "a.md", "[z](https://zzz.example.com/) [p](https://pypi.org/project/x/)\n")
    html = sources.render_sources(guide, docs_dir=tmp_path)
    sites = re.findall(r'<section class="fwg-site" data-site="([^"]+)">', html)
    assert sites[:3] == ["alpha.example.org", "beta.example.org", "docs.beta.example.org"]
    assert sites.index("pypi.org") < sites.index("zzz.example.com")
    assert "alpha.example.org (Alpha)" in html
    assert f"{len(sources.collect(guide, tmp_path))} addresses on {len(sites)} sites." in html


def test_text_is_escaped(guide, tmp_path):
    _write(tmp_path, "a.md", "[<b>bold</b> & co](https://x.example.org/?a=1&b=2)\n")
    html = sources.render_sources(guide, docs_dir=tmp_path)
    assert "<b>bold" not in html and 'href="https://x.example.org/?a=1&amp;b=2"' in html


def test_reviewed_stamp_names_each_framework_and_date(guide):
    html = sources.render_reviewed(guide)
    assert 'Alpha <time datetime="2026-11-01">' in html and 'Beta <time datetime="2026-11-01">' in html
