"""Find a Chromium or Chrome for the browser tests, installing one when there is none.

    python tools/browser.py [--no-install] [--dry-run]

`make test` runs this before pytest and hands the path it prints to the tests as $CHROME_PATH
(`.ci/run` calls `make test`, so CI uses the same logic).  The order:

1. $CHROME_PATH, when it is set and names a program that runs;
2. a Chromium or Chrome on PATH: chromium, chromium-browser, google-chrome, google-chrome-stable,
   chrome (the first that answers `--version`);
3. Playwright's own Chromium, when it has been downloaded before;
4. install one: `python -m playwright install chromium` (needs Playwright's download host), then,
   when that fails and the user is root on Debian or Ubuntu (or a derivative),
   `apt-get update` and `apt-get install -y chromium`;
5. otherwise stop with one message: what was tried and the two ways out (install a browser or set
   CHROME_PATH; or run the suite without the browser tests, `make test-fast`).

The path goes to stdout, alone; progress and problems go to stderr.  Exit status 0 when a browser
was found or installed, 1 when none.  --no-install stops after step 3; --dry-run prints the
install commands instead of running them.  Standard library only: it runs before anything else.
"""
from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
# Where Debian's and Ubuntu's packages put the browser, looked at after apt-get even when PATH
# (as given to this script) does not include /usr/bin.
APT_LOCATIONS = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
VERSION_TIMEOUT = 30.0
PLAYWRIGHT_TIMEOUT = 120.0
APT_UPDATE_TIMEOUT = 300.0
APT_INSTALL_TIMEOUT = 900.0
FIX = """Fix it either way:
  - install Chromium or Chrome (Debian or Ubuntu: `sudo apt-get install chromium`; anywhere
    Playwright's download host is reachable: `.venv/bin/python -m playwright install chromium`),
    or point CHROME_PATH at one: `make test CHROME_PATH=/path/to/chrome`;
  - or run the suite without the browser tests: `make test-fast` (pytest -m "not browser")."""


def playwright_chromium() -> str | None:
    """Where Playwright keeps (or would keep) its own Chromium; None when Playwright is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            return p.chromium.executable_path
    except Exception:  # a broken driver is "no managed browser", not a crash
        return None


@dataclass
class System:
    """Everything the decision reads, so that tests can hand it a fake machine."""
    environ: Mapping[str, str]
    euid: int
    os_release: Path = Path("/etc/os-release")
    python: str = sys.executable                      # the interpreter that has Playwright
    playwright_chromium: Callable[[], str | None] = playwright_chromium
    apt_locations: Sequence[str] = APT_LOCATIONS
    timeouts: dict[str, float] = field(default_factory=lambda: {
        "version": VERSION_TIMEOUT, "playwright": PLAYWRIGHT_TIMEOUT,
        "apt-update": APT_UPDATE_TIMEOUT, "apt-install": APT_INSTALL_TIMEOUT})

    @classmethod
    def real(cls) -> System:
        return cls(environ=dict(os.environ), euid=os.geteuid(), playwright_chromium=playwright_chromium)

    @property
    def path(self) -> str:
        return self.environ.get("PATH", os.defpath)


@dataclass
class Outcome:
    path: str | None           # the browser, None when there is none
    how: str = ""              # how it was found, for the log line
    version: str = ""
    tried: list[str] = field(default_factory=list)

    def message(self) -> str:
        steps = "\n".join(f"  {n}. {line}" for n, line in enumerate(self.tried, 1))
        return ("No Chromium or Chrome for the browser tests, so the tests were not started.\n"
                f"Tried, in order:\n{steps}\n{FIX}")


def run(argv: Sequence[str], timeout: float, env: Mapping[str, str]) -> tuple[int | None, str]:
    """Run a command: (exit status, or None on a timeout or when it cannot start; one line of
    its output: on success the last line of stdout, on failure the first error line)."""
    try:
        done = subprocess.run(list(argv), env=dict(env), stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, errors="replace", timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:g} s"
    except OSError as error:
        return None, f"could not start: {error}"
    out = [ln.strip() for ln in done.stdout.splitlines() if ln.strip()]
    lines = out + [ln.strip() for ln in done.stderr.splitlines() if ln.strip()]
    if done.returncode == 0:
        return 0, (out[-1:] or lines[-1:] or [""])[0][:300]
    errors = [ln for ln in lines if "error" in ln.lower() or ln.startswith("E:")]
    return done.returncode, (errors[:1] or lines[-1:] or [""])[0][:300]


def runs(path: str, system: System) -> tuple[bool, str]:
    """Does `path --version` work?  (True, the version line) or (False, why not)."""
    if not os.path.isfile(path):
        return False, "no such file"
    if not os.access(path, os.X_OK):
        return False, "not executable"
    code, line = run([path, "--version"], system.timeouts["version"], system.environ)
    if code != 0:
        return False, f"`{path} --version` failed ({line or f'exit {code}'})"
    return True, line


def on_path(system: System, names: Sequence[str] = NAMES) -> tuple[str | None, str, list[str]]:
    """The first named browser on PATH that runs: (path, version, notes about those that did not)."""
    notes = []
    for name in names:
        found = shutil.which(name, path=system.path)
        if found:
            ok, detail = runs(found, system)
            if ok:
                return found, detail, notes
            notes.append(f"{found}: {detail}")
    return None, "", notes


def debian_like(os_release: Path) -> bool:
    """True on Debian, Ubuntu and their derivatives (ID or ID_LIKE in /etc/os-release)."""
    try:
        text = os_release.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    values = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip()] = value.strip().strip("\"'").lower()
    ids = {values.get("ID", "")} | set(values.get("ID_LIKE", "").split())
    return bool(ids & {"debian", "ubuntu"})


def apt_blocked(system: System) -> str | None:
    """Why the distribution's package cannot be installed here, or None when it can be tried."""
    if system.euid != 0:
        return f"needs root; this is uid {system.euid}"
    if not debian_like(system.os_release):
        return f"not Debian or Ubuntu ({system.os_release} names neither)"
    if not shutil.which("apt-get", path=system.path):
        return "apt-get is not on PATH"
    return None


