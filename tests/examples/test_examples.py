"""The three example apps, each through its framework's own test client.

Every test that takes ``app`` runs once per framework (adapters.py holds the
three small adapters); the few tests that concern one framework only take
``flask_app``, ``django_app`` or ``fastapi_app``.
"""

from __future__ import annotations

import json
import math

import pytest

import examples.common.model as shared
from adapters import ADAPTERS, FRAMEWORKS, JSON, DjangoAdapter, FastAPIAdapter, FlaskAdapter
from examples_cases import (
    BAD_PREDICT_CASES,
    BAD_STREAM_CASES,
    EDGES,
    GOOD,
    SAMPLES,
    STREAM_ROWS,
    Case,
    cases,
    check_error,
    check_prediction,
    check_stream,
)


@pytest.fixture(scope="module")
def flask_app():
    with FlaskAdapter().running() as adapter:
        yield adapter


@pytest.fixture(scope="module")
def django_app():
    with DjangoAdapter().running() as adapter:
        yield adapter


@pytest.fixture(scope="module")
def fastapi_app():
    with FastAPIAdapter().running() as adapter:
        yield adapter


@pytest.fixture(scope="module", params=FRAMEWORKS)
def app(request):
    return request.getfixturevalue(f"{request.param}_app")


def predict(app, features) -> dict:
    reply = app.post("/predict", json.dumps({"features": features}).encode())
    assert reply.status == 200, reply.text
    return reply.json()


# --- Every app ------------------------------------------------------------------


def test_health(app):
    reply = app.get("/health")
    assert reply.status == 200
    assert reply.json() == {"status": "ok", "model_loaded": True}


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_predict(app, features, expected):
    check_prediction(predict(app, features), expected)


def test_integers_are_numbers(app):
    predict(app, [5, 3, 1, 0])


@pytest.mark.parametrize("features", EDGES, ids=["smallest", "largest"])
def test_both_ends_of_the_range_are_accepted(app, features):
    body = predict(app, features)
    assert all(math.isfinite(p) for p in body["probabilities"].values())


@pytest.mark.parametrize("case", cases(BAD_PREDICT_CASES))
def test_predict_rejects_bad_input(app, case: Case):
    reply = app.post("/predict", case.body, case.content_type)
    check_error(case, reply.status, reply.content_type, reply.text)


@pytest.mark.parametrize("case", cases(BAD_STREAM_CASES))
def test_stream_rejects_bad_input(app, case: Case):
    reply = app.post("/predict/stream", case.body, case.content_type)
    check_error(case, reply.status, reply.content_type, reply.text)


def test_stream_sends_one_event_per_row(app):
    reply = app.post("/predict/stream", json.dumps({"instances": STREAM_ROWS}).encode())
    assert reply.status == 200
    assert reply.headers["cache-control"] == "no-cache"
    if app.name != "fastapi":  # Starlette's TestClient does not say
        assert reply.streamed  # a generator response, not a buffered body
    events = check_stream(reply.content_type, reply.text, STREAM_ROWS)
    for event, (_, expected) in zip(events, SAMPLES):
        check_prediction(event["data"], expected)


def test_stream_matches_predict(app):
    reply = app.post("/predict/stream", json.dumps({"instances": STREAM_ROWS}).encode())
    events = check_stream(reply.content_type, reply.text, STREAM_ROWS)
    for row, event in zip(STREAM_ROWS, events):
        assert predict(app, row) == event["data"]


def test_model_is_loaded_once_per_process(app):
    for _ in range(25):
        predict(app, [5.1, 3.5, 1.4, 0.2])
    app.start_again()  # a second factory call, ready() or lifespan reuses it
    assert shared.LOAD_COUNT == 1


def test_wrong_method_is_json_405(app):
    reply = app.get("/predict")
    assert reply.status == 405
    assert "error" in reply.json()


def test_unknown_path_is_json_404(app):
    reply = app.get("/nope")
    assert reply.status == 404
    assert "error" in reply.json()


def padded(size: int) -> bytes:
    """A valid /predict body of exactly ``size`` bytes (JSON allows the spaces)."""
    return GOOD + b" " * (size - len(GOOD))


def test_body_of_exactly_the_limit_is_accepted(app):
    assert app.post("/predict", padded(shared.MAX_BODY_BYTES)).status == 200


def test_unsized_body_is_read(app):
    """Without Content-Length (a chunked request) the body is still read..."""
    reply = app.post_unsized("/predict", padded(shared.MAX_BODY_BYTES))
    assert reply.status == 200, reply.text
    check_prediction(reply.json(), "setosa")


def test_unsized_body_over_the_limit_is_413(app):
    """...and counted: over the limit it is a 413, not "malformed JSON"."""
    reply = app.post_unsized("/predict", padded(shared.MAX_BODY_BYTES + 1))
    assert reply.status == 413, reply.text
    assert reply.content_type.startswith(JSON)
    assert "large" in reply.json()["error"]


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_an_unexpected_error_is_a_json_500(name):
    with ADAPTERS[name](with_failing_route=True).running() as app:
        reply = app.get("/boom")
    assert reply.status == 500
    assert reply.content_type.startswith(JSON)
    assert reply.json() == {"error": "internal server error"}


# --- One framework ----------------------------------------------------------------


def test_django_app_config_ready_loaded_the_model(django_app):
    from django.apps import apps

    assert apps.get_app_config("iris_example") is not None
    assert shared.is_loaded()


def test_django_405_names_the_allowed_method(django_app):
    assert django_app.get("/predict").headers["allow"] == "POST"


@pytest.mark.parametrize("host", ["evil.example", "localhost.evil.example"])
def test_django_rejects_a_host_not_in_allowed_hosts(django_app, host):
    reply = django_app.get("/health", HTTP_HOST=host)
    assert reply.status == 400
    assert reply.json() == {"error": "bad request"}


def test_fastapi_lifespan_put_the_shared_model_on_app_state(fastapi_app):
    assert fastapi_app.app.state.model is shared.load_model()


def test_fastapi_validation_errors_are_400_not_422(fastapi_app):
    reply = fastapi_app.post("/predict", b'{"features": [1, 2, 3]}')
    assert reply.status == 400
    assert "detail" not in reply.json()


def test_fastapi_serves_no_docs_pages(fastapi_app):
    """/docs and /redoc would load Swagger UI and ReDoc from a CDN."""
    assert fastapi_app.get("/docs").status == 404
    assert fastapi_app.get("/redoc").status == 404
    assert fastapi_app.get("/openapi.json").status == 200


def test_fastapi_500_tells_the_client_the_connection_closes():
    # Uvicorn closes the connection after an exception (test_servers.py shows
    # it on a real server); the header warns keep-alive clients in advance.
    with FastAPIAdapter(with_failing_route=True).running() as app:
        reply = app.get("/boom")
    assert reply.status == 500
    assert reply.headers["connection"] == "close"
