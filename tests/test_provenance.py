"""The provenance footer under generated tables (fwguide/provenance.py), alone and in the built site."""
import dataclasses
import re

import pytest

from fwguide import provenance
from fwguide.repository import Repository
from support import strict_build

REPO = Repository("https://github.com/example-org/guide", "main", "data/frameworks.yaml")


def test_footer_names_the_file_links_to_edit_it_and_dates_the_review(guide):
    out = provenance.footer(guide, REPO)
    assert out == ('<p class="fwg-provenance" data-search-exclude>Generated from <code>data/frameworks.yaml</code> · '
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


def _footers(site) -> tuple[list[str], int]:
    """Every provenance footer in the built pages' articles, and the number of data tables."""
    footers, tables = [], 0
    for path in site.rglob("index.html"):
        article = path.read_text(encoding="utf-8").split("<article", 1)[-1].split("</article>", 1)[0]
        data_tables = [b for b in re.findall(r'<div class="fwg-table ([^"]*)"', article)
                       if "fwg-rules" not in b and "fwg-schema-keys" not in b]
        found = re.findall(r'<p class="fwg-provenance"[^>]*>(.*?)</p>', article, re.S)
        assert found or not data_tables, f"{path}: a data table without a provenance footer"
        footers += found
        tables += len(data_tables)
    return footers, tables


def _split(footers: list[str]) -> tuple[list[str], list[str]]:
    """(footers of tables from data/frameworks.yaml, footers of tables from data/measurements.yaml)"""
    measured = [f for f in footers if "data/measurements.yaml" in f]
    return [f for f in footers if f not in measured], measured


@pytest.mark.build
def test_a_local_build_names_the_file_and_date_and_links_to_no_repository(built_site):
    footers, tables = _footers(built_site)
    assert tables >= 5 and footers
    data_footers, measured_footers = _split(footers)
    assert data_footers and measured_footers
    for footer in data_footers:
        assert "Generated from <code>data/frameworks.yaml</code>" in footer and "edit this data" not in footer
        assert re.search(r'reviewed (.* )?<time datetime="\d{4}-\d{2}-\d{2}">', footer)
    for footer in measured_footers:   # measured figures: written by a command, never edited by hand
        assert re.match(r'Generated from <code>data/measurements.yaml</code>, written by <code>[^<]+</code> '
                        r'on <time datetime="\d{4}-\d{2}-\d{2}">', footer), footer
        assert "edit this data" not in footer
    for page in built_site.rglob("*.html"):   # no placeholder repository anywhere
        assert "example-org" not in page.read_text(encoding="utf-8"), page
    contributing = (built_site / "contributing" / "index.html").read_text(encoding="utf-8")
    assert "fwg-provenance" not in contributing


@pytest.mark.build
def test_a_deploy_build_links_every_footer_to_the_repository_it_runs_in(project_copy):
    env = {"REPOSITORY_URL": "https://github.com/acme/ai-guide", "REPOSITORY_BRANCH": "release"}
    result, site = strict_build(project_copy, env=env)
    assert result.returncode == 0, result.stderr
    footers, _ = _split(_footers(site)[0])
    edit = '<a href="https://github.com/acme/ai-guide/edit/release/data/frameworks.yaml">edit this data</a>'
    assert footers and all(edit in footer for footer in footers)
