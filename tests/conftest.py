"""Fixtures shared by every test folder."""
from __future__ import annotations

from pathlib import Path

import pytest

from guidehelpers import copy_project, mkdocs, project_copy  # noqa: F401  (fixture)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One strict build of a copy of the project, shared by every test that reads the output."""
    project = copy_project(tmp_path_factory.mktemp("built"))
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 0, result.stderr
    return project / "site"
