import datetime as dt

from fwguide.rules import rule
from fwguide.rules._common import items


def _parse_dates(i, fw, report, today) -> dict[str, dt.date]:
    parsed = {}
    for key in ("released", "reviewed"):
        value = fw.get(key)
        if not isinstance(value, str):
            continue
        try:
            parsed[key] = dt.date.fromisoformat(value)
        except ValueError:
            report(("frameworks", i, key), f"frameworks[{fw.get('id')}].{key}: {value!r} is not a real date")
            continue
        if parsed[key] > today:
            report(("frameworks", i, key), f"frameworks[{fw.get('id')}].{key}: {value} is in the future")
    return parsed


def _python_order(i, fw, report) -> None:
    versions = fw.get("python_versions")
    if not (isinstance(versions, list) and all(isinstance(v, str) and v.startswith("3.") for v in versions)):
        return
    try:
        minors = [int(v.split(".")[1]) for v in versions]
    except ValueError:
        return
    if minors != sorted(minors):
        report(("frameworks", i, "python_versions"), f"frameworks[{fw.get('id')}].python_versions: "
                                                     f"list them oldest first")


@rule("real-dates", "Dates are real calendar dates and not in the future; a release is not after its review.")
def check_dates(data, report, today):
    for i, fw in items(data, "frameworks"):
        parsed = _parse_dates(i, fw, report, today)
        if len(parsed) == 2 and parsed["released"] > parsed["reviewed"]:
            report(("frameworks", i, "released"),
                   f"frameworks[{fw.get('id')}]: released {fw['released']} is after reviewed {fw['reviewed']}")
        _python_order(i, fw, report)
