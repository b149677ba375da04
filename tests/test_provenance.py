"""The provenance footer under generated tables (fwguide/provenance.py), alone and in the built site."""
import dataclasses
import re

import pytest

from fwguide import provenance
from fwguide.pages import read_config
from fwguide.repository import Repository
from support import ROOT

REPO = Repository("https://github.com/example-org/guide", "main", "data/frameworks.yaml")


def test_footer_names_the_file_links_to_edit_it_and_dates_the_review(guide):
    out = provenance.footer(guide, REPO)
    assert out == ('<p class="fwg-provenance">Generated from <code>data/frameworks.yaml</code> · '
                   '<a href="https://github.com/example-org/guide/edit/main/data/frameworks.yaml">edit this data</a>'
                   ' · reviewed <time datetime="2026-11-01">2026-11-01</time></p>')


def test_footer_without_a_repository_has_no_edit_link(guide):
    out = provenance.footer(guide, Repository())
    assert "<a " not in out and "Generated from <code>data/frameworks.yaml</code>" in out


def test_footer_lists_each_date_when_reviews_differ_and_one_for_a_framework_page(guide):
    older = dataclasses.replace(guide.frameworks[1], reviewed="2026-10-01")
    mixed = dataclasses.replace(guide, frameworks=(guide.frameworks[0], older))
    assert 'reviewed Alpha <time datetime="2026-11-01">2026-11-01</time>, Beta <time datetime="2026-10-01">' \
           in provenance.footer(mixed, REPO)
    assert 'reviewed <time datetime="2026-10-01">' in provenance.footer(mixed, REPO, older.id)


def test_footer_escapes_configured_values(guide):
    repo = Repository('https://github.com/o/r"><script>', 'main', 'data/<b>.yaml')
    out = provenance.footer(guide, repo)
    assert "<script>" not in out and "<b>" not in out and "&lt;b&gt;" in out
    assert 'href="https://github.com/o/r&quot;&gt;&lt;script&gt;/edit/main/data/%3Cb%3E.yaml"' in out


@pytest.mark.build
def test_every_generated_data_table_says_where_it_comes_from(built_site):
    config = read_config(ROOT / "mkdocs.yml")
    edit = Repository.from_config(config).edit_url()
    footer_count = 0
    for path in built_site.rglob("index.html"):
        text = path.read_text(encoding="utf-8")
        article = text.split("<article", 1)[-1].split("</article>", 1)[0]
        for block in re.findall(r'<div class="fwg-table [^"]*">.*?</table>\s*</div>', article, re.S):
            if "fwg-rules" in block or "fwg-schema-keys" in block:
                continue
            footer_count += 1
        footers = re.findall(r'<p class="fwg-provenance">(.*?)</p>', article, re.S)
        if re.search(r'<div class="fwg-table (?!fwg-rules|fwg-schema-keys)', article):
            assert footers, f"{path}: a data table without a provenance footer"
        for footer in footers:
            if "data/measurements.yaml" in footer:   # measured figures: written by a command, not edited
                assert re.match(r'Generated from <code>data/measurements.yaml</code>, written by <code>[^<]+</code> '
                                r'on <time datetime="\d{4}-\d{2}-\d{2}">', footer), footer
                assert "edit this data" not in footer
                continue
            assert "Generated from <code>data/frameworks.yaml</code>" in footer
            assert f'<a href="{edit}">edit this data</a>' in footer
            assert re.search(r'reviewed (.* )?<time datetime="\d{4}-\d{2}-\d{2}">', footer)
    assert footer_count >= 5
    contributing = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "fwg-provenance" not in contributing
