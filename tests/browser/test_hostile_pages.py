"""Every page built from hostile data, opened in Chromium: the site built from each attack family
of the adversarial catalogue (tests/conftest.py: hostile_builds; the same builds whose HTML
tests/adversarial reads) loads without a script error, an alert or a request to another host, and
its decision page draws the whole flowchart and starts the live guide, with the hostile text shown
as text."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from adversarial.catalogue import FAMILIES
from fwguide import model
from fwguide.escape import clean
from support import page_paths, static_server

pytestmark = [pytest.mark.browser, pytest.mark.build]


@pytest.mark.parametrize("family", FAMILIES)
def test_every_page_built_from_hostile_text_loads_inert_with_its_flowchart(family, hostile_builds, browser):
    data, result, site = hostile_builds[family]
    assert result.returncode == 0, result.stderr[-3000:]
    guide = model.build(data)
    dialogs, errors, foreign = [], [], []
    with static_server(site) as url:
        local = urlsplit(url).netloc
        context = browser.new_context()
        context.route("**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc in (local, "")
                      else (foreign.append(route.request.url), route.abort()))
        pg = context.new_page()
        pg.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        pg.on("pageerror", lambda error: errors.append(f"{pg.url}: {error}"))
        try:
            paths = page_paths(site)
            assert "decision/" in paths and len(paths) > 20
            for path in paths:
                pg.goto(url + path, wait_until="load")
            pg.goto(url + "decision/", wait_until="load")
            pg.wait_for_selector("[data-decision-guide]:not([hidden]) [data-guide-heading]", timeout=20000)
            chart = pg.locator("[data-flowchart]")
            assert chart.is_visible()
            assert pg.locator(".fwg-flow__out").count() == len(guide.paths())
            first = guide.nodes[guide.start].question
            for shown in (pg.locator(".fwg-flow__q").first.inner_text(),
                          pg.locator("[data-decision-guide] [data-guide-heading]").first.inner_text()):
                assert clean(first) in " ".join(shown.split()), (first, shown)
            pg.wait_for_load_state("networkidle")
        finally:
            context.close()
    assert dialogs == [], dialogs
    assert errors == [], errors
    assert foreign == [], foreign
