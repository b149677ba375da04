"""`make check` accepts only what `make build` can build, for every data file of the catalogue.

Every case goes through `python -m fwguide check` and a strict build (the hostile-text families,
whose data file is the valid fixture, are built with their text injected into the real data by
``test_adv_catalogue.hostile_builds``, which checks the same things of their pages).  Accepted by check => the site builds, with no
warning; refused by check => the build refuses it too, listing exactly the same problem lines
(each ``FILE:LINE: message``) and the same count, with no traceback.  Every page of every site
built here gives each id to one element only (ids made from data ids are unique by
construction: ``render.html.dom_id``).

The builds run in one separate process (``agree_runner.py``): a failing build then costs the
data check, not interpreter and theme start-up, so all of the catalogue (about 130 files, a few successful
builds) takes about half a minute instead of several minutes.
"""
from __future__ import annotations

import base64
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from adversarial import advhelpers as adv
from adversarial.catalogue import CASES, Case
from support import copy_project

pytestmark = pytest.mark.build

REPORT = re.compile(r"^(\S+):(\d+): (.*)$|^\d+ problems? found in .+$", re.M)


AGREE = [c for c in CASES if c.family is None]


def _data(case: Case) -> bytes:
    text = case.text()
    return text.encode("utf-8") if isinstance(text, str) else text


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    base = tmp_path_factory.mktemp("agreement")
    project = copy_project(base)
    cases = [[c.name, base64.b64encode(_data(c)).decode("ascii"), str(base / "sites" / c.name)] for c in AGREE]
    (base / "cases.json").write_text(json.dumps(cases), encoding="utf-8")
    run = subprocess.run([sys.executable, str(Path(__file__).with_name("agree_runner.py")), str(project),
                          str(base / "cases.json"), str(base / "results.json")],
                         capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr[-3000:]
    found = json.loads((base / "results.json").read_text(encoding="utf-8"))
    return {name: {**r, "site": base / "sites" / name} for name, r in found.items()}


def _report_lines(text: str) -> list[str]:
    return [m.group(0) for m in REPORT.finditer(text)]


@pytest.mark.parametrize("case", AGREE, ids=lambda c: f"{c.group}-{c.name}")
def test_check_and_a_strict_build_agree(case: Case, results):
    check, build = results[case.name]["check"], results[case.name]["build"]
    for side in (check, build):
        assert side["rc"] in (0, 1) and "Traceback" not in side["stderr"], side
    if check["rc"] == 0:
        assert build["rc"] == 0 and build["warnings"] == [], build
        assert "OK" in check["stdout"]
        return
    assert build["rc"] == 1, f"check refused it but the build passed:\n{check['stderr']}"
    lines = _report_lines(check["stderr"])
    assert lines and _report_lines(build["stderr"]) == lines, (check["stderr"], build["stderr"])


@pytest.mark.parametrize("case", AGREE, ids=lambda c: f"{c.group}-{c.name}")
def test_check_keeps_the_catalogues_promise(case: Case, results):
    check = results[case.name]["check"]
    if case.errors or case.pages:
        assert check["rc"] == 1
        reported = _report_lines(check["stderr"])
        for expect in case.pages:
            assert any(line.startswith(f"{expect.file}:{expect.line()}: ") and all(f in line for f in expect.fragments)
                       for line in reported), (expect, reported)
    elif case.base == "real":
        assert check["rc"] == 0, check["stderr"]


BUILT = [c for c in AGREE if c.safe and c.base == "real"]


@pytest.mark.parametrize("case", BUILT, ids=lambda c: f"{c.group}-{c.name}")
def test_every_page_built_from_hostile_data_gives_each_id_to_one_element(case: Case, results):
    site = results[case.name]["site"]
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, site
    for page in pages:
        assert adv.duplicate_ids(page.read_text(encoding="utf-8")) == [], page.relative_to(site)


def test_the_id_cases_would_have_collided_before(results):
    """The ids group is not vacuous: its data makes ids that joining with one hyphen made twice."""
    decision = (results["weight-id-and-its-suffix"]["site"] / "decision" / "index.html").read_text(encoding="utf-8")
    ids = adv.element_ids(decision)
    assert "fwg-weight--project-size--q" in ids and "fwg-weight--project-size-q" in ids
    comparison = (results["feature-id-shaped-like-a-heading"]["site"] / "comparison" / "index.html")
    ids = adv.element_ids(comparison.read_text(encoding="utf-8"))
    assert "feature-comparison" in ids and "feature--comparison" in ids  # the page's title and the row
