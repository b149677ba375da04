"""Is the data still current?  ``python -m fwguide.freshness`` (``make freshness``).

For each framework it reads PyPI's JSON API (``https://pypi.org/pypi/<name>/json``,
the name taken from the framework's ``package`` URL) and compares

* the latest version (``info.version``) with ``latest_version``;
* the Python versions with ``python_versions``: the oldest one must be the
  oldest that ``requires_python`` allows (taken from the latest release's files,
  else from ``info``), and when the release lists ``Programming Language ::
  Python :: 3.X`` classifiers, the guide must list exactly those (within
  ``requires_python``);

and lists frameworks whose ``reviewed`` date is more than a year old.  It prints
a report and appends it as Markdown to ``$GITHUB_STEP_SUMMARY`` when that is set.

Exit status: 0 when everything is current; 1 when something is out of date (a
finding: fix the data); 2 when PyPI could not be asked (no network, a timeout,
an outage: nothing was judged, try again later).  A finding wins over an outage.

The network is bounded: the first framework's request is a probe with a short
timeout (``--probe-timeout``, 5 s), and when it fails the run stops at once with
the outage message; the others are fetched concurrently, each with its own
timeout (``--timeout``, 15 s), and the whole run has a deadline (``--deadline``,
60 s) after which whatever has not answered is reported as not checked.

The logic is pure: ``check(guide, fetch, today)`` takes the network as a
function (``fetch(url, timeout) -> dict``), so tests pass recorded responses.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path
from urllib.parse import urlsplit

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from fwguide.model import Framework, Guide
from fwguide.problems import DataError
from fwguide.loader import load_guide
from fwguide.paths import DATA_FILE, display_name

MAX_REVIEW_AGE_DAYS = 365
PYPI_JSON = "https://pypi.org/pypi/{name}/json"
CLASSIFIER = re.compile(r"^Programming Language :: Python :: (3\.[0-9]{1,2})$")
HIGHEST_MINOR = 40  # 3.0 .. 3.40 is searched for the oldest version requires_python allows
PROBE_TIMEOUT = 5.0     # seconds for the first request, which tells whether PyPI can be reached at all
REQUEST_TIMEOUT = 15.0  # seconds for each other request
DEADLINE = 60.0         # seconds for the whole run's network part

EXIT_OK, EXIT_STALE, EXIT_UNCHECKED = 0, 1, 2

Fetch = Callable[[str, float], dict]  # (url, timeout in seconds) -> parsed JSON; raises on any failure


@dataclass(frozen=True)
class Finding:
    framework: str   # display name
    check: str       # "latest version", "Python versions", "review date", "PyPI"
    guide: str       # what the data says
    found: str       # what PyPI (or the calendar) says
    detail: str = ""
    note: bool = False  # worth a look, but not proof that the data is out of date
    unchecked: bool = False  # PyPI could not be asked: says nothing about the data

    def line(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.framework}: {self.check}: the guide says {self.guide}; {self.found}{extra}"


@dataclass
class Report:
    today: dt.date
    checked: list[str] = field(default_factory=list)   # one line per framework checked
    findings: list[Finding] = field(default_factory=list)
    outage: str = ""  # set when the probe failed: why PyPI could not be reached

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.note and not f.unchecked]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.note]

    @property
    def unchecked(self) -> list[Finding]:
        return [f for f in self.findings if f.unchecked]

    @property
    def stale(self) -> bool:
        return bool(self.problems)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return EXIT_STALE
        return EXIT_UNCHECKED if self.unchecked else EXIT_OK


# ------------------------------------------------------------------ parsing

def pypi_name(package_url: str) -> str | None:
    """'https://pypi.org/project/Flask/' -> 'Flask'; None when it is not a PyPI project page."""
    parts = urlsplit(package_url)
    if parts.hostname not in ("pypi.org", "www.pypi.org"):
        return None
    segments = [s for s in parts.path.split("/") if s]
    if len(segments) >= 2 and segments[0] == "project":
        return segments[1]
    return None


def _minor(version: str) -> int:
    return int(version.split(".")[1])


def classifier_versions(classifiers: list[str]) -> list[str]:
    """The 3.X versions named by 'Programming Language :: Python :: 3.X' classifiers, oldest first."""
    found = {m.group(1) for c in classifiers or [] if (m := CLASSIFIER.match(c.strip()))}
    return sorted(found, key=_minor)


def requires_python(payload: dict) -> str | None:
    """requires_python of the latest release's files (exact for that version), else of ``info``."""
    info = payload.get("info") or {}
    files = (payload.get("releases") or {}).get(info.get("version"), []) or payload.get("urls") or []
    specs = {f.get("requires_python") for f in files if not f.get("yanked") and f.get("requires_python")}
    if len(specs) == 1:
        return specs.pop()
    return info.get("requires_python") or None


