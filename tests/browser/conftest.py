"""Browser test infrastructure: one strict build of the site per session, served on
127.0.0.1, and Chromium driven by Playwright.

Chromium: `make test` finds or installs one with tools/browser.py and passes it as $CHROME_PATH.
Run directly (`python -m pytest`), the tests look the same way without installing ($CHROME_PATH,
then chromium or Chrome on PATH, then Playwright's own download) and, when there is none, stop
before the first test with tools/browser.py's message instead of failing each browser test.
"""
from __future__ import annotations

import functools
from pathlib import Path

import pytest

from support import page_paths, static_server  # noqa: F401  (page_paths: used by the browser tests)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def find_chromium():
    """tools/browser.py's search, without installing: an Outcome (.path is None when there is none)."""
    from tools import browser as bootstrap

    return bootstrap.find(bootstrap.System.real(), install=False, log=lambda line: None)


@functools.cache
def chromium_path() -> str | None:
    return find_chromium().path


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected what they deselect
def pytest_collection_modifyitems(config, items):
    if any(item.get_closest_marker("browser") for item in items) and chromium_path() is None:
        pytest.exit(find_chromium().message() + "\n(`make test` also tries to install one: tools/browser.py)",
                    returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with static_server(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A fresh page; `page.requests` lists every URL it asked for, `page.errors` its script errors."""
    context = browser.new_context()
    pg = context.new_page()
    pg.requests = []
    pg.errors = []
    pg.on("request", lambda request: pg.requests.append(request.url))
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    yield pg
    context.close()


@functools.cache
def axe_source() -> str:
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def axe_violations(pg) -> list[dict]:
    """Run axe-core (WCAG 2.x A and AA plus best practices) on the page as it is now."""
    pg.evaluate(axe_source())
    result = pg.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


def set_palette(pg, scheme: str) -> None:
    """Switch Material's palette the way its toggle does, then wait for it to apply."""
    pg.evaluate("""scheme => {
        const inputs = [...document.querySelectorAll('input[name="__palette"]')];
        const target = inputs.find(i => i.getAttribute('data-md-color-scheme') === scheme);
        if (target && !target.checked) { target.click(); }
    }""", scheme)
    pg.wait_for_function("s => document.body.getAttribute('data-md-color-scheme') === s", arg=scheme)
