"""The Django example, driven by django.test.Client.

Django settings are process-global. So that these tests cannot leak into the
rest of the suite, the example's settings are applied for this module only:
configured and undone afterwards if nothing had configured Django yet, or laid
over the existing settings with override_settings() if something had.
"""

import contextlib
import json

import pytest

import examples.common.model as shared
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

django = pytest.importorskip("django")

from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.urls import clear_url_caches, set_urlconf  # noqa: E402
from django.utils.functional import empty  # noqa: E402


def example_settings() -> dict:
    from examples.django_app import settings as module

    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def _unconfigure() -> None:
    """Return Django to its never-configured state."""
    settings._wrapped = empty
    apps.app_configs = {}
    apps.apps_ready = apps.models_ready = apps.ready = apps.loading = False
    if hasattr(apps, "ready_event"):
        apps.ready_event.clear()
    apps.clear_cache()
    clear_url_caches()
    set_urlconf(None)


@contextlib.contextmanager
def django_example():
    if settings.configured:
        with override_settings(**example_settings()):
            yield
        return
    settings.configure(**example_settings())
    try:
        django.setup()
        yield
    finally:
        _unconfigure()


def test_settings_are_undone_afterwards():
    # Runs before the module fixture below is first used.
    if settings.configured:
        pytest.skip("Django was configured by something else")
    for _ in range(2):  # can be configured again after being undone
        with django_example():
            assert settings.ROOT_URLCONF == "examples.django_app.urls"
            assert Client().get("/health").status_code == 200
        assert not settings.configured


@pytest.fixture(scope="module")
def client():
    with django_example():
        # Like a real browser-facing deployment: CSRF checks are enforced, and
        # the JSON views opt out with @csrf_exempt.
        yield Client(enforce_csrf_checks=True)


def post(client, path, body, content_type="application/json"):
    r = client.post(path, data=body, content_type=content_type)
    text = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
    return r.status_code, r.headers["Content-Type"], text


def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "model_loaded": True}


def test_app_config_ready_loaded_the_model(client):
    assert apps.get_app_config("iris_example") is not None
    assert shared.is_loaded()


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_predict(client, features, expected):
    r = client.post("/predict", {"features": features}, content_type="application/json")
    assert r.status_code == 200
    check_prediction(r.json(), expected)


def test_integers_are_numbers(client):
    r = client.post("/predict", {"features": [5, 3, 1, 0]}, content_type="application/json")
    assert r.status_code == 200


@pytest.mark.parametrize("case", cases(BAD_PREDICT_CASES))
def test_predict_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict", case.body, case.content_type))


@pytest.mark.parametrize("case", cases(BAD_STREAM_CASES))
def test_stream_rejects_bad_input(client, case: Case):
    check_error(case, *post(client, "/predict/stream", case.body, case.content_type))


def test_stream_sends_one_event_per_row(client):
    body = json.dumps({"instances": STREAM_ROWS})
    r = client.post("/predict/stream", body, content_type="application/json")
    assert r.status_code == 200
    assert r.streaming  # a StreamingHttpResponse, not a buffered HttpResponse
    assert r.headers["Cache-Control"] == "no-cache"
    text = b"".join(r.streaming_content).decode()
    events = check_stream(r.headers["Content-Type"], text, STREAM_ROWS)
    for event, (_, expected) in zip(events, SAMPLES):
        check_prediction(event["data"], expected)


def test_stream_matches_predict(client):
    status, content_type, text = post(
        client, "/predict/stream", json.dumps({"instances": STREAM_ROWS})
    )
    events = check_stream(content_type, text, STREAM_ROWS)
    for row, event in zip(STREAM_ROWS, events):
        r = client.post("/predict", {"features": row}, content_type="application/json")
        assert r.json() == event["data"]


def test_model_is_loaded_once_per_process(client):
    for _ in range(25):
        r = client.post("/predict", {"features": [5.1, 3.5, 1.4, 0.2]}, content_type="application/json")
        assert r.status_code == 200
    apps.get_app_config("iris_example").ready()  # even if ready() runs again
    assert shared.LOAD_COUNT == 1


def test_wrong_method_is_json_405(client):
    r = client.get("/predict")
    assert r.status_code == 405
    assert r.headers["Allow"] == "POST"
    assert "error" in r.json()


def test_unknown_path_is_json_404(client):
    r = client.get("/nope")
    assert r.status_code == 404
    assert "error" in r.json()
