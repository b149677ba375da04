"""tools/build.py, the one build route for both builders: check, publish the JSON API, build."""
from __future__ import annotations

import subprocess
import sys

import pytest

from support import ROOT, copy_project
from tools import build

pytestmark = pytest.mark.build


def test_each_builder_builds_strictly_into_site():
    mkdocs = build.builder_command("mkdocs", None)
    assert mkdocs[1:] == ["-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    assert build.builder_command("zensical", "/opt/z")[:3] == ["/opt/z", "build", "--strict"]


def test_the_mkdocs_route_publishes_the_api_and_builds(tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build.py")], cwd=project, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "api" / "frameworks.json").is_file() and (project / "site" / "index.html").is_file()


def test_a_data_problem_stops_before_any_builder_runs(tmp_path):
    project = copy_project(tmp_path)
    data = project / "data" / "frameworks.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: 1\nmystery: 1"),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "tools" / "build.py"), "--builder", "zensical",
                             "--zensical", "/nonexistent/zensical"], cwd=project, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 1 and "unknown key 'mystery'" in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()
