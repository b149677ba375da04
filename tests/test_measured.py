"""The measured figures (fwguide/measured.py): the strict reader, the schema and the rules, each
problem on its line of data/measurements.yaml; the figures as keys; the real file."""
from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from fwguide import measured
from fwguide.paths import MEASUREMENTS_FILE, MEASUREMENTS_SCHEMA_FILE, REQUIREMENTS_FILE
from fwguide.problems import DataError
from support import MEASURED_FIXTURE, TODAY, assert_problem, fixture_pins, line_no, replace_once, schema_objects

FIXTURE_DATE = dt.date(2026, 11, 20)


def text() -> str:
    return MEASURED_FIXTURE.read_text(encoding="utf-8")


def problems_in(source: str, today: dt.date = TODAY, pins: dict | None = None, published: bool = True):
    return measured.validate(source.encode(), today, fixture_pins() if pins is None else pins, published)[2]


def broken(old: str, new: str, **kwargs):
    source = replace_once(text(), old, new)
    return source, problems_in(source, **kwargs)


def test_the_fixture_is_valid_and_typed():
    ms = measured.load_measured(MEASURED_FIXTURE, today=TODAY, pins=fixture_pins())
    assert [s.id for s in ms.servers] == ["flask-gthread", "fastapi-uvicorn"]
    fig = ms.figure("flask-gthread.predict.c8.rps")
    assert fig.values == (2044, 1987) and fig.median == 2015.5 and (fig.low, fig.high) == (1987, 2044)
    assert fig.metric == "rps" and fig.line == line_no(text(), "rps: [2044, 1987]")
    assert ms.server("fastapi-uvicorn").name == "FastAPI, Uvicorn"
    assert ms.server("flask-gthread").name == "Flask, Gunicorn gthread"


def test_figure_keys_are_the_paths_under_results_without_the_trials():
    keys = set(measured.load_measured(MEASURED_FIXTURE, today=TODAY, pins=fixture_pins()).figures)
    assert {"flask-gthread.startup_ms", "flask-gthread.preload.memory.uss_kib", "fastapi-uvicorn.streams_held",
            "fastapi-uvicorn.predict.c1.p99_us", "flask-gthread.memory.total_pss_kib"} <= keys
    assert not any("stream_trials" in k for k in keys)
    assert not any(k.startswith("fastapi-uvicorn.preload") for k in keys)


def test_stale_by_age_names_the_date_line():
    late = FIXTURE_DATE + dt.timedelta(days=measured.MAX_AGE_DAYS + 1)
    found = problems_in(text(), today=late)
    assert_problem(found, line_no(text(), "date: '2026-11-20'"), "366 days ago", "stale", "make measure")
    assert problems_in(text(), today=FIXTURE_DATE + dt.timedelta(days=measured.MAX_AGE_DAYS)) == []


def test_a_date_in_the_future_is_refused():
    found = problems_in(text(), today=FIXTURE_DATE - dt.timedelta(days=1))
    assert_problem(found, line_no(text(), "date: '2026-11-20'"), "in the future")


def test_stale_by_versions_names_the_package_line():
    pins = {**fixture_pins(), "gunicorn": "99.0"}
    found = problems_in(text(), pins=pins)
    assert_problem(found, line_no(text(), "gunicorn: 27.0.1"), "packages.gunicorn", "27.0.1", "99.0", "stale")
    assert len(found) == 1


def test_packages_off_the_measured_path_may_differ_from_the_pins():
    pins = {**fixture_pins(), "pyyaml": "1.0"}
    assert problems_in(text(), pins=pins) == []


def test_a_stack_package_must_be_pinned_and_listed():
    pins = {k: v for k, v in fixture_pins().items() if k != "flask"}
    assert_problem(problems_in(text(), pins=pins), line_no(text(), "Flask: 3.1.3"), "not pinned")
    source, found = broken("stack: [gunicorn, uvicorn, Flask, Django, fastapi, scikit-learn]",
                           "stack: [gunicorn, uvicorn, Flask, Django, fastapi, scikit-learn, gevent]")
    assert_problem(found, line_no(source, "stack:"), "'gevent' is not under packages")
    source, found = broken("stack: [gunicorn, uvicorn, Flask, Django, fastapi, scikit-learn]",
                           "stack: [uvicorn, Flask, Django, fastapi, scikit-learn]")
    assert_problem(found, line_no(source, "stack:"), "must list 'gunicorn'")


def test_a_smoke_run_is_never_published():
    source = replace_once(text(), "mode: full", "mode: smoke")
    assert_problem(problems_in(source), line_no(source, "mode: smoke"), "never published")
    assert problems_in(source, published=False) == []


def test_counts_must_match_repeats_and_workers():
    source, found = broken("startup_ms: [1236, 1310]", "startup_ms: [1236]")
    assert_problem(found, line_no(source, "startup_ms: [1236]"), "1 values; 2 repeats give 2")
    source, found = broken("rss_kib: [138360, 137236, 139000, 137500]", "rss_kib: [138360, 137236]")
    assert_problem(found, line_no(source, "rss_kib: [138360, 137236]"), "2 repeats x 2 workers give 4")