def allowed(spec: str | None, version: str) -> bool:
    if not spec:
        return True
    try:
        return SpecifierSet(spec).contains(version + ".0", prereleases=True)
    except InvalidSpecifier:
        return True


def oldest_allowed(spec: str | None) -> str | None:
    """The oldest Python 3.X that the specifier allows, or None if it sets no lower bound we can see."""
    if not spec:
        return None
    try:
        specifier = SpecifierSet(spec)
    except InvalidSpecifier:
        return None
    if specifier.contains("3.0.0"):
        return None  # no meaningful lower bound
    for minor in range(0, HIGHEST_MINOR + 1):
        if specifier.contains(f"3.{minor}.0", prereleases=True):
            return f"3.{minor}"
    return None


def release_date(payload: dict, version: str) -> str | None:
    files = (payload.get("releases") or {}).get(version) or []
    times = sorted(f.get("upload_time_iso_8601") or f.get("upload_time") or "" for f in files)
    times = [t for t in times if t]
    return times[0][:10] if times else None


def _same_version(a: str, b: str) -> bool:
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


# ------------------------------------------------------------------- checks

def check_pypi(fw: Framework, payload: dict) -> list[Finding]:
    """Compare one framework's version and Python support with its PyPI JSON."""
    findings = []
    info = payload.get("info") or {}
    latest = info.get("version")
    if not isinstance(latest, str) or not latest:
        return [Finding(fw.name, "PyPI", fw.latest_version, "the PyPI JSON has no info.version")]
    if not _same_version(latest, fw.latest_version):
        uploaded = release_date(payload, latest)
        findings.append(Finding(fw.name, "latest version", fw.latest_version, f"PyPI's latest is {latest}",
                                f"uploaded {uploaded}" if uploaded else ""))
    spec = requires_python(payload)
    listed = list(fw.python_versions)
    oldest = oldest_allowed(spec)
    if oldest and listed and listed[0] != oldest:
        findings.append(Finding(fw.name, "Python versions", f"the oldest is {listed[0]}",
                                f"PyPI's requires_python {spec!r} starts at {oldest}"))
    excluded = [v for v in listed if not allowed(spec, v)]
    if excluded:
        findings.append(Finding(fw.name, "Python versions", ", ".join(excluded),
                                f"PyPI's requires_python {spec!r} excludes {'it' if len(excluded) == 1 else 'them'}"))
    classified = [v for v in classifier_versions(info.get("classifiers") or []) if allowed(spec, v)]
    info_spec = info.get("requires_python") or None
    doubt = (f"PyPI's info block says requires_python {info_spec!r} but the {latest} files say {spec!r}, "
             f"so its classifiers may describe another release" if info_spec and spec and info_spec != spec else "")
    if classified:
        missing = [v for v in classified if v not in listed]
        extra = [v for v in listed if v not in classified and allowed(spec, v)]
        if missing:
            findings.append(Finding(fw.name, "Python versions", f"{', '.join(listed)}",
                                    f"PyPI's classifiers for {latest} also list {', '.join(missing)}", doubt))
        if extra:
            # PyPI's JSON `info` block can lag the files of a release (seen 2026-11-29: Django 6.1.3's
            # wheel lists Python 3.15, the JSON did not), so this direction is a note, not a failure.
            findings.append(Finding(fw.name, "Python versions", f"{', '.join(listed)}",
                                    f"PyPI's classifiers for {latest} do not list {', '.join(extra)}",
                                    doubt or "check the release's own metadata or notes", note=True))
    return findings


