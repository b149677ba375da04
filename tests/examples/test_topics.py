"""The small examples shown on the AI topic pages (docs/ai/*.md)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import examples.common.model as shared
from examples_cases import SAMPLES


def in_fresh_thread(fn, *args):
    """Run fn in a new thread. Other tests in the session (Playwright's sync API)
    can leave an event loop running in the main thread, and both asyncio.run()
    and Flask's async views refuse to start inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


def run(coro_fn, *args):
    return in_fresh_thread(lambda: asyncio.run(coro_fn(*args)))

# --- Flask: an async view overlaps I/O inside one request ----------------------


def test_flask_async_view_overlaps_upstream_calls(monkeypatch):
    """gather() starts the second upstream call while the first is waiting.

    Checked by ordering, not by time: each fake call waits until both have
    started. Awaited one after the other, the first call would wait for a
    second call that never starts, and the guard would fail the request.
    """
    from examples.topics import async_flask

    log: list[str] = []
    state: dict[str, asyncio.Event] = {}

    async def fake_fetch(source: str) -> dict[str, str]:
        both_started = state.setdefault("both", asyncio.Event())  # made in the view's loop
        log.append(f"start {source}")
        if len(log) == 2:
            both_started.set()
        await asyncio.wait_for(both_started.wait(), timeout=10)  # a hang guard only
        log.append(f"end {source}")
        return {"source": source}

    monkeypatch.setattr(async_flask, "fetch_upstream", fake_fetch)
    client = async_flask.create_app().test_client()
    r = in_fresh_thread(client.get, "/context")
    assert r.status_code == 200
    assert r.get_json()["results"] == [{"source": "search"}, {"source": "profile"}]
    assert log[:2] == ["start search", "start profile"]
    assert sorted(log[2:]) == ["end profile", "end search"]


def test_flask_async_view_without_the_fake_still_answers():
    from examples.topics import async_flask

    r = in_fresh_thread(async_flask.create_app().test_client().get, "/context")
    assert r.status_code == 200
    assert r.get_json()["results"] == [{"source": "search"}, {"source": "profile"}]


# --- Django: async views (settings applied for this module only) -----------------

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402
from django.test import RequestFactory, override_settings  # noqa: E402
from django.utils.functional import empty  # noqa: E402

DJANGO_SETTINGS = {"DEBUG": False, "ALLOWED_HOSTS": ["testserver"], "USE_TZ": True}


@pytest.fixture(scope="module")
def rf():
    if settings.configured:
        with override_settings(**DJANGO_SETTINGS):
            yield RequestFactory()
        return
    settings.configure(**DJANGO_SETTINGS)
    try:
        yield RequestFactory()
    finally:
        settings._wrapped = empty


def _post_json(rf, body):
    return rf.post("/predict", data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_django_async_view_predicts(rf, features, expected):
    from examples.topics import async_django

    response = run(async_django.predict_view, _post_json(rf, {"features": features}))
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["prediction"] == expected
    assert body == shared.load_model().predict(features)


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b'{"features": [1, 2]}',
        b'{"features": ["a", 1, 2, 3]}',
        b"[]",
        b'{"features": [1e308, 1e308, 1e308, 1e308]}',
        b'{"features": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_django_async_view_rejects_bad_input(rf, raw):
    from examples.topics import async_django

    request = rf.post("/predict", data=raw, content_type="application/json")
    response = run(async_django.predict_view, request)
    assert response.status_code == 400
    assert "error" in json.loads(response.content)


def test_django_inference_runs_off_the_event_loop_thread(rf, monkeypatch):
    """thread_sensitive=False: the model call is not made on the loop's thread."""
    from examples.topics import async_django

    seen = {}
    original = async_django._predict

    def spy(features):
        seen["thread"] = threading.get_ident()
        return original(features)

    monkeypatch.setattr(async_django, "predict_in_thread", async_django.sync_to_async(spy, thread_sensitive=False))

    async def call():
        seen["loop_thread"] = threading.get_ident()
        return await async_django.predict_view(_post_json(rf, {"features": SAMPLES[0][0]}))

    assert run(call).status_code == 200
    assert seen["thread"] != seen["loop_thread"]


def test_django_predict_in_thread_is_not_thread_sensitive():
    from examples.topics import async_django

    assert async_django.predict_in_thread._thread_sensitive is False


async def _collect(response) -> str:
    return "".join([chunk.decode() async for chunk in response.streaming_content])


def test_django_async_stream_is_async_and_well_formed(rf):
    from examples.topics import stream_django

    response = run(stream_django.stream_view, rf.get("/stream", {"prompt": "hi there"}))
    assert response.streaming and response.is_async  # an async iterator: no buffering under ASGI
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    text = run(_collect, response)
    events = [block for block in text.split("\n\n") if block]
    tokens = [json.loads(e.split("data: ", 1)[1]) for e in events if e.startswith("event: token")]
    assert "".join(tokens) == "You asked: hi there "
    assert events[-1] == "event: done\ndata: {}"


def test_django_async_stream_notices_disconnect():
    """Cancelling the consumer (what Django does on disconnect) reaches the generator."""
    from examples.topics import stream_django

    async def consume_then_cancel():
        gen = stream_django.sse_events("bye")
        first = await gen.__anext__()
        task = asyncio.ensure_future(gen.__anext__())
        await asyncio.sleep(0)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        return first

    stream_django.CANCELLED.clear()
    assert run(consume_then_cancel).startswith("event: token")
    assert stream_django.CANCELLED == ["bye"]


# --- FastAPI: async def endpoint, inference in a worker thread -------------------


@pytest.fixture(scope="module")
def fastapi_client():
    from fastapi.testclient import TestClient

    from examples.topics.async_fastapi import app

    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("features, expected", SAMPLES)
def test_fastapi_async_endpoint_predicts(fastapi_client, features, expected):
    r = fastapi_client.post("/predict", json={"features": features})
    assert r.status_code == 200
    assert r.json()["prediction"] == expected


@pytest.mark.parametrize(
    "body",
    [
        {"features": [1, 2]},
        {"features": ["1", 2, 3, 4]},
        {"features": [1, 2, 3, 4], "x": 1},
        {},
        {"features": [1e308, 1e308, 1e308, 1e308]},
        {"features": [-1, 2, 3, 4]},
    ],
)
def test_fastapi_async_endpoint_validates(fastapi_client, body):
    assert fastapi_client.post("/predict", json=body).status_code == 422


def test_fastapi_async_example_serves_no_docs_pages(fastapi_client):
    assert fastapi_client.get("/docs").status_code == 404
    assert fastapi_client.get("/redoc").status_code == 404


def test_fastapi_inference_runs_off_the_event_loop_thread(fastapi_client, monkeypatch):
    from examples.topics import async_fastapi

    model = shared.load_model()
    threads = {}

    class Spy:
        def predict(self, features):
            threads["model"] = threading.get_ident()
            return model.predict(features)

    monkeypatch.setattr(async_fastapi, "load_model", lambda: Spy())

    @async_fastapi.app.get("/_loop_thread")
    async def loop_thread():
        return {"thread": threading.get_ident()}

    try:
        assert fastapi_client.post("/predict", json={"features": SAMPLES[0][0]}).status_code == 200
        loop = fastapi_client.get("/_loop_thread").json()["thread"]
    finally:
        async_fastapi.app.router.routes.pop()
    assert threads["model"] != loop


def test_models_still_built_once():
    assert shared.LOAD_COUNT == 1
