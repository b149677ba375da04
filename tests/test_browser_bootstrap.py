"""tools/browser.py, the browser bootstrap of `make test`, on a fake machine: a temporary PATH of
small shell scripts stands in for browsers, Playwright's installer and apt-get; nothing is
installed.  Every step of the order is broken once somewhere below."""
from __future__ import annotations

import importlib.util
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT
from tools import browser

BROWSER = '#!/bin/sh\necho "run $0 $*" >> "$LOG"\necho "Fake Chromium 1.0"\n'
BROKEN = '#!/bin/sh\necho "run $0 $*" >> "$LOG"\necho "error while loading shared libraries: libnss3.so" >&2\nexit 127\n'
# `python -m playwright install chromium`: PW_MODE=ok puts a browser where Playwright keeps its own.
PYTHON = """#!/bin/sh
PATH=/usr/bin:/bin   # for mkdir, cp and sleep; the fake PATH holds only the fakes
echo "playwright $*" >> "$LOG"
if [ "$PW_MODE" = ok ]; then mkdir -p "$(dirname "$PW_BROWSER")"; cp "$FAKE_BROWSER" "$PW_BROWSER"; exit 0; fi
if [ "$PW_MODE" = hang ]; then sleep 30; fi
echo "Downloading Chrome for Testing"; echo "Error: getaddrinfo ENOTFOUND cdn.playwright.dev" >&2; exit 1
"""
# apt-get: APT_MODE=ok "installs" chromium into the fake PATH; otherwise the package is unknown.
APT = """#!/bin/sh
PATH=/usr/bin:/bin
echo "apt-get $* DEBIAN_FRONTEND=$DEBIAN_FRONTEND" >> "$LOG"
if [ "$1" = install ] && [ "$APT_MODE" = ok ]; then cp "$FAKE_BROWSER" "$BIN/chromium"; fi
if [ "$1" = install ] && [ "$APT_MODE" != ok ]; then echo "E: Unable to locate package chromium" >&2; exit 100; fi
exit 0
"""
DEBIAN = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\n'


