"""Bounded time and memory for `make check`, measured as growth rather than wall time.

Work is counted, not timed: every Python function call and every call into C (``sys.setprofile``
"call" and "c_call" events) made by ``validate`` — the whole check of a data file: reader, schema
and rules.  For each shape of hostile input the check runs at n, 2n and 4n lines: going from 2n
to 4n must add about twice the work that going from n to 2n added (at most 3 times), as work
a + b*n does whatever a is; a quadratic step (a list scanned per problem, a pair of loops over
values) adds 4 times as much.  Quadratic work hidden
inside one C call (a regular expression backtracking over one long string) does not show in a
count; it is excluded by construction: patterns run on at most ``schema.PATTERN_MAX`` characters
(see ``test_every_schema_pattern_comes_with_a_bounded_length``) and the rules look ids up in sets.

Memory is measured with ``tracemalloc``: aliases are never expanded, so a "billion laughs" file
costs what its bytes cost, and a file of aliases up to the value limit stays under a stated bound
per value.
"""
from __future__ import annotations

import copy
import sys
import tracemalloc

import pytest
import yaml

from fwguide.loader import validate
from fwguide.paths import DATA_FILE
from fwguide.problems import MAX_LISTED
from fwguide.schema import PATTERN_MAX, schema
from fwguide.yamlstrict import MAX_BYTES, MAX_DEPTH, MAX_VALUES, read_yaml
from support import TODAY, fixture_text

FIXTURE = fixture_text()
N = 300  # lines of hostile input at the small size; 4 * N stays below MAX_LISTED problems
assert 4 * N < MAX_LISTED


