"""The built site opens in Chromium, the flowchart renders from the self-hosted Mermaid."""
import pytest

pytestmark = pytest.mark.browser


def test_decision_page_renders_flowchart_offline(page, site_url):
    page.goto(site_url + "decision/")
    page.wait_for_selector(".fwg-mermaid svg", timeout=20000)
    assert page.errors == []
    assert page.locator(".fwg-mermaid-src").is_hidden()  # the source never shows as text
    hosts = {url.split("/")[2] for url in page.requests if url.startswith("http")}
    assert hosts == {site_url.split("/")[2]}
