"""The release and support timeline (fwguide/render/timeline.py)."""
import dataclasses

from fwguide.render import frameworks, timeline
from fwguide.render.links import PageLinks
from support import HOSTILE, assert_markdown_safe, parse_tables


def test_one_table_per_framework_with_its_lines_newest_first(guide):
    out = timeline.render_timeline(guide)
    parsed = parse_tables(out)
    assert parsed.captions == ["Alpha release lines, as of 2026-11-01", "Beta release lines, as of 2026-11-01"]
    for fw, rows in zip(guide.frameworks, parsed.tables):
        header, *body = rows
        assert [c[1] for c in header] == ["Release line", "First released", "Status", "Bug fixes until",
                                          "Security fixes until", "Python"]
        assert [r[0][1] for r in body] == [f"{timeline.line_name(line)}latest {line.latest}"
                                          for line in fw.release_lines]
    assert_markdown_safe(out)


def test_status_dates_and_lts_read_in_words(guide):
    beta = parse_tables(timeline.render_timeline(guide)).tables[1]
    first, lts = beta[1], beta[2]
    assert first[0][1] == "6.1latest 6.1" and lts[0][1] == "5.2 LTSlatest 5.2.8"
    assert first[2][1] == "Bug and security fixes" and lts[2][1] == "Security and data-loss fixes only"
    assert (first[1][1], first[3][1], first[4][1]) == ("August 2026", "April 2028", "December 2028")
    assert (lts[1][1], lts[3][1]) == ("2 April 2025", "3 December 2025")
    assert (first[5][1], lts[5][1]) == ("3.12, 3.13", "3.10 to 3.13")
    assert '<time datetime="2028-12">December 2028</time>' in timeline.render_timeline(guide)


def test_open_ended_and_ended_lines(guide):
    alpha = parse_tables(timeline.render_timeline(guide)).tables[0]
    current, ended = alpha[1], alpha[2]
    assert (current[3][1], current[4][1]) == ("No date set", "No date set")
    assert ended[2][1] == "Ended: no fixes" and ended[3][1] == "—" and ended[4][1] == "20 October 2025"
    assert ended[1][1] == "September 2024" and ended[5][1] == "—"


def test_python_range_only_for_an_unbroken_run():
    assert timeline.python_range(("3.10", "3.11", "3.12")) == "3.10 to 3.12"
    assert timeline.python_range(("3.10", "3.12", "3.13")) == "3.10, 3.12, 3.13"
    assert timeline.python_range(("3.12", "3.13")) == "3.12, 3.13" and timeline.python_range(()) == "—"


def test_each_policy_and_line_cites_its_sources(guide):
    out = timeline.render_timeline(guide)
    for fw in guide.frameworks:
        assert f"<strong>{fw.name}:</strong> {fw.release_policy.text}" in out
        for url in fw.release_policy.sources:
            assert f'href="{url}" aria-label="source: {fw.name} release policy"' in out
        for line in fw.release_lines:
            assert f'aria-label="source: {fw.name} {line.line} support dates"' in out
    assert 'href="https://pypi.org/project/beta/5.2.8/" aria-label="source: Beta 5.2 Python versions"' in out
    assert "<li><strong>3.10</strong>: Sources: " in out


def test_text_from_the_data_is_escaped(guide):
    fw = guide.frameworks[0]
    policy = dataclasses.replace(fw.release_policy, text=HOSTILE)
    line = dataclasses.replace(fw.release_lines[0], note=HOSTILE)
    hostile = dataclasses.replace(guide, frameworks=(dataclasses.replace(
        fw, release_policy=policy, release_lines=(line,) + fw.release_lines[1:]),) + guide.frameworks[1:])
    out = timeline.render_timeline(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert_markdown_safe(out)


def test_support_line_names_the_lines_that_get_fixes_and_links_the_timeline(guide):
    beta = timeline.render_support_line(guide, "beta")
    assert "6.1: bug and security fixes until" in beta and "5.2 LTS: security fixes until" in beta
    assert "No long-term support" not in beta
    alpha = timeline.render_support_line(guide, "alpha")
    assert "3.10: bug and security fixes, no end date set" in alpha and "3.9" not in alpha
    assert "No long-term support releases." in alpha
    assert 'href="../../releases/"' in alpha   # from docs/frameworks/alpha.md, directory URLs
    flat = timeline.render_support_line(guide, "alpha", PageLinks("frameworks/alpha.md", directory_urls=False))
    assert 'href="../releases.html"' in flat
    assert_markdown_safe(alpha)


def test_framework_page_carries_the_support_line_after_the_facts(guide):
    page = frameworks.render_framework_page(guide, "beta")
    assert page.index("Beta at a glance") < page.index("Supported releases") < page.index("## Key features")