def find(system: System, *, install: bool = True, dry_run: bool = False,
         log: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> Outcome:
    """Walk the order in the module docstring; the first browser that runs wins."""
    out = Outcome(None)
    # 1. $CHROME_PATH
    chrome = system.environ.get("CHROME_PATH", "")
    if chrome:
        ok, detail = runs(chrome, system)
        if ok:
            return Outcome(chrome, "from $CHROME_PATH", detail, out.tried)
        out.tried.append(f"$CHROME_PATH={chrome}: {detail}")
        log(f"browser: ignoring $CHROME_PATH={chrome}: {detail}")
    else:
        out.tried.append("$CHROME_PATH: not set")
    # 2. PATH
    path, version, notes = on_path(system)
    if path:
        return Outcome(path, f"found on PATH as {Path(path).name}", version, out.tried)
    out.tried.append(f"{', '.join(NAMES)} on PATH: " + ("; ".join(notes) if notes else "none found"))
    # 3. Playwright's own browser, downloaded before
    managed = system.playwright_chromium()
    if managed is None:
        out.tried.append("Playwright's own Chromium: Playwright is not installed in this Python")
    else:
        ok, detail = runs(managed, system)
        if ok:
            return Outcome(managed, "Playwright's own Chromium", detail, out.tried)
        out.tried.append(f"Playwright's own Chromium: {detail} ({managed})")
    if not install:
        out.tried.append("installing one: not attempted (--no-install)")
        return out
    # 4a. Playwright's download
    command = [system.python, "-m", "playwright", "install", "chromium"]
    shown = "python -m playwright install chromium"
    if managed is None:
        out.tried.append(f"{shown}: skipped (Playwright is not installed)")
    elif dry_run:
        log(f"browser: dry run, would run: {shlex.join(command)}")
        out.tried.append(f"{shown}: not run (dry run)")
    else:
        log(f"browser: none found; trying {shown} (at most {system.timeouts['playwright']:g} s)")
        code, line = run(command, system.timeouts["playwright"], system.environ)
        if code == 0:
            managed = system.playwright_chromium()
            ok, detail = runs(managed, system) if managed else (False, "Playwright reports no path")
            if ok:
                return Outcome(managed, f"installed by {shown}", detail, out.tried)
            out.tried.append(f"{shown}: finished, but the browser does not run: {detail}")
        else:
            out.tried.append(f"{shown}: failed ({line or f'exit {code}'})")
    # 4b. the distribution's package
    blocked = apt_blocked(system)
    if blocked:
        out.tried.append(f"apt-get install chromium: skipped ({blocked})")
        return out
    apt = shutil.which("apt-get", path=system.path)
    env = {**system.environ, "DEBIAN_FRONTEND": "noninteractive"}
    steps = [([apt, "update"], system.timeouts["apt-update"]),
             ([apt, "install", "-y", "chromium"], system.timeouts["apt-install"])]
    if dry_run:
        for argv, _ in steps:
            log(f"browser: dry run, would run: DEBIAN_FRONTEND=noninteractive {shlex.join(argv)}")
        out.tried.append("apt-get install chromium: not run (dry run)")
        return out
    for argv, timeout in steps:
        log(f"browser: running {shlex.join(argv)} (at most {timeout:g} s)")
        code, line = run(argv, timeout, env)
        if code != 0:
            out.tried.append(f"apt-get {argv[1]}: failed ({line or f'exit {code}'})")
            return out
    path, version, notes = on_path(system)
    for location in ([] if path else system.apt_locations):
        ok, detail = runs(location, system)
        if ok:
            path, version = location, detail
            break
    if path:
        return Outcome(path, "installed with apt-get (the distribution's chromium package)", version, out.tried)
    out.tried.append("apt-get install chromium: finished, but no chromium runs afterwards"
                     + (f" ({'; '.join(notes)})" if notes else ""))
    return out


def main(argv: list[str] | None = None, system: System | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/browser.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-install", action="store_true", help="only look; never install")
    parser.add_argument("--dry-run", action="store_true", help="print the install commands instead of running them")
    args = parser.parse_args(argv)
    outcome = find(system or System.real(), install=not args.no_install, dry_run=args.dry_run)
    if outcome.path is None:
        print(outcome.message(), file=sys.stderr)
        return 1
    print(f"browser: {outcome.path} ({outcome.version or 'version unknown'}), {outcome.how}", file=sys.stderr)
    print(outcome.path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
