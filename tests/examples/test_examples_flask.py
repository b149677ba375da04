"""The Flask example, driven by Flask's own test client."""

import pytest

import examples.common.model as shared
from examples.flask_app.app import create_app
from examples_cases import (
    BAD_PREDICT_CASES,
    BAD_STREAM_CASES,
    SAMPLES,
    STREAM_ROWS,
    Case,
    cases,
    check_error,
    check_prediction,
    check_stream,
)


@pytest.fixture(scope="module")
def client():
    app = create_app()
    app.testing = True
    return app.test_client()


def post(client, path, body, content_type="application/json"):
    r = client.post(path, data=body, content_type=content_type)
    return r.status_code, r.content_type, r.get_data(as_text=True)


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "model_loaded": True}


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_predict(client, features, expected):
    r = client.post("/predict", json={"features": features})
    assert r.status_code == 200
    check_prediction(r.get_json(), expected)


def test_integers_are_numbers(client):
    r = client.post("/predict", json={"features": [5, 3, 1, 0]})
    assert r.status_code == 200


@pytest.mark.parametrize("case", cases(BAD_PREDICT_CASES))
def test_predict_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict", case.body, case.content_type))


@pytest.mark.parametrize("case", cases(BAD_STREAM_CASES))
def test_stream_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict/stream", case.body, case.content_type))


def test_stream_sends_one_event_per_row(client):
    r = client.post("/predict/stream", json={"instances": STREAM_ROWS})
    assert r.status_code == 200
    assert r.is_streamed  # a generator response, not a buffered body
    assert r.headers["Cache-Control"] == "no-cache"
    events = check_stream(r.content_type, r.get_data(as_text=True), STREAM_ROWS)
    for event, (_, expected) in zip(events, SAMPLES):
        check_prediction(event["data"], expected)


def test_stream_matches_predict(client):
    r = client.post("/predict/stream", json={"instances": STREAM_ROWS})
    events = check_stream(r.content_type, r.get_data(as_text=True), STREAM_ROWS)
    for row, event in zip(STREAM_ROWS, events):
        assert client.post("/predict", json={"features": row}).get_json() == event["data"]


def test_model_is_loaded_once_per_process(client):
    for _ in range(25):
        assert client.post("/predict", json={"features": [5.1, 3.5, 1.4, 0.2]}).status_code == 200
    create_app()  # another app in the same process reuses the model too
    assert shared.LOAD_COUNT == 1


def test_wrong_method_is_json_405(client):
    r = client.get("/predict")
    assert r.status_code == 405
    assert "error" in r.get_json()


def test_unknown_path_is_json_404(client):
    r = client.get("/nope")
    assert r.status_code == 404
    assert "error" in r.get_json()
