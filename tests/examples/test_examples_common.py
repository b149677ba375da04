"""The shared model code and the test helpers themselves."""

import threading

import pytest

import examples.common.model as shared
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
