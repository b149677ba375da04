"""bench/run.py without running the benchmark: its verdicts follow its measurements (a figure over
its budget gives FAIL and exit 1; "shown, not a budget" rows carry no verdict), its grown data
passes the same checks as the real data (so the benchmark does not rot when the model grows), and
its helpers count what they claim to count."""
from __future__ import annotations

import copy
import math

import pytest
import yaml

from bench import budgets as B
from bench import run as bench
from fwguide.loader import load_guide
from support import ROOT


def fake_results(**changes) -> dict:
    """Results shaped like bench/run.py's, every figure inside its budget unless changed."""
    S = bench.Stats
    page = {"requests": 10, "raw": 500 * 1024, "gz": 100 * 1024, "html_raw": 30 * 1024, "article_gz": 3 * 1024,
            "index_gz": 1024, "index_raw": 4096, "files": {"/x": (1, 1)}}
    plain = dict(page, gz=95 * 1024, article_gz=0, index_gz=200)
    metrics = dict(page, cls=0.0, tbt=100.0, fcp=300.0, lcp=600.0)
    growth_row = {"frameworks": 100, "features": 100, "bytes": 2_000_000, "total": S([1.0]), "load": S([0.5]),
                  "render": S([0.2]), "export": S([0.3]), "chars": 1, "json": 1, "tracemalloc_mb": 50,
                  "maxrss_mb": 90}
    results = {
        "pages": {"plain": plain, "weights": {"": dict(page), "decision/": dict(page)},
                  "metrics": {p: [dict(metrics)] for p in bench.METRIC_PAGES},
                  "index_raw": 150 * 1024, "index_gz": 40 * 1024},
        "builds": {"share": S([0.04]), "ratios": S([1.1])},
        "serve": {"latency": S([1.0, 1.2, 1.1]), "rebuilds": [1, 1, 1], "cpu": S([1.0])},
        "big": {"refused": None, "bytes": 2_000_000, "wall": S([5.0]), "cpu": S([5.0]), "rss": 150, "runs": []},
        "growth": {"axes": {"frameworks": {"rows": [growth_row], "exponent": 0.9, "last": 1.0},
                            "features": {"rows": [growth_row], "exponent": 0.8, "last": 1.0}},
                   "real": growth_row},
    }
    for path, value in changes.items():
        target = results
        *keys, last = path.split(".")
        for key in keys:
            target = target[key]
        target[last] = value
    return results


def verdicts(results) -> dict[str, bool | None]:
    return {row.what: row.ok for row in bench.budget_rows(results)}


def test_every_budget_passes_inside_its_limits():
    assert all(ok is not False for ok in verdicts(fake_results()).values())


@pytest.mark.parametrize("change, failing", [
    ({"pages.metrics": {**{p: [dict(fake_results()["pages"]["metrics"][p][0])] for p in bench.METRIC_PAGES},
                        "decision/": [dict(fake_results()["pages"]["metrics"]["decision/"][0], gz=301 * 1024)]}},
     "Decision page transfer"),
    ({"pages.metrics": {**{p: [dict(fake_results()["pages"]["metrics"][p][0])] for p in bench.METRIC_PAGES},
                        "decision/": [dict(fake_results()["pages"]["metrics"]["decision/"][0], cls=0.03)]}},
     "Layout shift (CLS), /decision/"),
    ({"pages.weights": {"": dict(fake_results()["pages"]["weights"][""], gz=130 * 1024)}}, "Every other page"),
    ({"pages.index_raw": B.SEARCH_INDEX_RAW + 1}, "Search index"),
    ({"serve.latency": bench.Stats([1.4, 1.6, 1.7])}, "save the YAML"),
    ({"serve.rebuilds": [1, 2, 1]}, "rebuilds per save"),
    ({"builds.share": bench.Stats([0.051])}, "Project's own work"),
    ({"builds.share": None}, "Project's own work"),
    ({"big.wall": bench.Stats([10.5])}, "Full build with 100"),
    ({"big.rss": 301}, "Full build with 100"),
    ({"big.refused": {"line": "file is 2 bytes; the limit is 1", "limit": 1}}, "Full build with 100"),
    ({"growth.axes.features.exponent": 1.3}, "Growth along features"),
])
def test_a_figure_over_its_budget_fails(change, failing):
    found = verdicts(fake_results(**change))
    failed = [what for what, ok in found.items() if ok is False]
    assert failed and all(failing in what for what in failed), failed


