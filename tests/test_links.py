"""Links: MkDocs' validation turns internal link mistakes into warnings, so `--strict` fails on
them; every external link in the built HTML (prose pages too) is a well-formed https URL; and no
page loads anything from another host."""
from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import pytest

from support import ROOT, embedded_json, mkdocs
from tools.linkcheck import malformed, site_links


def test_mkdocs_validation_warns_on_every_internal_link_mistake():
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    nav, links = config.validation.nav, config.validation.links
    levels = {"nav.omitted_files": nav.omitted_files, "nav.not_found": nav.not_found,
              "nav.absolute_links": nav.absolute_links, "links.not_found": links.not_found,
              "links.absolute_links": links.absolute_links,
              "links.unrecognized_links": links.unrecognized_links, "links.anchors": links.anchors}
    assert {key: logging.getLevelName(value) for key, value in levels.items()} == \
        {key: "WARNING" for key in levels}


BROKEN_LINKS = {
    "anchor": ("[a](decision.md#no-such-heading)",
               "contains a link 'decision.md#no-such-heading', but the doc 'decision.md' does not contain "
               "an anchor '#no-such-heading'"),
    "absolute": ("[b](/comparison/)", "contains an absolute link '/comparison/'"),
    "unrecognized": ("[c](comparison/)", "contains an unrecognized relative link 'comparison/'"),
    "not found": ("[d](no-such-page.md)", "contains a link 'no-such-page.md', but the target is not found"),
}


@pytest.mark.build
def test_strict_build_fails_on_broken_internal_links(project_copy: Path):
    """One build with every kind of mistake: each must be reported as a WARNING (so --strict
    aborts), none merely as INFO."""
    page = project_copy / "docs" / "conclusion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n" + "\n".join(
        f"See {link}." for link, _ in BROKEN_LINKS.values()) + "\n", encoding="utf-8")
    (project_copy / "docs" / "orphan-page.md").write_text("# Orphan\n\nIn no navigation.\n", encoding="utf-8")
    result = mkdocs(project_copy, "build", "--strict", "--site-dir", str(project_copy / "site"))
    assert result.returncode != 0
    log = result.stderr + result.stdout
    warnings = [line for line in log.splitlines() if line.startswith("WARNING")]
    for kind, (_, message) in BROKEN_LINKS.items():
        assert any("'conclusion.md'" in line and message in line for line in warnings), f"{kind}:\n{log}"
    assert re.search(r"WARNING +- +The following pages exist in the docs directory, but are not included in "
                     r"the \"nav\" configuration:\n +- orphan-page\.md", log), log
    assert "Aborted with" in log and "in strict mode" in log


def test_every_external_link_in_the_built_site_is_wellformed_https(built_site: Path):
    links = site_links(built_site)
    anchors = links.get("a", {})
    assert len(anchors) >= 20, "expected the sources to be linked from the pages"
    bad = sorted(f"{url} ({malformed(url)}) on {', '.join(sorted(pages))}"
                 for url, pages in anchors.items() if malformed(url))
    assert not bad, "\n".join(bad)


def test_no_page_loads_anything_from_another_host(built_site: Path):
    """Stylesheets, scripts, images and frames all come from the site itself (checked in the HTML
    here; tests/browser/test_offline_a11y.py checks what the browser actually fetches)."""
    loaded = {tag: urls for tag, urls in site_links(built_site).items() if tag != "a"}
    assert not loaded, loaded


@pytest.mark.build
def test_every_link_of_the_decision_guide_resolves_in_the_built_site(built_site: Path):
    """The step-by-step guide's framework links (in its JSON) and the links of every result it copies."""
    page = (built_site / "decision" / "index.html").read_text(encoding="utf-8")
    payload = embedded_json(page)
    results = re.search(r'<div id="decision-tree-as-text">.*?</div>\s*</div>', page, re.S).group(0)
    hrefs = [fw["href"] for fw in payload["frameworks"].values()]
    hrefs += [h for h in re.findall(r'href="([^"#?][^"]*)"', results) if not h.startswith("https://")]
    assert len(hrefs) > len(payload["frameworks"]) + 10
    for href in hrefs:
        path, _, anchor = href.partition("#")
        target = built_site / posixpath.normpath(posixpath.join("decision/", path)) / "index.html"
        assert target.is_file(), (href, target)
        if anchor:
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