def check_review(fw: Framework, today: dt.date, max_age: int = MAX_REVIEW_AGE_DAYS) -> list[Finding]:
    age = (today - dt.date.fromisoformat(fw.reviewed)).days
    if age <= max_age:
        return []
    facts = 3 + len(fw.key_features) + len(fw.ideal_uses) + len(fw.support) + len(fw.considerations)
    return [Finding(fw.name, "review date", f"reviewed {fw.reviewed}",
                    f"that is {age} days ago, more than {max_age}",
                    f"{facts} facts to re-check against their sources")]


def could_not_ask(error: BaseException) -> bool:
    """True when the error means PyPI could not be asked (network, timeout, 5xx, 429, a garbled
    answer); False when PyPI answered and the answer is a finding (404: no such project)."""
    if isinstance(error, urllib.error.HTTPError):
        return error.code >= 500 or error.code in (408, 429)
    return True


class _NoAnswer(TimeoutError):
    """Stands in for a request that had not answered when the deadline passed."""


def describe(error: BaseException) -> str:
    return str(error) if isinstance(error, _NoAnswer) else f"{type(error).__name__}: {error}"


def fetch_all(urls: list[str], fetch: Fetch, *, probe_timeout: float = PROBE_TIMEOUT,
              timeout: float = REQUEST_TIMEOUT, deadline: float = DEADLINE) -> tuple[dict, str]:
    """({url: parsed JSON or the exception it raised}, outage message or "").

    The first URL is a probe with a short timeout: when it cannot be asked, nothing else is tried
    and the outage message says why.  The rest run at once, in daemon threads (a hung request
    cannot keep the program alive), until the deadline, counted from the start."""
    if not urls:
        return {}, ""
    start = time.monotonic()
    first, rest = urls[0], urls[1:]
    results: dict[str, Any] = {}
    try:
        results[first] = fetch(first, probe_timeout)
    except Exception as error:
        if could_not_ask(error):
            return {}, f"the first request, {first}, failed ({describe(error)}; timeout {probe_timeout:g} s)"
        results[first] = error
    lock = threading.Lock()
    late: dict[str, Any] = {}

    def one(url: str) -> None:
        try:
            answer: Any = fetch(url, timeout)
        except Exception as error:  # network, HTTP or JSON error: reported, never raised
            answer = error
        with lock:
            late[url] = answer

    threads = [threading.Thread(target=one, args=(url,), daemon=True) for url in rest]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, start + deadline - time.monotonic()))
    with lock:
        results.update(late)
    for url in rest:
        results.setdefault(url, _NoAnswer(f"no answer within the {deadline:g} s deadline of the whole run"))
    return results, ""


def check(guide: Guide, fetch: Fetch, today: dt.date, **limits: float) -> Report:
    """Compare every framework with PyPI.  ``limits``: probe_timeout, timeout, deadline (seconds)."""
    report = Report(today)
    jobs = []
    for fw in guide.frameworks:
        report.findings += check_review(fw, today)  # needs no network
        name = pypi_name(fw.package)
        if name is None:
            report.findings.append(Finding(fw.name, "PyPI", fw.package, "this is not a pypi.org project URL",
                                           "cannot check the version"))
            continue
        jobs.append((fw, name, PYPI_JSON.format(name=name)))
    answers, report.outage = fetch_all(list(dict.fromkeys(url for _, _, url in jobs)), fetch, **limits)
    for fw, name, url in jobs:
        if report.outage:
            report.findings.append(Finding(fw.name, "PyPI", f"package {name}", "not checked: PyPI could not be reached",
                                           unchecked=True))
            continue
        payload = answers[url]
        if isinstance(payload, BaseException):
            if could_not_ask(payload):
                report.findings.append(Finding(fw.name, "PyPI", f"package {name}", f"could not read {url}",
                                               describe(payload), unchecked=True))
            else:  # PyPI answered, and the answer is the finding (e.g. 404: no such project)
                report.findings.append(Finding(fw.name, "PyPI", f"package {name}", f"PyPI answered {url} with an error",
                                               describe(payload)))
            continue
        report.findings += check_pypi(fw, payload)
        info = payload.get("info") or {}
        report.checked.append(f"{fw.name}: guide {fw.latest_version} (Python {', '.join(fw.python_versions)}, "
                              f"reviewed {fw.reviewed}); PyPI {info.get('version')} "
                              f"(requires_python {requires_python(payload)!r})")
    return report


