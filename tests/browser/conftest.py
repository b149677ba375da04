"""Browser test infrastructure: one strict build of the site per session, served on
127.0.0.1, and Chromium driven by Playwright.

Chromium: $CHROME_PATH if set, else Debian's /usr/bin/chromium, else Playwright's
own browser (`.venv/bin/playwright install chromium` where there is internet).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

from support import page_paths, static_server  # noqa: F401  (page_paths: used by the browser tests)


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


def chromium_path() -> str | None:
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


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
