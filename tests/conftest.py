"""Fixtures shared by every test folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from support import copy_project, fixture_guide, project_copy, strict_build  # noqa: F401  (fixture)


@pytest.fixture
def guide():
    """The small valid fixture (tests/fixtures/valid.yaml) as a typed Guide."""
    return fixture_guide()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of a copy of the project, shared by every test that reads the output."""
    result, site = strict_build(copy_project(tmp_path_factory.mktemp("built")))
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_builds(tmp_path_factory) -> dict:
    """One strict build of the real data per attack family of the adversarial catalogue, each
    free-text field holding that family's hostile text: family -> (data, result, site).  Run side
    by side (each build is a separate process); tests/adversarial reads the HTML, tests/browser
    opens every page in Chromium."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    from adversarial import advhelpers as adv
    from adversarial.catalogue import FAMILIES

    def one(family):
        project = adv.copy_project(tmp_path_factory.mktemp(f"hostile-{family}"))
        data = adv.inject(adv.real_data(), family)
        adv.write_data(project, adv.dump(data))
        result, site = adv.build(project)
        return family, (data, result, site)

    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        return dict(pool.map(one, FAMILIES))


# ------------------------------------------------------------------ browser tests left out

_BROWSER_LEFT_OUT = "browser tests NOT run"


def _browser_items_left_out(stats: dict) -> list:
    deselected = [item for item in stats.get("deselected", [])
                  if getattr(item, "get_closest_marker", None) and item.get_closest_marker("browser")]
    skipped = [report for report in stats.get("skipped", [])
               if "browser" in getattr(report, "keywords", {})]
    return deselected + skipped


@pytest.hookimpl(trylast=True)
def pytest_terminal_summary(terminalreporter):
    """A run that leaves browser tests out (`-m "not browser"`, `make test-fast`, -k, skips) says so
    in its last line: "=== 1568 passed, 84 deselected, 84 browser tests NOT run in ...s ===".  The
    count is added as a category of the summary line, which pytest prints after this hook."""
    left_out = _browser_items_left_out(terminalreporter.stats)
    if left_out:
        terminalreporter.stats[_BROWSER_LEFT_OUT] = left_out
