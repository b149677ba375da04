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
