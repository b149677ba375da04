"""The freshness check, offline: recorded PyPI responses (tests/fixtures/pypi/) and a fake fetch."""
from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import json
import threading
import urllib.error
from pathlib import Path

import pytest

from fwguide import freshness
from fwguide.loader import load_guide
from support import FIXTURE, ROOT, TODAY

PYPI = ROOT / "tests" / "fixtures" / "pypi"


def recorded(name: str) -> dict:
    return json.loads((PYPI / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def guide():
    return load_guide(FIXTURE, today=TODAY)


def framework(guide, **changes):
    return dataclasses.replace(guide.frameworks[0], **changes)


def like_flask(guide, **changes):
    values = dict(name="Flask", package="https://pypi.org/project/Flask/", latest_version="3.1.3",
                  python_versions=("3.9", "3.10", "3.11", "3.12", "3.13", "3.14"), reviewed="2026-11-29")
    return framework(guide, **{**values, **changes})


def like_django(guide, **changes):
    values = dict(name="Django", package="https://pypi.org/project/Django/", latest_version="6.1.3",
                  python_versions=("3.12", "3.13", "3.14"), reviewed="2026-11-29")
    return framework(guide, **{**values, **changes})


def messages(findings) -> list[str]:
    return [f.line() for f in findings]


# ------------------------------------------------------------------ parsing

@pytest.mark.parametrize("url, name", [
    ("https://pypi.org/project/Flask/", "Flask"),
    ("https://pypi.org/project/fastapi", "fastapi"),
    ("https://pypi.org/project/Django/6.1.3/", "Django"),
    ("https://github.com/pallets/flask", None),
    ("https://pypi.org/search/?q=flask", None),
])
def test_package_name_comes_from_the_pypi_project_url(url, name):
    assert freshness.pypi_name(url) == name


def test_classifiers_and_requires_python_are_read():
    django = recorded("django")
    assert freshness.classifier_versions(django["info"]["classifiers"]) == ["3.12", "3.13", "3.14"]
    assert freshness.classifier_versions(recorded("flask")["info"]["classifiers"]) == []
    assert freshness.oldest_allowed(">=3.9") == "3.9"
    assert freshness.oldest_allowed(">=3.10, <4") == "3.10"
    assert freshness.oldest_allowed(None) is None
    assert freshness.allowed(">=3.11", "3.10") is False and freshness.allowed(">=3.11", "3.15") is True


def test_requires_python_of_the_release_files_wins_over_a_stale_info_block():
    fastapi = recorded("fastapi")
    assert fastapi["info"]["requires_python"] == ">=3.10"   # as recorded
    assert freshness.requires_python(fastapi) == ">=3.11"    # what the 0.165.0 files say
    no_files = {"info": {"version": "1.0", "requires_python": ">=3.8"}, "releases": {}}
    assert freshness.requires_python(no_files) == ">=3.8"


# ------------------------------------------------------------------- checks

def test_matching_data_has_no_findings(guide):
    assert freshness.check_pypi(like_flask(guide), recorded("flask")) == []
    assert freshness.check_pypi(like_django(guide), recorded("django")) == []


def test_a_newer_release_on_pypi_is_reported_with_its_upload_date(guide):
    payload = copy.deepcopy(recorded("flask"))
    payload["info"]["version"] = "3.2.0"
    payload["releases"]["3.2.0"] = [{"filename": "flask-3.2.0.tar.gz", "requires_python": ">=3.9",
                                     "upload_time_iso_8601": "2026-12-01T10:00:00Z", "yanked": False}]
    found = freshness.check_pypi(like_flask(guide), payload)
    assert messages(found) == ["Flask: latest version: the guide says 3.1.3; PyPI's latest is 3.2.0 "
                               "(uploaded 2026-12-01)"]


def test_equal_versions_in_another_spelling_are_not_reported(guide):
    assert freshness.check_pypi(like_flask(guide, latest_version="3.1.3.0"), recorded("flask")) == []


def test_a_python_version_added_to_the_classifiers_is_reported(guide):
    payload = copy.deepcopy(recorded("django"))
    payload["info"]["classifiers"].append("Programming Language :: Python :: 3.15")
    found = freshness.check_pypi(like_django(guide), payload)
    assert messages(found) == ["Django: Python versions: the guide says 3.12, 3.13, 3.14; "
                               "PyPI's classifiers for 6.1.3 also list 3.15"]


def test_a_python_version_the_classifiers_do_not_list_is_a_note_not_a_failure(guide):
    found = freshness.check_pypi(like_django(guide, python_versions=("3.12", "3.13", "3.14", "3.15")),
                                 recorded("django"))
    assert [f.found for f in found] == ["PyPI's classifiers for 6.1.3 do not list 3.15"]
    assert found[0].note
    report = freshness.Report(TODAY, findings=found)
    assert not report.stale
    text = freshness.format_text(report)
    assert "Everything is up to date." in text and "1 note(s)" in text and "do not list 3.15" in text
    assert "Notes (not failing):" in freshness.format_markdown(report)


def test_a_changed_minimum_python_is_reported_even_without_classifiers(guide):
    payload = copy.deepcopy(recorded("flask"))
    for files in payload["releases"].values():
        for f in files:
            f["requires_python"] = ">=3.10"
    found = freshness.check_pypi(like_flask(guide), payload)
    assert [f.check for f in found] == ["Python versions", "Python versions"]
    assert "starts at 3.10" in found[0].found and found[1].guide == "3.9" and "excludes it" in found[1].found


def test_an_inconsistent_info_block_is_called_out(guide):
    fw = framework(guide, name="FastAPI", package="https://pypi.org/project/fastapi/", latest_version="0.165.0",
                   python_versions=("3.11", "3.12", "3.13", "3.14", "3.15"))
    found = freshness.check_pypi(fw, recorded("fastapi"))
    assert [f.found for f in found] == ["PyPI's classifiers for 0.165.0 do not list 3.15"]
    assert "info block says requires_python '>=3.10'" in found[0].detail


def test_reviews_older_than_a_year_are_listed(guide):
    fw = like_flask(guide, reviewed="2025-11-29")
    assert freshness.check_review(fw, dt.date(2026, 11, 29)) == []          # exactly 365 days
    found = freshness.check_review(fw, dt.date(2026, 11, 30))
    assert len(found) == 1 and found[0].check == "review date"
    assert "366 days ago" in found[0].found and "facts to re-check" in found[0].detail


# --------------------------------------------------------- whole run, main()

def _payload(version: str, spec: str, pythons: list[str]) -> dict:
    return {"info": {"version": version, "requires_python": spec,
                     "classifiers": [f"Programming Language :: Python :: {v}" for v in pythons]},
            "releases": {version: [{"requires_python": spec, "upload_time_iso_8601": "2026-01-15T00:00:00Z"}]}}


FRESH = {  # what PyPI would say for tests/fixtures/valid.yaml
    "https://pypi.org/pypi/alpha/json": _payload("3.10.1", ">=3.10", ["3.10", "3.11"]),
    "https://pypi.org/pypi/beta/json": _payload("6.1", ">=3.12", ["3.12", "3.13"]),
}


def fake_fetch(responses: dict):
    """Answers from `responses`; a value that is an exception is raised; a missing URL is unreachable."""
    calls = []
    timeouts = []

    def fetch(url: str, timeout: float) -> dict:
        calls.append(url)
        timeouts.append(timeout)
        if url not in responses:
            raise urllib.error.URLError(OSError(f"no route to {url}"))
        if isinstance(responses[url], BaseException):
            raise responses[url]
        return copy.deepcopy(responses[url])
    fetch.calls = calls
    fetch.timeouts = timeouts
    return fetch


def test_main_passes_when_everything_is_current(capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    fetch = fake_fetch(FRESH)
    assert freshness.main([str(FIXTURE)], fetch=fetch, today=TODAY) == 0
    assert fetch.calls == list(FRESH)
    assert "Everything is up to date." in capsys.readouterr().out
    assert "Everything is up to date." in summary.read_text(encoding="utf-8")


def test_main_fails_and_says_exactly_what_is_stale(capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    responses = {**FRESH, "https://pypi.org/pypi/beta/json": _payload("6.2", ">=3.12", ["3.12", "3.13"])}
    assert freshness.main([str(FIXTURE)], fetch=fake_fetch(responses), today=dt.date(2027, 11, 2)) == 1
    out = capsys.readouterr().out
    assert "Beta: latest version: the guide says 6.1; PyPI's latest is 6.2" in out
    assert out.count("review date") == 2   # both reviewed 2026-11-01, 366 days before 2027-11-02
    markdown = summary.read_text(encoding="utf-8")
    assert "| latest version | 6.1 | PyPI's latest is 6.2 |" in markdown
    assert markdown.count("| review date |") == 2


ALPHA, BETA = "https://pypi.org/pypi/alpha/json", "https://pypi.org/pypi/beta/json"


def test_when_the_probe_fails_nothing_else_is_tried_and_the_exit_status_says_outage(capsys, monkeypatch, tmp_path):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    fetch = fake_fetch({})
    assert freshness.main([str(FIXTURE), "--probe-timeout", "3"], fetch=fetch, today=TODAY) == 2
    assert fetch.calls == [ALPHA] and fetch.timeouts == [3.0]   # one short request, then stop
    out = capsys.readouterr().out
    assert f"Could not check PyPI: the first request, {ALPHA}, failed (URLError:" in out
    assert "not a finding about the data; try again later (exit status 2)" in out
    assert "out of date" not in out and "up to date" not in out
    assert "**Could not check PyPI:**" in summary.read_text(encoding="utf-8")


def test_findings_that_need_no_network_still_count_during_an_outage(capsys):
    assert freshness.main([str(FIXTURE)], fetch=fake_fetch({}), today=dt.date(2027, 11, 2)) == 1
    out = capsys.readouterr().out
    assert "Could not check PyPI" in out and out.count("review date") == 2


def test_one_framework_that_cannot_be_fetched_is_unchecked_not_stale(capsys):
    responses = {ALPHA: FRESH[ALPHA], BETA: urllib.error.HTTPError(BETA, 503, "Service Unavailable", {}, None)}
    assert freshness.main([str(FIXTURE)], fetch=fake_fetch(responses), today=TODAY) == 2
    out = capsys.readouterr().out
    assert "1 thing(s) could not be checked:" in out
    assert f"could not read {BETA} (HTTPError: HTTP Error 503: Service Unavailable)" in out
    assert "Everything is up to date." not in out and "out of date" not in out


def test_a_project_pypi_does_not_know_is_a_finding(capsys):
    responses = {ALPHA: FRESH[ALPHA], BETA: urllib.error.HTTPError(BETA, 404, "Not Found", {}, None)}
    assert freshness.main([str(FIXTURE)], fetch=fake_fetch(responses), today=TODAY) == 1
    assert f"PyPI answered {BETA} with an error (HTTPError: HTTP Error 404" in capsys.readouterr().out


def test_a_finding_wins_over_an_unchecked_framework(guide):
    report = freshness.Report(TODAY, findings=[freshness.Finding("A", "PyPI", "x", "y", unchecked=True)])
    assert report.exit_code == 2 and not report.stale
    report.findings.append(freshness.Finding("B", "latest version", "1", "2"))
    assert report.exit_code == 1


def more_frameworks(guide):
    """The fixture's two frameworks plus Flask and Django with their recorded PyPI answers."""
    bigger = dataclasses.replace(guide, frameworks=guide.frameworks + (like_flask(guide), like_django(guide)))
    responses = {**FRESH, "https://pypi.org/pypi/Flask/json": recorded("flask"),
                 "https://pypi.org/pypi/Django/json": recorded("django")}
    return bigger, responses


def test_after_the_probe_the_frameworks_are_fetched_at_the_same_time(guide):
    bigger, responses = more_frameworks(guide)
    rest = threading.Barrier(3, timeout=20)   # the three after the probe must all be waiting at once
    plain = fake_fetch(responses)

    def fetch(url, timeout):
        if url != ALPHA:
            rest.wait()   # one at a time, this breaks (BrokenBarrierError) and the test fails
        return plain(url, timeout)

    report = freshness.check(bigger, fetch, TODAY, timeout=7.0)
    assert report.unchecked == [] and report.problems == [] and len(report.checked) == 4
    assert sorted(plain.timeouts) == [5.0, 7.0, 7.0, 7.0]   # the probe's short timeout, then each request's


def test_the_whole_run_has_a_deadline(guide, capsys):
    release = threading.Event()
    plain = fake_fetch(FRESH)

    def fetch(url, timeout):
        if url == BETA:
            release.wait(60)   # hangs past the deadline
        return plain(url, timeout)

    try:
        report = freshness.check(guide, fetch, TODAY, deadline=0.2)
    finally:
        release.set()
    assert report.exit_code == 2 and len(report.checked) == 1
    assert [f.detail for f in report.unchecked] == ["no answer within the 0.2 s deadline of the whole run"]


def test_markdown_cells_cannot_break_the_table():
    report = freshness.Report(TODAY, findings=[freshness.Finding("A|B", "x", "1", "2\n3")])
    row = freshness.format_markdown(report).splitlines()[6]
    assert row == "| A\\|B | x | 1 | 2 3 |  |"


def test_network_access_is_one_thin_function():
    import inspect
    source = inspect.getsource(freshness)
    assert source.count("urlopen(") == 1 and "def fetch_json" in source
    assert inspect.signature(freshness.check).parameters.keys() >= {"guide", "fetch", "today"}


def test_make_freshness_runs_the_module():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "freshness: $(SITE)\n\t$(BIN)/python -m fwguide.freshness\n" in makefile
