"""The built site opens in Chromium and the decision page works offline."""
import pytest

pytestmark = pytest.mark.browser


def test_decision_page_shows_the_guide_and_the_flowchart_offline(page, site_url):
    page.goto(site_url + "decision/")
    page.wait_for_selector("[data-decision-guide]:not([hidden]) [data-guide-heading]", timeout=20000)
    assert page.locator("[data-flowchart]").is_visible()
    assert page.errors == []
    hosts = {url.split("/")[2] for url in page.requests if url.startswith("http")}
    assert hosts == {site_url.split("/")[2]}


def test_the_themes_search_dialog_is_named_and_its_progress_bar_hidden(page, site_url):
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert page.get_attribute(".md-search", "aria-label")
    bar = page.locator(".md-progress")
    assert bar.count() == 1 and bar.get_attribute("aria-hidden") == "true" and bar.get_attribute("role") is None