def work(raw: bytes) -> int:
    """Calls made while checking ``raw`` (deterministic for a given input and Python)."""
    count = 0

    def profile(_frame, event, _arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        validate(raw, TODAY)
    finally:
        sys.setprofile(None)
    return count


def _framework_copies(n: int) -> bytes:
    data = yaml.safe_load(FIXTURE)
    template = data["frameworks"][0]
    for i in range(n // 50):  # a framework is about 50 lines
        fw = copy.deepcopy(template)
        fw["id"] = f"copy{i}"
        data["frameworks"].append(fw)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True).encode()


def _decision_with_cycles(n: int) -> bytes:
    """A chain of n/4 questions, each also leading back to the start: n/4 cycles, each long."""
    data = yaml.safe_load(FIXTURE)
    k = n // 4
    nodes = [{"id": f"q{i}", "question": f"Step {i}?",
              "answers": [{"label": "On", "next": f"q{i + 1}" if i + 1 < k else "out-a"},
                          {"label": "Back", "next": f"q{i // 2}"}]} for i in range(k)]
    nodes.append({"id": "out-a", "recommend": "alpha", "reason": "The end."})
    data["decision"] = {"start": "q0", "nodes": nodes}
    return yaml.safe_dump(data, sort_keys=False).encode()


SHAPES = {
    # valid data that grows (more frameworks): the ordinary path
    "valid-frameworks": _framework_copies,
    # one problem per line, every line: the reader's problem list
    "tagged-lines": lambda n: (FIXTURE + "zz:\n" + "".join(f"  - !!str t{i}\n" for i in range(n))).encode(),
    "aliases": lambda n: (FIXTURE + "zz_a: &a x\nzz:\n" + "  - *a\n" * n).encode(),
    "booleans": lambda n: (FIXTURE + "zz:\n" + "  - yes\n" * n).encode(),
    "unknown-keys": lambda n: (FIXTURE + "".join(f"zz{i}: 1\n" for i in range(n))).encode(),
    # many mistakes on one line: the same line is flagged again and again
    "duplicate-keys-on-one-line": lambda n: (FIXTURE + "zz: {" + ", ".join(["k: yes"] * n) + "}\n").encode(),
    # schema problems, each on its own line
    "bad-python-versions": lambda n: FIXTURE.replace('python_versions: ["3.10", "3.11"]',
                                                     "python_versions:\n" + '      - "2.7"\n' * n, 1).encode(),
    # the rules' walks: a decision graph full of cycles
    "decision-cycles": _decision_with_cycles,
}


def growth(measure) -> float:
    """(w(4N) - w(2N)) / (w(2N) - w(N)): 2 for linear work, 4 for quadratic."""
    one, two, four = measure(N), measure(2 * N), measure(4 * N)
    assert one < two < four
    return (four - two) / (two - one)


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_check_work_grows_linearly_with_the_lines(shape):
    ratio = growth(lambda n: work(SHAPES[shape](n)))
    assert ratio <= 3, f"{shape}: work grows {ratio:.2f} times from {2 * N} to {4 * N} lines vs {N} to {2 * N}"


def test_the_measure_sees_a_quadratic_step():
    """The growth test can fail: the old duplicate removal (a list scanned per problem) grows ~16x."""
    from fwguide.problems import Problem

    def quadratic(n):
        problems = []
        for i in range(n):
            p = Problem(i, "explicit tag")
            if p not in problems:
                problems.append(p)
        return problems

    def calls(n):
        count = 0

        def profile(_frame, event, _arg):
            nonlocal count
            count += event in ("call", "c_call")

        sys.setprofile(profile)
        try:
            quadratic(n)
        finally:
            sys.setprofile(None)
        return count

    assert growth(calls) > 3.5


@pytest.mark.parametrize("brackets", [5 * MAX_DEPTH, 500 * MAX_DEPTH])
def test_deep_nesting_after_a_quote_stops_at_the_depth_limit(brackets):
    """A quote-like character earlier on the line used to hide the nesting from the guard; the depth
    is now counted on YAML's own events, so reading stops at level MAX_DEPTH + 1 whatever follows."""
    text = FIXTURE + f"zz: it's well-'known\nzy: {'[' * brackets}{']' * brackets}\n"
    data, problems = validate(text.encode(), TODAY)
    assert [(p.line, p.message) for p in problems] == [(FIXTURE.count("\n") + 2,
                                                        f"nesting deeper than {MAX_DEPTH} levels")]


def test_deep_nesting_work_does_not_grow_with_the_nesting():
    """Beyond 1000 levels libyaml refuses the line itself and PyYAML's own parser words the error:
    either way the reader stops at level MAX_DEPTH + 1, so more brackets cost no more calls."""
    def deep(n):
        return (FIXTURE + "zz: well-'known\nzy: " + "[" * n + "]" * n + "\n").encode()
    assert work(deep(200 * MAX_DEPTH)) <= 1.05 * work(deep(50 * MAX_DEPTH))
    assert work(deep(20 * MAX_DEPTH)) <= 1.05 * work(deep(5 * MAX_DEPTH))


# ------------------------------------------------------------------ memory

def peak_bytes(raw: bytes) -> int:
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        validate(raw, TODAY)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _laughs(levels: int) -> bytes:
    lines = ['zz_lol: &l0 "lol"']
    for level in range(1, levels + 1):
        lines.append(f"zz_l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return (FIXTURE + "\n".join(lines) + "\n").encode()


LAUGHS_BOUND = 2_000_000  # bytes: aliases are reported, never expanded


@pytest.mark.parametrize("levels", [9, 30])
def test_billion_laughs_stays_under_a_fixed_memory_bound(levels):
    """10**9 (or 10**30) strings once expanded; checked in under 2 MB, the same for both."""
    _data, problems = validate(_laughs(levels), TODAY)
    assert sum("alias" in p.message for p in problems) == levels  # one per line: ten alike on each
    assert peak_bytes(_laughs(levels)) < LAUGHS_BOUND


PER_VALUE_BOUND = 250  # bytes of peak memory per value: at most 100 MB for a file of MAX_VALUES aliases


def test_alias_heavy_memory_is_linear_and_bounded_per_value():
    def aliases(n):
        return (FIXTURE + "zz_a: &a x\nzz: [" + ", ".join(["*a"] * n) + "]\n").encode()
    n = MAX_VALUES // 16
    base, small, large = peak_bytes(FIXTURE.encode()), peak_bytes(aliases(n)), peak_bytes(aliases(4 * n))
    assert large - base < PER_VALUE_BOUND * 4 * n, f"{(large - base) / (4 * n):.0f} bytes per value"
    assert large - base < 5 * (small - base)


def test_more_values_than_the_limit_stop_the_reader():
    raw = (FIXTURE + "zz: [" + ",".join(["1"] * MAX_VALUES) + "]\n").encode()
    _data, _lines, problems = read_yaml(raw)
    assert [p.message for p in problems] == [f"more than {MAX_VALUES} values in the file; the limit is {MAX_VALUES}"]


# ------------------------------------------------------------------ the limits admit the goal

def test_the_limits_admit_100_frameworks_by_100_features():
    """Issue 17's goal, written the way the real file is (real notes, quotes and all): its bytes and
    values stay well inside the limits, and the reader takes it whole."""
    real = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    features = [dict(real["features"][i % len(real["features"])], id=f"feature-{i}") for i in range(100)]
    frameworks = []
    for j in range(100):
        fw = copy.deepcopy(real["frameworks"][j % len(real["frameworks"])])
        cells = list(fw["support"].values())
        fw["id"] = f"fw-{j}"
        fw["support"] = {f["id"]: copy.deepcopy(cells[i % len(cells)]) for i, f in enumerate(features)}
        frameworks.append(fw)
    big = dict(real, features=features, frameworks=frameworks)
    raw = yaml.dump(big, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), sort_keys=False,
                    allow_unicode=True, width=100).encode()
    assert len(raw) < MAX_BYTES / 2, len(raw)
    data, _lines, problems = read_yaml(raw)
    assert problems == [] and len(data["frameworks"]) == 100
    values = sum(1 for e in yaml.parse(raw, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                 if isinstance(e, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)))
    assert values < MAX_VALUES / 2, values


# ------------------------------------------------------------------ regular expressions

def _patterns(node, where=""):
    if isinstance(node, dict):
        if "pattern" in node:
            yield where, node
        for key, value in node.items():
            yield from _patterns(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _patterns(value, f"{where}/{i}")


def test_every_schema_pattern_comes_with_a_bounded_length():
    """Text longer than PATTERN_MAX never meets a regular expression; the maxLength beside each
    pattern reports it instead (so no backtracking can cost the square of a megabyte)."""
    found = list(_patterns(schema()))
    assert len(found) >= 8
    for where, node in found:
        assert node.get("maxLength", PATTERN_MAX + 1) <= PATTERN_MAX, where


def test_a_long_hostile_string_is_refused_by_length_alone():
    name = "a " * 100_000 + "b\\x01"
    text = FIXTURE.replace('name: "Alpha"', f'name: "{name}"', 1)
    _data, problems = validate(text.encode(), TODAY)
    assert [p.message for p in problems] == ["frameworks[alpha].name: text of 200002 characters; at most 80 allowed"]
