"""Content rules: every fact is sourced and dated, every source is shown, prose pages are dated,
and every framework in the data appears in every generated table and the flowchart."""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from fwguide import load_guide
from fwguide.render.sources import cited_sources
from support import ROOT

DOCS = ROOT / "docs"
TODAY = dt.date.today()
HREF = re.compile(r'href="(https?://[^"]+)"')


@pytest.fixture(scope="module")
def guide():
    return load_guide()


def test_the_real_data_is_fresh_and_complete(guide):
    for fw in guide.frameworks:
        assert (TODAY - dt.date.fromisoformat(fw.reviewed)).days <= 365, f"{fw.id}: review older than a year"
    assert {"flask", "django", "fastapi"} <= {fw.id for fw in guide.frameworks}
    assert len(guide.features) >= 15 and len(guide.categories) >= 5
    names = {c.id for c in guide.considerations}
    assert {"project-size", "development-speed", "learning-curve", "integration-needs"} <= names


def test_every_cited_source_is_shown_on_some_page(guide, built_site):
    shown = set()
    for page in built_site.rglob("*.html"):
        shown |= {html.unescape(u) for u in HREF.findall(page.read_text(encoding="utf-8"))}
    for fw_id, cites in cited_sources(guide).items():
        for url in cites:
            assert url in shown, f"{fw_id}: {url} is cited in the data but shown on no page"


def test_sources_page_lists_every_source_with_its_check_date(guide, built_site):
    page = html.unescape((built_site / "sources" / "index.html").read_text(encoding="utf-8"))
    for fw_id, cites in cited_sources(guide).items():
        for url in cites:
            item = re.search(r'<li data-url="' + re.escape(url) + r'">(.*?)</li>', page, re.S)
            assert item, f"{fw_id}: {url} is not listed on the Sources page"
            checked = re.search(r'<time datetime="([0-9-]+)">', item.group(1))
            assert checked and checked.group(1) >= guide.framework(fw_id).reviewed, f"{url}: no check date"


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:text.index("\n---", 4)]) or {}


PROSE_PAGES = sorted(p for p in DOCS.rglob("*.md"))


@pytest.mark.parametrize("path", PROSE_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_pages_that_cite_sources_carry_a_review_date(path):
    text = path.read_text(encoding="utf-8")
    if not re.search(r"\]\(https?://", text):
        return
    reviewed = _front_matter(path).get("reviewed")
    assert reviewed, f"{path.name} cites external sources but has no `reviewed:` date in its front matter"
    date = dt.date.fromisoformat(str(reviewed))
    assert date <= TODAY and (TODAY - date).days <= 365


def test_review_date_is_shown_on_the_page(built_site):
    checked = 0
    for path in PROSE_PAGES:
        reviewed = _front_matter(path).get("reviewed")
        if not reviewed:
            continue
        rel = path.relative_to(DOCS)
        out = built_site / (rel.parent if rel.name == "index.md" else rel.with_suffix("")) / "index.html"
        assert f'<time datetime="{reviewed}">' in out.read_text(encoding="utf-8"), out
        checked += 1
    assert checked >= 1


def test_prose_links_are_https():
    for path in PROSE_PAGES:
        for url in re.findall(r"\]\((https?://[^)\s]+)", path.read_text(encoding="utf-8")):
            assert url.startswith("https://"), f"{path.name}: {url}"


def test_every_framework_is_in_every_generated_table_and_the_flowchart(guide, built_site):
    names = [fw.name for fw in guide.frameworks]
    for name in ("comparison", "considerations"):
        text = html.unescape((built_site / name / "index.html").read_text(encoding="utf-8"))
        tables = re.findall(r"<table>.*?</table>", text, re.S)
        generated = [t for t in tables if "<caption>" in t and "Legend" not in t]
        assert generated
        for table in generated:
            header = re.search(r"<thead>(.*?)</thead>", table, re.S).group(1)
            for fw in names:
                assert f'<th scope="col">{fw}</th>' in header, (name, fw)
    decision = html.unescape((built_site / "decision" / "index.html").read_text(encoding="utf-8"))
    for node in guide.outcomes:
        fw = guide.framework(node.recommend)
        assert f'{fw.symbol}</span> {fw.name}: {node.title}</a>' in decision   # its box in the flowchart
        assert f'{fw.symbol}</span> {fw.name}: {node.title}</h3>' in decision  # its result in full
