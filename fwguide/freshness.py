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
a report, appends it as Markdown to ``$GITHUB_STEP_SUMMARY`` when that is set,
and exits 1 when anything is out of date or could not be checked.

The logic is pure: ``check(guide, fetch, today)`` takes the network as a
function (``fetch(url) -> dict``), so tests pass recorded responses.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
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

Fetch = Callable[[str], dict]


@dataclass(frozen=True)
class Finding:
    framework: str   # display name
    check: str       # "latest version", "Python versions", "review date", "PyPI"
    guide: str       # what the data says
    found: str       # what PyPI (or the calendar) says
    detail: str = ""
    note: bool = False  # worth a look, but not proof that the data is out of date

    def line(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{self.framework}: {self.check}: the guide says {self.guide}; {self.found}{extra}"


@dataclass
class Report:
    today: dt.date
    checked: list[str] = field(default_factory=list)   # one line per framework checked
    findings: list[Finding] = field(default_factory=list)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.note]

    @property
    def notes(self) -> list[Finding]:
        return [f for f in self.findings if f.note]

    @property
    def stale(self) -> bool:
        return bool(self.problems)


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


def check(guide: Guide, fetch: Fetch, today: dt.date) -> Report:
    report = Report(today)
    for fw in guide.frameworks:
        report.findings += check_review(fw, today)
        name = pypi_name(fw.package)
        if name is None:
            report.findings.append(Finding(fw.name, "PyPI", fw.package, "this is not a pypi.org project URL",
                                           "cannot check the version"))
            continue
        url = PYPI_JSON.format(name=name)
        try:
            payload = fetch(url)
        except Exception as error:  # network, HTTP or JSON error: say so, do not pass silently
            report.findings.append(Finding(fw.name, "PyPI", f"package {name}", f"could not read {url}",
                                           f"{type(error).__name__}: {error}"))
            continue
        report.findings += check_pypi(fw, payload)
        info = payload.get("info") or {}
        report.checked.append(f"{fw.name}: guide {fw.latest_version} (Python {', '.join(fw.python_versions)}, "
                              f"reviewed {fw.reviewed}); PyPI {info.get('version')} "
                              f"(requires_python {requires_python(payload)!r})")
    return report


# ------------------------------------------------------------------ output

def format_text(report: Report) -> str:
    lines = [f"Freshness check on {report.today.isoformat()}"]
    lines += [f"  checked {line}" for line in report.checked]
    if report.stale:
        lines.append(f"{len(report.problems)} thing(s) out of date or unchecked:")
        lines += [f"  - {f.line()}" for f in report.problems]
        lines.append("Update data/frameworks.yaml (and its `reviewed` dates) after checking the official sources.")
    else:
        lines.append("Everything is up to date.")
    if report.notes:
        lines.append(f"{len(report.notes)} note(s), worth a look but not failing:")
        lines += [f"  - {f.line()}" for f in report.notes]
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def format_markdown(report: Report) -> str:
    lines = [f"## Data freshness, {report.today.isoformat()}", ""]
    if not report.stale:
        lines.append("Everything is up to date.")
    else:
        lines += [f"**{len(report.problems)} thing(s) out of date or unchecked** in `data/frameworks.yaml`:", "",
                  "| Framework | Check | The guide says | Found | Detail |", "|---|---|---|---|---|"]
        lines += [f"| {_md(f.framework)} | {_md(f.check)} | {_md(f.guide)} | {_md(f.found)} | {_md(f.detail)} |"
                  for f in report.problems]
    if report.notes:
        lines += ["", "Notes (not failing):", ""] + [f"- {_md(f.line())}" for f in report.notes]
    if report.checked:
        lines += ["", "Checked:", ""] + [f"- {_md(line)}" for line in report.checked]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------- network

def fetch_json(url: str, timeout: float = 30.0) -> dict:
    """The one network call: GET url and parse JSON."""
    request = urllib.request.Request(url, headers={"Accept": "application/json",
                                                   "User-Agent": "fwguide-freshness (+make freshness)"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.load(response)


def main(argv: list[str] | None = None, fetch: Fetch = fetch_json, today: dt.date | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fwguide.freshness", description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", default=str(DATA_FILE))
    parser.add_argument("--today", type=dt.date.fromisoformat, help="pretend today is YYYY-MM-DD")
    args = parser.parse_args(argv)
    today = today or args.today or dt.date.today()
    try:
        guide = load_guide(args.file, today=today)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    report = check(guide, fetch, today)
    print(format_text(report).replace("data/frameworks.yaml", display_name(Path(args.file))))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as out:
            out.write(format_markdown(report))
    return 1 if report.stale else 0


if __name__ == "__main__":
    sys.exit(main())
