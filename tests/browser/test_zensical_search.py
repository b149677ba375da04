"""Zensical's own search box works on the Zensical build of this site (tests/test_zensical.py builds it)."""
from __future__ import annotations

import pytest

from support import static_server
from test_zensical import zensical_site  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.build]


def test_zensicals_search_box_finds_pages(zensical_site, browser):  # noqa: F811
    with static_server(zensical_site) as url:
        pg = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            pg.goto(url)
            pg.wait_for_load_state("networkidle")
            pg.click(".md-search__button" if pg.locator(".md-search__button").count() else ".md-search__input")
            pg.keyboard.type("gunicorn", delay=20)
            pg.wait_for_selector("text=/\\d+ results?/", timeout=15000)   # Zensical's results live in a shadow root
        finally:
            pg.close()


@pytest.mark.parametrize("path", ["", "decision/", "ai/async/"])
def test_zensical_pages_pass_axe_in_both_palettes(zensical_site, browser, path):  # noqa: F811
    from browser.conftest import axe_violations
    with static_server(zensical_site) as url:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            try:
                pg = context.new_page()
                pg.goto(url + path)
                pg.wait_for_load_state("networkidle")
                assert axe_violations(pg) == [], (path, scheme)
            finally:
                context.close()