# ------------------------------------------------------------------ output

OUTAGE_ADVICE = ("This is a network problem or an outage, not a finding about the data; "
                 "try again later (exit status 2).")


def format_text(report: Report) -> str:
    lines = [f"Freshness check on {report.today.isoformat()}"]
    if report.outage:
        lines.append(f"Could not check PyPI: {report.outage}. Nothing was compared with PyPI.")
        lines.append(OUTAGE_ADVICE)
    lines += [f"  checked {line}" for line in report.checked]
    if report.stale:
        lines.append(f"{len(report.problems)} thing(s) out of date:")
        lines += [f"  - {f.line()}" for f in report.problems]
        lines.append("Update data/frameworks.yaml (and its `reviewed` dates) after checking the official sources.")
    elif not report.unchecked:
        lines.append("Everything is up to date.")
    if report.unchecked and not report.outage:
        lines.append(f"{len(report.unchecked)} thing(s) could not be checked:")
        lines += [f"  - {f.line()}" for f in report.unchecked]
        lines.append(OUTAGE_ADVICE)
    if report.notes:
        lines.append(f"{len(report.notes)} note(s), worth a look but not failing:")
        lines += [f"  - {f.line()}" for f in report.notes]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(report: Report) -> str:
    lines = [f"## Data freshness, {report.today.isoformat()}", ""]
    if report.outage:
        lines += [f"**Could not check PyPI:** {_md(report.outage)}. {OUTAGE_ADVICE}", ""]
    if not report.stale and not report.unchecked:
        lines.append("Everything is up to date.")
    elif report.stale:
        lines += [f"**{len(report.problems)} thing(s) out of date** in `data/frameworks.yaml`:", "",
                  "| Framework | Check | The guide says | Found | Detail |", "|---|---|---|---|---|"]
        lines += [f"| {_md(f.framework)} | {_md(f.check)} | {_md(f.guide)} | {_md(f.found)} | {_md(f.detail)} |"
                  for f in report.problems]
    if report.unchecked and not report.outage:
        lines += ["", f"**{len(report.unchecked)} thing(s) could not be checked** ({OUTAGE_ADVICE})", ""]
        lines += [f"- {_md(f.line())}" for f in report.unchecked]
    if report.notes:
        lines += ["", "Notes (not failing):", ""] + [f"- {_md(f.line())}" for f in report.notes]
    if report.checked:
        lines += ["", "Checked:", ""] + [f"- {_md(line)}" for line in report.checked]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- network

def fetch_json(url: str, timeout: float = REQUEST_TIMEOUT) -> dict:
    """The one network call: GET url and parse JSON."""
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "fwguide-freshness (+make freshness)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def main(argv: list[str] | None = None, fetch: Fetch = fetch_json, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fwguide.freshness", description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", default=str(DATA_FILE))
    parser.add_argument("--today", type=dt.date.fromisoformat, help="pretend today is YYYY-MM-DD")
    parser.add_argument("--probe-timeout", type=float, default=PROBE_TIMEOUT,
                        help="seconds for the first request, which decides whether PyPI can be reached")
    parser.add_argument("--timeout", type=float, default=REQUEST_TIMEOUT, help="seconds for each other request")
    parser.add_argument("--deadline", type=float, default=DEADLINE, help="seconds for all the requests together")
    args = parser.parse_args(argv)
    today = today or args.today or dt.date.today()
    try:
        guide = load_guide(args.file, today=today)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    report = check(guide, fetch, today, probe_timeout=args.probe_timeout, timeout=args.timeout,
                   deadline=args.deadline)
    print(format_text(report).replace("data/frameworks.yaml", display_name(Path(args.file))))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(format_markdown(report))
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
