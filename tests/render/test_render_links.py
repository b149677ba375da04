"""Links between pages, relative to the page being rendered (fwguide/render/links.py)."""
import pytest

from fwguide.render.links import PageLinks


@pytest.mark.parametrize("page, target, href", [
    ("decision.md", "frameworks/flask.md", "../frameworks/flask/"),
    ("decision.md", "comparison.md", "../comparison/"),
    ("decision.md", "index.md", "../"),
    ("decision.md", "decision.md", "./"),
    ("index.md", "frameworks/flask.md", "frameworks/flask/"),
    ("ai/index.md", "ai/serving.md", "serving/"),
    ("ai/index.md", "index.md", "../"),
    ("ai/serving.md", "frameworks/django.md", "../../frameworks/django/"),
])
def test_directory_urls(page, target, href):
    assert PageLinks(page).href(target) == href


@pytest.mark.parametrize("page, target, href", [
    ("decision.md", "frameworks/flask.md", "frameworks/flask.html"),
    ("ai/serving.md", "index.md", "../index.html"),
])
def test_file_urls(page, target, href):
    assert PageLinks(page, directory_urls=False).href(target) == href