def test_predict_levels_must_match_the_settings():
    source, found = broken("concurrency: [1, 8]", "concurrency: [1, 8, 32]")
    assert_problem(found, line_no(source, "predict:", 2), "results.flask-gthread.predict", "c1, c8, c32")


def test_servers_and_results_must_pair_up():
    source, found = broken("- id: fastapi-uvicorn", "- id: fastapi-hypercorn")
    assert_problem(found, line_no(source, "- id: fastapi-hypercorn"), "servers[fastapi-hypercorn]: has no results")
    assert_problem(found, line_no(source, "  fastapi-uvicorn:"), "no server 'fastapi-uvicorn'")


def test_preload_figures_exactly_where_the_server_has_a_preload_command():
    source, found = broken("  preload_command: gunicorn", "  unused_command: gunicorn")
    assert any("unknown key 'unused_command'" in p.message for p in found)
    lines = text().splitlines()
    without = "\n".join(line for line in lines if not line.startswith("  preload_command:")) + "\n"
    assert_problem(problems_in(without), line_no(without, "  flask-gthread:"), "--preload figures")


def test_streams_held_cannot_exceed_what_the_search_tried():
    source, found = broken("streams_held: [64, 64]", "streams_held: [64, 65]")
    assert_problem(found, line_no(source, "streams_held: [64, 65]"), "above max_streams (64)")


def test_schema_problems_name_their_line():
    source, found = broken("errors: [0, 1]", "errors: [0, -1]")
    assert_problem(found, line_no(source, "errors: [0, -1]"), "below 0")
    source, found = broken("leftover_processes: 0", "leftover_processes: 2")
    assert_problem(found, line_no(source, "leftover_processes: 2"), "leftover_processes")
    source, found = broken("  workers: 2\n", "  workers: 2\n  threads: 8\n")
    assert_problem(found, line_no(source, "threads: 8"), "unknown key 'threads'")


def test_a_refused_value_does_not_hide_a_schema_problem_on_its_line():
    """One line, two mistakes (a float the reader refuses, a negative count the schema refuses): both
    are listed, as for the data file."""
    source, found = broken("errors: [0, 1]", "errors: [0.5, -1]")
    line = line_no(source, "errors: [0.5, -1]")
    assert_problem(found, line, "quotes")
    assert_problem(found, line, "below 0")


def test_the_strict_reader_refuses_floats_and_duplicates():
    source, found = broken("duration_s: 412", "duration_s: 412.5")
    assert_problem(found, line_no(source, "duration_s: 412.5"), "quotes")
    source, found = broken("duration_s: 412", "duration_s: 412\nduration_s: 413")
    assert_problem(found, line_no(source, "duration_s: 413"), "duplicate key 'duration_s'")


def test_load_raises_one_error_listing_every_problem(tmp_path):
    bad = tmp_path / "measurements.yaml"
    bad.write_text(replace_once(replace_once(text(), "duration_s: 412", "duration_s: -1"),
                                "mode: full", "mode: fast"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        measured.load_measured(bad, today=TODAY, pins=fixture_pins())
    report = caught.value.report()
    assert f"{bad}:{line_no(bad.read_text(), 'duration_s: -1')}: duration_s: -1 is below 0" in report
    assert f"{bad}:{line_no(bad.read_text(), 'mode: fast')}: mode: " in report
    assert "2 problems found" in report and "Traceback" not in report


def test_a_missing_file_says_how_to_make_it(tmp_path):
    with pytest.raises(DataError) as caught:
        measured.load_measured(tmp_path / "none.yaml", today=TODAY, pins=fixture_pins())
    assert "make measure" in caught.value.report()


def test_check_file_lists_report_lines(tmp_path):
    bad = tmp_path / "m.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    lines = measured.check_file(bad)
    assert lines and all(line.startswith(f"{bad}:1: top level: missing required key") for line in lines)


def test_read_pins_normalises_names(tmp_path):
    req = tmp_path / "examples.txt"
    req.write_text("# comment\nscikit_learn==1.9.1\nzope.event==6.2  # note\nFlask==3.1.3 \\\n"
                   "    --hash=sha256:00ff\n    # via -r examples.in\n", encoding="utf-8")
    assert measured.read_pins(req) == {"scikit-learn": "1.9.1", "zope-event": "6.2", "flask": "3.1.3"}


def test_the_schema_is_valid_and_closed():
    schema = json.loads(MEASUREMENTS_SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)

    for obj in schema_objects(schema):
        assert obj.get("additionalProperties") is False, sorted(obj["properties"])


def test_the_real_results_file_passes_today_and_points_editors_at_its_schema():
    """What the build checks: `make measure` must be run again within a year, and after a pin on
    the measured path changes."""
    measured.load_measured(MEASUREMENTS_FILE, today=dt.date.today(), pins=measured.read_pins(REQUIREMENTS_FILE))
    assert MEASUREMENTS_FILE.read_text(encoding="utf-8").splitlines()[0] == \
        "# yaml-language-server: $schema=./measurements.schema.json"
