"""Shared inputs and checks for the three example apps' tests.

Every app must answer every case below the same way: the status code listed,
a JSON body ``{"error": "..."}``, and (where given) a keyword in the message.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from examples.common.model import FEATURE_MAX_CM, FEATURE_MIN_CM, MAX_BODY_BYTES

JSON = "application/json"

# The smallest and largest accepted values of every feature.
EDGES = [[FEATURE_MIN_CM] * 4, [FEATURE_MAX_CM] * 4]

# One flower of each species from the iris data set, with the expected class.
SAMPLES = [
    ([5.1, 3.5, 1.4, 0.2], "setosa"),
    ([6.4, 3.2, 4.5, 1.5], "versicolor"),
    ([6.3, 3.3, 6.0, 2.5], "virginica"),
]
CLASS_NAMES = {"setosa", "versicolor", "virginica"}
GOOD = b'{"features": [5.1, 3.5, 1.4, 0.2]}'


@dataclass(frozen=True)
class Case:
    id: str
    body: bytes
    statuses: frozenset[int] = frozenset({400})
    keyword: str | None = None  # must appear in the error message (any case)
    content_type: str = JSON


def _features(raw: str) -> bytes:
    return ('{"features": ' + raw + "}").encode()


BAD_PREDICT_CASES = [
    Case("malformed-json", b'{"features": [5.1, 3.5', keyword="json"),
    Case("trailing-garbage", GOOD + b"}", keyword="json"),
    Case("invalid-utf8", b'{"features": "\xff"}'),
    # Django's test client drops Content-Type on an empty body, hence 415.
    Case("empty-body", b"", statuses=frozenset({400, 415})),
    Case("body-is-array", b"[5.1, 3.5, 1.4, 0.2]", keyword="object"),
    Case("body-is-string", b'"5.1,3.5,1.4,0.2"', keyword="object"),
    Case("body-is-number", b"42", keyword="object"),
    Case("missing-features", b"{}", keyword="features"),
    Case("misspelt-key", b'{"feature": [5.1, 3.5, 1.4, 0.2]}', keyword="feature"),
    Case("extra-field", b'{"features": [5.1, 3.5, 1.4, 0.2], "extra": 1}', keyword="extra"),
    Case("features-is-string", _features('"5.1,3.5,1.4,0.2"'), keyword="features"),
    Case("features-is-null", _features("null"), keyword="features"),
    Case("features-is-object", _features('{"a": 1}'), keyword="features"),
    Case("string-number", _features('["5.1", 3.5, 1.4, 0.2]'), keyword="features"),
    Case("boolean", _features("[true, 3.5, 1.4, 0.2]"), keyword="features"),
    Case("null-element", _features("[null, 3.5, 1.4, 0.2]"), keyword="features"),
    Case("nested-list", _features("[[5.1], 3.5, 1.4, 0.2]"), keyword="features"),
    Case("too-few", _features("[5.1, 3.5, 1.4]"), keyword="4"),
    Case("too-many", _features("[5.1, 3.5, 1.4, 0.2, 9.9]"), keyword="4"),
    Case("empty-list", _features("[]"), keyword="4"),
    Case("nan", _features("[NaN, 3.5, 1.4, 0.2]"), keyword="finite"),
    Case("infinity", _features("[5.1, Infinity, 1.4, 0.2]"), keyword="finite"),
    Case("minus-infinity", _features("[5.1, 3.5, -Infinity, 0.2]"), keyword="finite"),
    Case("overflow-to-inf", _features("[1e999, 3.5, 1.4, 0.2]"), keyword="finite"),
    # Valid JSON numbers that used to reach the model (issue 14): four 1e308
    # overflowed the scaler to infinity (500); -1e308 got a confident answer;
    # a 400-digit integer raised OverflowError in float() (500).
    Case("huge-values", _features("[1e308, 1e308, 1e308, 1e308]"), keyword="features"),
    Case("huge-negative", _features("[-1e308, 3.5, 1.4, 0.2]"), keyword="features"),
    Case("400-digit-integer", _features("[" + "9" * 400 + ", 3.5, 1.4, 0.2]"), keyword="features"),
    Case("negative-length", _features("[-0.1, 3.5, 1.4, 0.2]"), keyword="features"),
    Case("over-the-range", _features(f"[5.1, 3.5, 1.4, {FEATURE_MAX_CM + 0.5}]"), keyword="features"),
    # Arrays nested 5,000 deep: 10 KB, under the size limit, and deeper than
    # Python's recursion limit (RecursionError, a 500, before). FastAPI words
    # its parse error differently, so no keyword.
    Case("nested-5000-deep", _features("[" * 5000 + "]" * 5000)),
    Case(
        "body-too-large",
        _features("[" + ", ".join(["1.0"] * (MAX_BODY_BYTES // 4)) + "]"),
        statuses=frozenset({413}),
        keyword="large",
    ),
    # Flask and Django answer 415 Unsupported Media Type; FastAPI treats a
    # non-JSON body as "not an object" and answers 400.
    Case("text-plain", GOOD, statuses=frozenset({400, 415}), content_type="text/plain"),
]

BAD_STREAM_CASES = [
    Case("body-is-array", b"[[5.1, 3.5, 1.4, 0.2]]", keyword="object"),
    Case("missing-instances", b"{}", keyword="instances"),
    Case("empty-instances", b'{"instances": []}', keyword="instances"),
    Case("bad-row", b'{"instances": [[5.1, 3.5, 1.4, 0.2], [1, 2, "x", 4]]}', keyword="instances"),
    Case("nan-row", b'{"instances": [[NaN, 3.5, 1.4, 0.2]]}', keyword="finite"),
    Case("huge-row", b'{"instances": [[1e308, 1e308, 1e308, 1e308]]}', keyword="instances"),
    Case("nested-5000-deep", b'{"instances": ' + b"[" * 5000 + b"]" * 5000 + b"}"),
    Case(
        "too-many-rows",
        json.dumps({"instances": [[5.1, 3.5, 1.4, 0.2]] * 33}).encode(),
        keyword="32",
    ),
]


def cases(case_list):
    """pytest parameters with readable ids."""
    return [pytest.param(c, id=c.id) for c in case_list]


def check_error(case: Case, status: int, content_type: str, text: str) -> None:
    """A bad request got a clean JSON error, never a 500 or an HTML page."""
    assert status in case.statuses, f"{case.id}: got {status}: {text[:200]}"
    assert content_type.startswith("application/json"), content_type
    assert "Traceback" not in text and "<html" not in text.lower()
    body = json.loads(text)
    assert set(body) == {"error"}, body
    assert isinstance(body["error"], str) and body["error"].strip()
    if case.keyword:
        assert case.keyword.lower() in body["error"].lower(), body["error"]


def check_prediction(body: dict, expected: str) -> None:
    assert set(body) == {"prediction", "probabilities"}
    assert body["prediction"] == expected
    probabilities = body["probabilities"]
    assert set(probabilities) == CLASS_NAMES
    assert abs(sum(probabilities.values()) - 1.0) < 1e-4
    assert max(probabilities, key=probabilities.get) == expected


def parse_sse(text: str) -> list[dict]:
    """Tiny text/event-stream parser: a list of {"event", "id", "data"}.

    Follows the HTML standard's rules that matter here: events end at a blank
    line, ``:`` starts a comment, one space after the colon is dropped, several
    ``data:`` lines are joined with newlines, the default event is "message".
    """
    events = []
    event = {"event": "message", "id": None, "data": []}
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line == "":
            if event["data"]:
                events.append({**event, "data": json.loads("\n".join(event["data"]))})
            event = {"event": "message", "id": None, "data": []}
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if field == "data":
            event["data"].append(value)
        elif field in ("event", "id"):
            event[field] = value
    return events


def check_stream(content_type: str, text: str, rows: list[list[float]]) -> list[dict]:
    assert content_type.startswith("text/event-stream"), content_type
    events = parse_sse(text)
    assert [e["event"] for e in events] == ["prediction"] * len(rows) + ["done"]
    assert [e["id"] for e in events[:-1]] == [str(i) for i in range(len(rows))]
    assert events[-1]["data"] == {"count": len(rows)}
    return events


STREAM_ROWS = [features for features, _ in SAMPLES]
