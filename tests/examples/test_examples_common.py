"""The shared model code and the test helpers themselves."""

import io
import threading

import pytest

import examples.common.model as shared
from examples.common.body import BodyTooLarge, parse_json, read_unsized_body
from examples.common.sse import format_event
from examples_cases import parse_sse


def test_validate_features_returns_floats():
    assert shared.validate_features({"features": [5, 3.5, 1, 0.25]}) == [5.0, 3.5, 1.0, 0.25]


@pytest.mark.parametrize(
    "payload, message",
    [
        ([1, 2, 3, 4], "must be a JSON object, got array"),
        ({}, "missing required field 'features'"),
        ({"features": [1, 2, 3, 4], "x": 1}, "unexpected field(s): 'x'"),
        ({"features": [1, 2, 3]}, "exactly 4 numbers, got 3"),
        ({"features": [1, True, 3, 4]}, "features[1] must be a number, got boolean"),
        ({"features": [1, 2, float("nan"), 4]}, "features[2] must be a finite number"),
    ],
)
def test_validate_features_explains_the_problem(payload, message):
    with pytest.raises(shared.InvalidInput) as info:
        shared.validate_features(payload)
    assert message in str(info.value)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [0, 0.0, 100, 100.0, 7.9])
def test_validate_features_accepts_the_whole_range(value):
    assert shared.validate_features({"features": [value, 1, 1, 1]})[0] == float(value)


@pytest.mark.parametrize(
    "value, shown",
    [(-0.001, "-0.001"), (100.001, "100.001"), (1e308, "1e+308"), (-1e308, "-1e+308"),
     (10**400, "an integer of more than 15 digits"), (-(10**20), "an integer of more than 15 digits")],
)
def test_validate_features_rejects_values_outside_the_range(value, shown):
    with pytest.raises(shared.InvalidInput) as info:
        shared.validate_features({"features": [1, 1, value, 1]})
    assert str(info.value) == f"features[2] must be between 0 and 100 (cm), got {shown}"


def test_the_range_is_a_plausible_one_for_iris_flowers():
    from sklearn.datasets import load_iris

    data = load_iris().data
    assert shared.FEATURE_MIN_CM <= data.min() and data.max() * 10 <= shared.FEATURE_MAX_CM


def test_parse_json_turns_deep_nesting_into_invalid_input():
    with pytest.raises(shared.InvalidInput, match="nested too deeply"):
        parse_json(b"[" * 100_000 + b"]" * 100_000)


@pytest.mark.parametrize("raw", [b"", b"{", b'{"a": 1}}', b'"\xff"', b"1" * 5000])
def test_parse_json_reports_malformed_json(raw):
    with pytest.raises(shared.InvalidInput, match="malformed JSON"):
        parse_json(raw)


def test_read_unsized_body_accepts_exactly_the_limit():
    assert read_unsized_body(io.BytesIO(b"x" * 100), 100) == b"x" * 100


def test_read_unsized_body_stops_one_byte_past_the_limit():
    stream = io.BytesIO(b"x" * 1_000_000)
    with pytest.raises(BodyTooLarge):
        read_unsized_body(stream, 100)
    assert stream.tell() == 101


def test_read_unsized_body_handles_short_reads():
    class Trickle(io.RawIOBase):  # returns one byte per read, like a slow socket
        def __init__(self, data):
            self.data = data

        def read(self, size=-1):
            piece, self.data = self.data[:1], self.data[1:]
            return piece

    assert read_unsized_body(Trickle(b"abc"), 10) == b"abc"
    with pytest.raises(BodyTooLarge):
        read_unsized_body(Trickle(b"x" * 11), 10)


def test_concurrent_first_calls_share_one_model():
    results = []
    threads = [threading.Thread(target=lambda: results.append(shared.load_model())) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(model is results[0] for model in results)
    assert shared.LOAD_COUNT == 1


def test_model_fits_iris():
    from sklearn.datasets import load_iris

    iris = load_iris()
    assert shared.load_model().estimator.score(iris.data, iris.target) > 0.9


def test_format_event():
    assert format_event({"a": 1}, event="x", id="7") == 'event: x\nid: 7\ndata: {"a": 1}\n\n'


def test_format_event_refuses_nan():
    with pytest.raises(ValueError):
        format_event({"p": float("nan")})


def test_parse_sse_follows_the_wire_format():
    text = ': comment\r\nevent: a\r\nid: 1\r\ndata: [1,\r\ndata:2]\r\n\r\ndata: {}\n\n'
    assert parse_sse(text) == [
        {"event": "a", "id": "1", "data": [1, 2]},
        {"event": "message", "id": None, "data": {}},
    ]
