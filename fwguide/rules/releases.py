"""The release and support timeline: every line's status must agree with today's date, so the build
fails on the day a support period runs out until the data says so."""
import calendar
import datetime as dt

from fwguide.rules import rule
from fwguide.rules._common import items


def period(value) -> tuple[dt.date, dt.date] | None:
    """(first day, last day) that a date (YYYY-MM-DD) or a month (YYYY-MM) stands for; None if not real."""
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        day = dt.date.fromisoformat(value)
        return day, day
    except ValueError:
        return None


def _version_key(text) -> tuple:
    try:
        return tuple(int(part) for part in str(text).split("."))
    except ValueError:
        return ()


def _dates(line, where, path, report, today) -> dict:
    spans = {}
    for key in ("released", "mainstream_end", "security_end"):
        if key not in line:
            continue
        span = period(line[key])
        if span is None:
            report(path + (key,), f"{where}.{key}: {line[key]!r} is not a real date or month")
        else:
            spans[key] = span
    if "released" in spans and spans["released"][0] > today:
        report(path + ("released",), f"{where}.released: {line['released']} is in the future; list only "
                                     f"lines that have been released")
    order = [k for k in ("released", "mainstream_end", "security_end") if k in spans]
    for earlier, later in zip(order, order[1:]):
        if spans[earlier][0] > spans[later][1]:
            report(path + (later,), f"{where}: {later} {line[later]} is before {earlier} {line[earlier]}")
    return spans


def _status(line, spans, where, path, report, today) -> None:
    status = line.get("status")
    security, mainstream = spans.get("security_end"), spans.get("mainstream_end")
    here = path + ("status",)
    if security and security[1] < today and status != "ended":
        report(here, f"{where}: security support ended on {line['security_end']}; set status: ended")
    elif mainstream and mainstream[1] < today and status == "supported":
        report(here, f"{where}: mainstream support ended on {line['mainstream_end']}; set status: extended "
                     f"(security fixes only) or ended")
    if status == "ended" and "security_end" not in line:
        report(here, f"{where}: an ended line needs security_end, the day or month its fixes stopped")
    elif status == "ended" and security and security[1] >= today:
        report(here, f"{where}: marked ended, but security support runs until {line['security_end']}")
    if status == "extended" and not ("mainstream_end" in line and "security_end" in line):
        report(here, f"{where}: an extended line needs mainstream_end and security_end")
    elif status == "extended" and mainstream and mainstream[1] >= today:
        report(here, f"{where}: marked extended, but mainstream support runs until {line['mainstream_end']}")
    missing = [key for key in ("released", "python_versions") if not line.get(key)]
    if status in ("supported", "extended") and missing:
        report(path, f"{where}: a line that still gets fixes gives its {' and '.join(missing)}")


def _check_line(fw, j, line, policy_lts, report, today) -> None:
    path = ("frameworks", fw[0], "release_lines", j)
    where = f"frameworks[{fw[1].get('id')}].release_lines[{line.get('line')}]"
    spans = _dates(line, where, path, report, today)
    _status(line, spans, where, path, report, today)
    name, latest = str(line.get("line")), str(line.get("latest"))
    if latest != name and not latest.startswith(name + "."):
        report(path + ("latest",), f"{where}.latest: {latest} is not a release of the {name} line")
    if line.get("lts") is True and policy_lts is False:
        report(path + ("lts",), f"{where}: marked LTS, but release_policy.lts says the project names no "
                                f"long-term support releases")
    versions = line.get("python_versions")
    if isinstance(versions, list) and all(isinstance(v, str) for v in versions):
        minors = [_version_key(v) for v in versions]
        if minors != sorted(minors):
            report(path + ("python_versions",), f"{where}.python_versions: list them oldest first")


def _check_current(i, fw, lines, report) -> None:
    """The framework's latest version is the newest release of a line that still gets fixes."""
    where = f"frameworks[{fw.get('id')}]"
    current = next(((j, line) for j, line in lines if line.get("latest") == fw.get("latest_version")), None)
    if current is None:
        report(("frameworks", i, "latest_version"), f"{where}: latest_version {fw.get('latest_version')} is "
                                                    f"not the latest of any entry in release_lines")
        return
    j, line = current
    if line.get("status") == "ended":
        report(("frameworks", i, "release_lines", j, "status"), f"{where}: the line of latest_version "
                                                               f"{fw.get('latest_version')} is marked ended")
    if "python_versions" in line and line.get("python_versions") != fw.get("python_versions"):
        report(("frameworks", i, "release_lines", j, "python_versions"),
               f"{where}.release_lines[{line.get('line')}]: python_versions differ from the framework's "
               f"python_versions, which describe the same release")


@rule("release-timeline", "Release lines are listed newest first, once each, with real dates in order; a "
                          "line's status agrees with today's date (once its security support has ended it "
                          "must say ended, once its mainstream support has ended it may no longer say "
                          "supported); the framework's latest version is the latest of a line that is not "
                          "ended, with the same Python versions; only a project with an LTS policy marks "
                          "LTS lines.")
def check_releases(data, report, today):
    for i, fw in items(data, "frameworks"):
        lines = list(items(fw, "release_lines"))
        policy = fw.get("release_policy")
        policy_lts = policy.get("lts") if isinstance(policy, dict) else None
        seen: set = set()
        for j, line in lines:
            if line.get("line") in seen:
                report(("frameworks", i, "release_lines", j, "line"),
                       f"frameworks[{fw.get('id')}].release_lines: line {line.get('line')!r} is listed twice")
            seen.add(line.get("line"))
            _check_line((i, fw), j, line, policy_lts, report, today)
        keys = [_version_key(line.get("line")) for _, line in lines]
        if keys != sorted(keys, reverse=True):
            report(("frameworks", i, "release_lines"), f"frameworks[{fw.get('id')}].release_lines: list the "
                                                       f"lines newest first")
        if lines:
            _check_current(i, fw, lines, report)