def script(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


class Machine:
    """A fake machine: bin/ is the whole PATH; log records every fake program run, in order."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.bin = tmp / "bin"
        self.bin.mkdir()
        self.log = tmp / "log"
        self.log.write_text("", encoding="utf-8")
        self.fake_browser = script(tmp / "store" / "fake-chromium", BROWSER)
        self.pw_browser = tmp / "ms-playwright" / "chromium-1" / "chrome"
        self.python = script(tmp / "python", PYTHON)
        self.env = {"PATH": str(self.bin), "LOG": str(self.log), "BIN": str(self.bin),
                    "FAKE_BROWSER": str(self.fake_browser), "PW_BROWSER": str(self.pw_browser)}
        self.euid = 0
        self.os_release = tmp / "os-release"
        self.os_release.write_text(DEBIAN, encoding="utf-8")
        self.playwright = True
        self.timeouts = {"version": 10.0, "playwright": 10.0, "apt-update": 10.0, "apt-install": 10.0}

    def add(self, name: str, text: str = BROWSER) -> str:
        return str(script(self.bin / name, text))

    def apt(self, mode: str = "ok") -> None:
        self.add("apt-get", APT)
        self.env["APT_MODE"] = mode

    def system(self) -> browser.System:
        return browser.System(environ=dict(self.env), euid=self.euid, os_release=self.os_release,
                              python=str(self.python),
                              playwright_chromium=lambda: str(self.pw_browser) if self.playwright else None,
                              apt_locations=(), timeouts=dict(self.timeouts))

    def find(self, **kwargs) -> browser.Outcome:
        self.logged = []
        self.log.write_text("", encoding="utf-8")
        return browser.find(self.system(), log=self.logged.append, **kwargs)

    def ran(self) -> list[str]:
        """The fake programs run, shortened: 'run NAME', 'playwright ...', 'apt-get ...'."""
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [re.sub(r"^run \S*/", "run ", line).replace(" --version", "") for line in lines]


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    return Machine(tmp_path)


# ------------------------------------------------------------ 1. $CHROME_PATH

def test_chrome_path_wins_over_everything(machine):
    machine.add("chromium")
    chosen = script(machine.tmp / "elsewhere" / "my-chrome", BROWSER)
    machine.env["CHROME_PATH"] = str(chosen)
    outcome = machine.find()
    assert outcome.path == str(chosen) and outcome.how == "from $CHROME_PATH"
    assert outcome.version == "Fake Chromium 1.0"
    assert machine.ran() == ["run my-chrome"]


@pytest.mark.parametrize("text, why", [(None, "no such file"), (BROKEN, "--version` failed (error while loading")])
def test_a_chrome_path_that_does_not_run_is_reported_and_the_search_goes_on(machine, text, why):
    target = machine.tmp / "elsewhere" / "chrome"
    if text:
        script(target, text)
    machine.env["CHROME_PATH"] = str(target)
    path = machine.add("chromium")
    outcome = machine.find()
    assert outcome.path == path
    assert outcome.tried[0].startswith(f"$CHROME_PATH={target}: ") and why in outcome.tried[0]
    assert any("ignoring $CHROME_PATH" in line for line in machine.logged)


def test_a_chrome_path_that_is_not_executable_is_not_used(machine):
    target = machine.tmp / "plain-file"
    target.write_text(BROWSER, encoding="utf-8")
    machine.env["CHROME_PATH"] = str(target)
    outcome = machine.find(install=False)
    assert outcome.path is None and f"$CHROME_PATH={target}: not executable" in outcome.tried


# ------------------------------------------------------------ 2. PATH

@pytest.mark.parametrize("name", browser.NAMES)
def test_each_known_name_on_path_is_found(machine, name):
    path = machine.add(name)
    outcome = machine.find()
    assert outcome.path == path and outcome.how == f"found on PATH as {name}"
    assert machine.ran() == [f"run {name}"]   # nothing installed


def test_names_are_tried_in_order_and_a_broken_one_is_skipped(machine):
    machine.add("chrome")
    machine.add("google-chrome")
    assert Path(machine.find().path).name == "google-chrome"
    machine.add("chromium", BROKEN)
    outcome = machine.find()
    assert Path(outcome.path).name == "google-chrome"
    assert machine.ran() == ["run chromium", "run google-chrome"]
    machine.add("chromium")
    assert Path(machine.find().path).name == "chromium"


def test_path_comes_before_playwrights_own_browser(machine):
    script(machine.pw_browser, BROWSER)
    path = machine.add("chromium-browser")
    assert machine.find().path == path


# ------------------------------------------------------------ 3. Playwright's own browser

def test_playwrights_downloaded_browser_is_used_before_installing(machine):
    script(machine.pw_browser, BROWSER)
    machine.apt()
    outcome = machine.find()
    assert outcome.path == str(machine.pw_browser) and outcome.how == "Playwright's own Chromium"
    assert not any(line.startswith(("playwright", "apt-get")) for line in machine.ran())


# ------------------------------------------------------------ 4. installing

def test_playwright_install_comes_first_and_its_browser_is_used(machine):
    machine.env["PW_MODE"] = "ok"
    machine.apt()
    outcome = machine.find()
    assert outcome.path == str(machine.pw_browser)
    assert outcome.how == "installed by python -m playwright install chromium"
    assert machine.ran() == ["playwright -m playwright install chromium", "run chrome"]


def test_apt_is_tried_when_playwrights_download_fails(machine):
    machine.apt()
    outcome = machine.find()
    assert outcome.path == str(machine.bin / "chromium")
    assert outcome.how.startswith("installed with apt-get")
    assert machine.ran() == ["playwright -m playwright install chromium",
                             "apt-get update DEBIAN_FRONTEND=noninteractive",
                             "apt-get install -y chromium DEBIAN_FRONTEND=noninteractive",
                             "run chromium"]
    assert outcome.tried[3] == ("python -m playwright install chromium: failed "
                                "(Error: getaddrinfo ENOTFOUND cdn.playwright.dev)")


def test_a_hanging_playwright_install_is_cut_off(machine):
    machine.env["PW_MODE"] = "hang"
    machine.timeouts["playwright"] = 0.5
    outcome = machine.find()
    assert outcome.path is None
    assert "python -m playwright install chromium: failed (timed out after 0.5 s)" in outcome.tried


def test_apt_finds_the_package_at_its_usual_place_when_path_does_not_include_it(machine):
    machine.add("apt-get", APT.replace('"$BIN/chromium"', '"$BIN/../usr-bin/chromium"'))
    machine.env["APT_MODE"] = "ok"
    (machine.tmp / "usr-bin").mkdir()
    system = machine.system()
    system.apt_locations = (str(machine.tmp / "usr-bin" / "chromium"),)
    outcome = browser.find(system, log=lambda line: None)
    assert outcome.path == str(machine.tmp / "usr-bin" / "chromium")


def test_without_playwright_only_apt_is_tried(machine):
    machine.playwright = False
    machine.apt()
    outcome = machine.find()
    assert outcome.path == str(machine.bin / "chromium")
    assert not any(line.startswith("playwright") for line in machine.ran())
    assert "python -m playwright install chromium: skipped (Playwright is not installed)" in outcome.tried


@pytest.mark.parametrize("os_release", ["ID=ubuntu\n", 'ID=linuxmint\nID_LIKE="ubuntu debian"\n', "ID=raspbian\nID_LIKE=debian\n"])
def test_debian_derivatives_may_use_apt(machine, os_release):
    machine.os_release.write_text(os_release, encoding="utf-8")
    machine.apt()
    assert machine.find().how.startswith("installed with apt-get")


@pytest.mark.parametrize("change, reason", [
    ("euid", "needs root; this is uid 1000"),
    ("fedora", "not Debian or Ubuntu"),
    ("no os-release", "not Debian or Ubuntu"),
    ("no apt-get", "apt-get is not on PATH"),
])
def test_apt_is_not_tried_when_it_cannot_work(machine, change, reason):
    machine.apt()
    if change == "euid":
        machine.euid = 1000
    elif change == "fedora":
        machine.os_release.write_text('ID=fedora\nID_LIKE="rhel centos"\n', encoding="utf-8")
    elif change == "no os-release":
        machine.os_release.unlink()
    else:
        (machine.bin / "apt-get").unlink()
    outcome = machine.find()
    assert outcome.path is None
    assert not any(line.startswith("apt-get") for line in machine.ran())
    assert outcome.tried[-1].startswith("apt-get install chromium: skipped (") and reason in outcome.tried[-1]


def test_a_failing_apt_install_is_reported(machine):
    machine.apt("fail")
    outcome = machine.find()
    assert outcome.path is None
    assert outcome.tried[-1] == "apt-get install: failed (E: Unable to locate package chromium)"


def test_no_install_and_dry_run_install_nothing(machine):
    machine.apt()
    outcome = machine.find(install=False)
    assert outcome.path is None and machine.ran() == []
    assert outcome.tried[-1] == "installing one: not attempted (--no-install)"
    outcome = machine.find(dry_run=True)
    assert outcome.path is None and machine.ran() == []
    commands = [line for line in machine.logged if "would run" in line]
    assert [c.split("would run: ")[1] for c in commands] == [
        f"{machine.python} -m playwright install chromium",
        f"DEBIAN_FRONTEND=noninteractive {machine.bin}/apt-get update",
        f"DEBIAN_FRONTEND=noninteractive {machine.bin}/apt-get install -y chromium"]


# ------------------------------------------------------------ 5. the message when nothing works

def test_the_message_says_what_was_tried_and_both_ways_out(machine, capsys):
    machine.euid = 1000
    machine.add("chromium", BROKEN)
    assert browser.main([], system=machine.system()) == 1
    out, err = capsys.readouterr()
    assert out == ""   # nothing for the Makefile to take as a path
    assert "No Chromium or Chrome for the browser tests, so the tests were not started.\n" in err
    steps = re.findall(r"^  (\d)\. (.*)$", err, re.M)
    assert [n for n, _ in steps] == ["1", "2", "3", "4", "5"]
    assert steps[0][1] == "$CHROME_PATH: not set"
    assert steps[1][1].startswith("chromium, chromium-browser, google-chrome, google-chrome-stable, chrome on PATH: ")
    assert "libnss3" in steps[1][1]
    assert steps[2][1].startswith("Playwright's own Chromium: no such file")
    assert steps[3][1].startswith("python -m playwright install chromium: failed")
    assert steps[4][1] == "apt-get install chromium: skipped (needs root; this is uid 1000)"
    assert "make test CHROME_PATH=/path/to/chrome" in err and "sudo apt-get install chromium" in err
    assert 'make test-fast` (pytest -m "not browser")' in err


def test_main_prints_only_the_path_on_stdout(machine, capsys):
    path = machine.add("google-chrome-stable")
    assert browser.main(["--no-install"], system=machine.system()) == 0
    out, err = capsys.readouterr()
    assert out == path + "\n"
    assert err == f"browser: {path} (Fake Chromium 1.0), found on PATH as google-chrome-stable\n"


def test_the_script_runs_on_the_standard_library_alone(machine):
    """`make test` runs it before pytest; with an empty PATH and no Playwright it still answers."""
    env = {**machine.env, "PYTHONPATH": "", "CHROME_PATH": str(machine.fake_browser)}
    done = subprocess.run([sys.executable, "-S", "-I", str(ROOT / "tools" / "browser.py"), "--no-install"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{machine.fake_browser}\n"


# ------------------------------------------------------------ wiring

def test_make_test_and_ci_use_the_bootstrap():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^test: .*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert recipe.index("tools/browser.py") < recipe.index("-m pytest")
    assert 'CHROME_PATH="$$($(BIN)/python tools/browser.py)" || exit 1' in recipe
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [ln for ln in ci.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    assert commands == ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "make test"]
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def browser_conftest():
    spec = importlib.util.spec_from_file_location("browser_conftest_under_test", ROOT / "tests/browser/conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_browser_tests_look_for_their_browser_through_the_same_module(machine, monkeypatch):
    module = browser_conftest()
    monkeypatch.delenv("CHROME_PATH", raising=False)
    monkeypatch.setenv("PATH", str(machine.bin))
    monkeypatch.setenv("LOG", str(machine.log))
    monkeypatch.setattr(browser, "playwright_chromium", lambda: None)
    outcome = module.find_chromium()
    assert outcome.path is None and "installing one: not attempted (--no-install)" in outcome.tried
    path = machine.add("chromium-browser")
    assert module.find_chromium().path == path
    monkeypatch.setenv("CHROME_PATH", str(machine.fake_browser))
    assert module.find_chromium().path == str(machine.fake_browser)


def test_without_a_browser_pytest_stops_before_the_first_test_with_the_message(machine):
    """Run directly, pytest gives the bootstrap's message once, not one launch error per test."""
    env = {**os.environ, **machine.env, "PATH": f"{machine.bin}:{Path(sys.executable).parent}",
           "PLAYWRIGHT_BROWSERS_PATH": str(machine.tmp / "no-browsers")}
    env.pop("CHROME_PATH", None)
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
                           "tests/browser/test_smoke.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    output = done.stdout + done.stderr
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, output
    assert "No Chromium or Chrome for the browser tests" in output and "Traceback" not in output
    assert " passed" not in output and " error" not in output