def test_shown_rows_carry_no_verdict():
    rows = bench.budget_rows(fake_results(**{"builds.ratios": bench.Stats([9.0])}))
    shown = [row for row in rows if row.ok is None]
    assert shown and all(row.verdict() == "shown, not a budget" for row in shown)
    assert any("without macros" in row.what for row in shown)


def test_the_exit_status_follows_the_verdicts(monkeypatch, tmp_path):
    for results, code in ((fake_results(), 0), (fake_results(**{"serve.rebuilds": [2]}), 1)):
        monkeypatch.setattr(bench, "collect", lambda args, results=results: dict(
            results, machine=bench.machine(), load_before="0", load_after="0", project="p", commit="c"))
        monkeypatch.setattr(bench, "report", lambda *a: "report")
        assert bench.main(["--out", str(tmp_path / "r.md")]) == code


def test_statistics_and_the_fit():
    s = bench.Stats([3.0, 1.0, 2.0])
    assert (s.min, s.median, s.max) == (1.0, 2.0, 3.0) and s.spread == 1.0
    assert bench.fit_exponent([1, 2, 4, 8], [3, 6, 12, 24]) == pytest.approx(1.0)
    assert bench.fit_exponent([1, 2, 4], [1, 4, 16]) == pytest.approx(2.0)


def test_layout_shift_is_counted_in_session_windows_as_lighthouse_does():
    assert bench.cls_of([]) == 0
    assert bench.cls_of([[100, 0.01], [500, 0.02]]) == pytest.approx(0.03)          # one window
    assert bench.cls_of([[100, 0.01], [2000, 0.02], [2100, 0.005]]) == pytest.approx(0.025)  # gap > 1 s
    assert bench.blocking_time([[0, 120], [500, 40], [900, 300]], fcp=100) == pytest.approx(70 + 250)
    assert bench.blocking_time([[0, 60]], fcp=200) == 0   # ended before the first paint


@pytest.mark.parametrize("size", [(3, 6), (6, 30), (12, 12)])
def test_grown_data_passes_every_check(tmp_path, size):
    real = yaml.safe_load((ROOT / "data" / "frameworks.yaml").read_text(encoding="utf-8"))
    data = bench.scaled_data(copy.deepcopy(real), *size)
    path = tmp_path / "data.yaml"
    bench.write_yaml(data, path)
    guide = load_guide(path)
    assert (len(guide.frameworks), len(guide.features)) == size


def test_the_growth_probe_calls_every_macro_on_grown_data(tmp_path, monkeypatch):
    """`make bench` times load + every macro + export on grown data in a child process; run that
    child's work here once, on a small size, so a macro it cannot call fails a test, not the bench.
    The child lifts the YAML reader's byte limit for its process: restored here after the test."""
    import fwguide.yamlstrict
    from bench.probe import growth_child
    monkeypatch.setattr(fwguide.yamlstrict, "MAX_BYTES", fwguide.yamlstrict.MAX_BYTES)
    from fwguide.registry import macros
    real = yaml.safe_load((ROOT / "data" / "frameworks.yaml").read_text(encoding="utf-8"))
    path = tmp_path / "data.yaml"
    bench.write_yaml(bench.scaled_data(copy.deepcopy(real), 4, 8), path)
    result = growth_child(str(ROOT), str(path), 1)
    run = result["runs"][0]
    assert (run["frameworks"], run["features"]) == (4, 8)
    assert run["chars"] > 10_000 and run["json"] > 1_000 and len(macros()) > 10


def test_the_config_helpers_add_and_remove_entries():
    config = "site_name: x\nplugins:\n  - search\n  - macros:\n      module_name: macros\n\nhooks:\n  - a.py\n"
    assert bench.with_hook(config, "b.py").endswith("hooks:\n  - b.py\n  - a.py\n")
    assert bench.with_hook("site_name: x\n", "b.py") == "site_name: x\n\nhooks:\n  - b.py\n"
    stripped = bench.without_entries(bench.without_entries(config, r"macros\b"), r"a\.py")
    assert "macros" not in stripped and "hooks" not in stripped and "- search" in stripped


def test_the_big_size_is_at_least_100_by_100():
    assert min(B.BIG_DATA) >= 100 and max(bench.FRAMEWORK_POINTS) >= 100 and max(bench.FEATURE_POINTS) >= 100
    assert math.isclose(B.DECISION_CLS, 0.02) and B.DECISION_TRANSFER_GZ == 300 * 1024
