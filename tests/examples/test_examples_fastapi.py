"""The FastAPI example, driven by Starlette's TestClient."""

import pytest
from fastapi.testclient import TestClient

import examples.common.model as shared
from examples.fastapi_app.app import create_app
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
    # The lifespan (which loads the model) only runs when TestClient is used
    # as a context manager.
    with TestClient(create_app(), raise_server_exceptions=False) as client:
        yield client


def post(client, path, body, content_type="application/json"):
    r = client.post(path, content=body, headers={"Content-Type": content_type})
    return r.status_code, r.headers["content-type"], r.text


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "model_loaded": True}


def test_lifespan_put_the_shared_model_on_app_state(client):
    assert client.app.state.model is shared.load_model()


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_predict(client, features, expected):
    r = client.post("/predict", json={"features": features})
    assert r.status_code == 200
    check_prediction(r.json(), expected)


def test_integers_are_numbers(client):
    r = client.post("/predict", json={"features": [5, 3, 1, 0]})
    assert r.status_code == 200


@pytest.mark.parametrize("case", cases(BAD_PREDICT_CASES))
def test_predict_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict", case.body, case.content_type))


@pytest.mark.parametrize("case", cases(BAD_STREAM_CASES))
def test_stream_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict/stream", case.body, case.content_type))


def test_validation_errors_are_400_not_422(client):
    r = client.post("/predict", json={"features": [1, 2, 3]})
    assert r.status_code == 400
    assert "detail" not in r.json()


def test_body_too_large_without_content_length(client):
    def chunks():  # a streamed body: no Content-Length header to check
        for _ in range(20):
            yield b" " * 1024
        yield b'{"features": [5.1, 3.5, 1.4, 0.2]}'

    r = client.post("/predict", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert "large" in r.json()["error"]


def test_stream_sends_one_event_per_row(client):
    with client.stream("POST", "/predict/stream", json={"instances": STREAM_ROWS}) as r:
        assert r.status_code == 200
        assert r.headers["cache-control"] == "no-cache"
        text = "".join(r.iter_text())
    events = check_stream(r.headers["content-type"], text, STREAM_ROWS)
    for event, (_, expected) in zip(events, SAMPLES):
        check_prediction(event["data"], expected)


def test_stream_matches_predict(client):
    r = client.post("/predict/stream", json={"instances": STREAM_ROWS})
    events = check_stream(r.headers["content-type"], r.text, STREAM_ROWS)
    for row, event in zip(STREAM_ROWS, events):
        assert client.post("/predict", json={"features": row}).json() == event["data"]


def test_model_is_loaded_once_per_process(client):
    for _ in range(25):
        assert client.post("/predict", json={"features": [5.1, 3.5, 1.4, 0.2]}).status_code == 200
    with TestClient(create_app()):  # a second app's lifespan reuses the model
        pass
    assert shared.LOAD_COUNT == 1


def test_wrong_method_is_json_405(client):
    r = client.get("/predict")
    assert r.status_code == 405
    assert "error" in r.json()


def test_unknown_path_is_json_404(client):
    r = client.get("/nope")
    assert r.status_code == 404
    assert "error" in r.json()
