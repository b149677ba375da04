"""The Makefile's small promises: a busy port gives a message, not a traceback; `make help` and
the README document HOST=; `make test-fast` has a recipe; `make clean` removes generated files
only; a run that leaves the browser tests out says so in its last line."""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT
from tools import portcheck

PORTCHECK = ROOT / "tools" / "portcheck.py"


def held_port() -> socket.socket:
    """A listening socket on 127.0.0.1, as another `make serve` would hold."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    return sock


def makefile_rule(target: str) -> tuple[str, list[str]]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", makefile, re.M)
    assert match, target
    return match.group(1).strip(), [ln.strip() for ln in match.group(2).splitlines()]


# ------------------------------------------------------------ a busy port

def test_a_busy_port_stops_serve_with_a_message_and_another_port():
    with held_port() as sock:
        port = sock.getsockname()[1]
        done = subprocess.run([sys.executable, str(PORTCHECK), f"127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert "Traceback" not in done.stderr
    assert f"make serve: port {port} on 127.0.0.1 is already in use" in done.stderr
    suggested = re.search(r"Serve on another port instead: make serve HOST=127\.0\.0\.1:(\d+)\n$", done.stderr)
    assert suggested and int(suggested.group(1)) > port, done.stderr


def test_a_free_port_passes_silently():
    with held_port() as sock:
        port = sock.getsockname()[1]
    done = subprocess.run([sys.executable, str(PORTCHECK), f"127.0.0.1:{port}"],
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_the_suggested_port_is_free():
    with held_port() as first, held_port() as _:
        port = first.getsockname()[1]
        code, message = portcheck.check(f"127.0.0.1:{port}")
        choice = int(message.rsplit(":", 1)[1])
        assert code == 1 and portcheck.bind_error("127.0.0.1", choice) is None


@pytest.mark.parametrize("host", ["8000", "127.0.0.1", "127.0.0.1:http", "127.0.0.1:70000", ":8000"])
def test_a_malformed_host_is_explained(host):
    code, message = portcheck.check(host)
    assert code == 2 and "HOST must look like 127.0.0.1:8000" in message


def test_an_address_of_another_machine_is_explained():
    code, message = portcheck.check("192.0.2.1:8000")   # TEST-NET-1: never an address of this machine
    assert code == 1 and "Use an address of this machine: make serve HOST=127.0.0.1:8000" in message


def test_serve_checks_the_port_before_starting_mkdocs():
    deps, recipe = makefile_rule("serve")
    assert recipe[0] == "@$(BIN)/python tools/portcheck.py $(HOST)"
    assert recipe[-1].startswith("$(BIN)/mkdocs serve --dev-addr $(HOST)")


def test_host_is_documented_in_make_help_and_the_readme():
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert "make serve HOST=127.0.0.1:8001" in done.stdout
    assert "make test-fast" in done.stdout and "make clean" in done.stdout
    assert "make serve HOST=127.0.0.1:8001" in (ROOT / "README.md").read_text(encoding="utf-8")


# ------------------------------------------------------------ test-fast and clean

def test_every_phony_target_has_a_recipe():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.M).group(1).split()
    for target in phony:
        assert makefile_rule(target)[1], f"make {target} has no recipe"
    assert makefile_rule("test-fast")[1] == ['$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)']


def test_make_clean_removes_generated_files_and_keeps_the_rest(tmp_path: Path):
    shutil.copy2(ROOT / "Makefile", tmp_path / "Makefile")
    generated = ["site/index.html", "docs/api/frameworks.json", "bench/report.md", "bench/report-ci.md",
                 ".pytest_cache/v/x", ".hypothesis/examples/x", "fwguide/__pycache__/x.pyc",
                 "tests/browser/__pycache__/y.pyc"]
    kept = ["docs/index.md", "bench/README.md", "bench/run.py", "data/frameworks.yaml", ".venv/bin/python",
            ".venv/.installed", ".venv/lib/__pycache__/z.pyc"]
    for rel in generated + kept:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    done = subprocess.run(["make", "-s", "-C", str(tmp_path), "clean"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert [rel for rel in generated if (tmp_path / rel).exists()] == []
    assert [rel for rel in kept if not (tmp_path / rel).exists()] == []
    assert not (tmp_path / "docs" / "api").exists() and not (tmp_path / "site").exists()


# ------------------------------------------------------------ browser tests left out

def last_line(output: str) -> str:
    return [line for line in output.splitlines() if line.strip()][-1]


def pytest_run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_a_run_without_the_browser_tests_says_so_in_its_last_line():
    done = pytest_run("-m", "not browser", "tests/browser", "tests/test_scoring.py")
    line = last_line(done.stdout)
    match = re.search(r"\b(\d+) passed, (\d+) deselected, (\d+) browser tests NOT run in ", line)
    assert match and match.group(2) == match.group(3) and int(match.group(3)) > 0, line


def test_a_run_that_leaves_no_browser_test_out_does_not_say_so():
    done = pytest_run("tests/test_scoring.py")
    assert done.returncode == 0 and "NOT run" not in done.stdout


def test_skipped_browser_tests_count_as_not_run():
    import importlib.util
    spec = importlib.util.spec_from_file_location("tests_conftest_under_test", ROOT / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    _browser_items_left_out = module._browser_items_left_out

    class Item:
        def __init__(self, marked):
            self.marked = marked

        def get_closest_marker(self, name):
            return name if self.marked and name == "browser" else None

    class Report:
        def __init__(self, keywords):
            self.keywords = keywords

    stats = {"deselected": [Item(True), Item(False)],
             "skipped": [Report({"browser": 1, "test_x": 1}), Report({"test_y": 1})]}
    assert len(_browser_items_left_out(stats)) == 2
