"""The LLM chat recipe (examples/llm/, shown on docs/ai/llm-recipe.md).

Every check runs against the Flask, Django and FastAPI apps with a fake model
client (llm_fakes.py): no network. The disconnect tests do what a server does
when the browser goes away: call the WSGI response's close(), or send ASGI's
http.disconnect, and then check that the model stream was closed mid-answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import os
import zlib
from unittest import mock

import httpx
import pytest

from adapters import django_example
from examples.common.sse import format_event
from examples.llm.common import (
    MAX_PROMPT_CHARS,
    OpenAICompatibleClient,
    RateLimiter,
    UpstreamError,
    sse_events,
)
from examples_cases import parse_sse
from llm_fakes import (
    AUTH,
    OTHER_AUTH,
    Clock,
    FakeModel,
    disconnect_after_first_token,
    in_fresh_thread,
    run,
    service,
    wait_until,
)

PROMPT = json.dumps({"prompt": "Say hello"}).encode()
JSON = "application/json"
FRAMEWORKS = ("flask", "django", "fastapi")


class Reply:
    def __init__(self, status: int, headers, text: str):
        self.status, self.text = status, text
        self.headers = {k.lower(): v for k, v in headers.items()}

    def json(self):
        return json.loads(self.text)


# --- one small adapter per framework ---------------------------------------------


class FlaskChat:
    name = "flask"

    def use(self, chat) -> None:
        from examples.llm.flask_chat import create_app

        self.app = create_app(chat)

    def post(self, body: bytes, headers: dict) -> Reply:
        def call():
            r = self.app.test_client().post("/chat/stream", data=body, headers=headers, content_type=JSON)
            return Reply(r.status_code, r.headers, r.get_data(as_text=True))
        return in_fresh_thread(call)  # each stream runs an event loop of its own

    def disconnect_after_first_token(self, body: bytes, headers: dict, until) -> None:
        """What a WSGI server does when a write to the client fails: close() the response."""
        from werkzeug.test import EnvironBuilder

        def call():
            environ = EnvironBuilder("/chat/stream", method="POST", data=body, headers=headers,
                                     content_type=JSON).get_environ()
            app_iter = self.app(environ, lambda status, headers, exc_info=None: None)
            first = next(iter(app_iter))
            app_iter.close()
            return first
        assert b"event: token" in in_fresh_thread(call)
        assert until()


class DjangoChat:
    name = "django"

    def use(self, chat) -> None:
        from examples.llm import django_chat

        django_chat._service = chat

    def post(self, body: bytes, headers: dict) -> Reply:
        from django.test import AsyncClient

        async def call():
            r = await AsyncClient().post("/chat/stream", data=body, content_type=JSON, headers=headers)
            text = "".join([c.decode() async for c in r.streaming_content]) if r.streaming else r.content.decode()
            return Reply(r.status_code, r.headers, text)
        return run(call)

    def disconnect_after_first_token(self, body: bytes, headers: dict, until) -> None:
        from django.core.handlers.asgi import ASGIHandler

        run(disconnect_after_first_token, ASGIHandler(), "/chat/stream", body, headers, until)


class FastAPIChat:
    name = "fastapi"

    def use(self, chat) -> None:
        from examples.llm.fastapi_chat import create_app

        self.app = create_app(chat)

    def post(self, body: bytes, headers: dict) -> Reply:
        from fastapi.testclient import TestClient

        def call():
            with TestClient(self.app) as client:
                r = client.post("/chat/stream", content=body, headers={"Content-Type": JSON, **headers})
                return Reply(r.status_code, r.headers, r.text)
        return in_fresh_thread(call)

    def disconnect_after_first_token(self, body: bytes, headers: dict, until) -> None:
        run(disconnect_after_first_token, self.app, "/chat/stream", body, headers, until)


@pytest.fixture(scope="module")
def django_settings():
    with mock.patch.dict(os.environ, {"DJANGO_SECRET_KEY": "test-only"}):
        llm = importlib.import_module("examples.llm.django_settings")
    with django_example(ROOT_URLCONF=llm.ROOT_URLCONF, MIDDLEWARE=llm.MIDDLEWARE, ALLOWED_HOSTS=["testserver"]):
        yield


@pytest.fixture(params=FRAMEWORKS)
def chat_app(request):
    if request.param == "django":
        request.getfixturevalue("django_settings")
    return {"flask": FlaskChat, "django": DjangoChat, "fastapi": FastAPIChat}[request.param]()


def events_of(reply: Reply) -> list[dict]:
    assert reply.status == 200, reply.text
    assert reply.headers["content-type"].startswith("text/event-stream")
    assert reply.headers["cache-control"] == "no-cache" and reply.headers["x-accel-buffering"] == "no"
    return parse_sse(reply.text)


# --- streaming ----------------------------------------------------------------------


def test_tokens_stream_as_events_then_done(chat_app):
    model = FakeModel()
    chat_app.use(service(model))
    events = events_of(chat_app.post(PROMPT, AUTH))
    assert [e["event"] for e in events] == ["token", "token", "token", "done"]
    assert "".join(e["data"] for e in events[:-1]) == "Hello, world"
    assert model.prompts == ["Say hello"] and model.finished.is_set()


def test_a_failing_model_ends_the_stream_with_an_error_event(chat_app):
    chat_app.use(service(FakeModel(fail_after=1)))
    events = events_of(chat_app.post(PROMPT, AUTH))
    assert [e["event"] for e in events] == ["token", "error"]
    assert "500" in events[-1]["data"]["error"]


def test_the_browser_leaving_stops_the_model_mid_answer(chat_app):
    model = FakeModel(stall_after=1)  # one token, then the model keeps thinking
    chat_app.use(service(model))
    chat_app.disconnect_after_first_token(PROMPT, AUTH, until=model.closed.is_set)
    assert model.closed.is_set() and not model.finished.is_set()


# --- refusals, before anything streams ------------------------------------------------------


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"}, {"Authorization": "Basic a2V5LWFsaWNl"},
                                     {"Authorization": "Bearer"}], ids=["none", "unknown", "basic", "empty"])
def test_no_valid_key_is_a_401(chat_app, headers):
    model = FakeModel()
    chat_app.use(service(model))
    reply = chat_app.post(PROMPT, headers)
    assert reply.status == 401 and reply.headers["www-authenticate"] == "Bearer"
    assert "API key" in reply.json()["error"] and model.prompts == []


@pytest.mark.parametrize("body", [
    b"{not json", b"[]", b'{"prompt": ""}', b'{"prompt": "   "}', b'{"prompt": 5}', b'{"prompt": "hi", "x": 1}',
    json.dumps({"prompt": "x" * (MAX_PROMPT_CHARS + 1)}).encode(), b'{"prompt": ' + b"[" * 5000 + b"]" * 5000 + b"}",
], ids=["malformed", "list", "empty", "blank", "number", "extra-key", "too-long", "nested"])
def test_a_bad_body_is_a_400(chat_app, body):
    model = FakeModel()
    chat_app.use(service(model))
    reply = chat_app.post(body, AUTH)
    assert reply.status == 400 and reply.json()["error"] and model.prompts == []


def test_each_user_is_limited_on_their_own(chat_app):
    clock = Clock()
    model = FakeModel()
    chat_app.use(service(model, limit=2, clock=clock))
    assert [chat_app.post(PROMPT, AUTH).status for _ in range(2)] == [200, 200]
    clock.now += 45
    refused = chat_app.post(PROMPT, AUTH)
    assert refused.status == 429 and refused.headers["retry-after"] == "15"
    assert chat_app.post(PROMPT, OTHER_AUTH).status == 200        # bob has his own allowance
    clock.now += 15
    assert chat_app.post(PROMPT, AUTH).status == 200             # the window has moved on
    assert len(model.prompts) == 4


# --- the shared pieces ----------------------------------------------------------------------


def test_rate_limiter_is_a_sliding_window():
    clock = Clock()
    limiter = RateLimiter(3, 10.0, clock)
    assert [limiter.hit("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    clock.now += 4
    assert limiter.hit("a") == pytest.approx(6.0) and limiter.hit("b") == 0.0
    clock.now += 6
    assert limiter.hit("a") == 0.0


def test_silence_from_the_model_becomes_a_ping_comment():
    async def scenario():
        gate = asyncio.Event()

        async def slow():
            await gate.wait()
            yield "late"

        events = sse_events(slow(), heartbeat=0.01)
        first = await anext(events)
        gate.set()
        return first, [e async for e in events]

    first, rest = run(scenario)
    assert first == ": ping\n\n"
    assert [e["event"] for e in parse_sse("".join(rest))] == ["token", "done"]


def test_closing_or_cancelling_the_event_stream_closes_the_model_stream():
    async def close_at_a_yield():
        model = FakeModel()
        events = sse_events(model.stream("x"))
        await anext(events)
        await events.aclose()
        return model

    async def cancel_while_waiting():
        model = FakeModel(stall_after=1)

        async def consume():
            async for _ in sse_events(model.stream("x")):
                pass

        task = asyncio.ensure_future(consume())
        await wait_until(lambda: model.prompts)
        await asyncio.sleep(0.05)
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await wait_until(model.closed.is_set)
        return model

    for scenario in (close_at_a_yield, cancel_while_waiting):
        model = run(scenario)
        assert model.closed.is_set() and not model.finished.is_set(), scenario.__name__


# --- the OpenAI-compatible client, against a fake transport ---------------------------------


class Body(httpx.AsyncByteStream):
    def __init__(self, lines: list[str]):
        self.lines, self.closed = lines, False

    async def __aiter__(self):
        for line in self.lines:
            yield (line + "\n").encode()

    async def aclose(self):
        self.closed = True


def chunk(content=None, role=None) -> str:
    delta = {k: v for k, v in (("role", role), ("content", content)) if v is not None}
    return "data: " + json.dumps({"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta}]})


STREAM = [chunk(role="assistant"), "", ": keep-alive", chunk("Hel"), "", chunk("lo"), "",
          'data: {"choices": []}', "", "data: [DONE]", ""]


def client_for(handler) -> OpenAICompatibleClient:
    return OpenAICompatibleClient("http://model.invalid", "test-model", api_key="secret",
                                  transport=httpx.MockTransport(handler))


def test_client_reads_an_openai_style_stream():
    seen = {}

    def handler(request: httpx.Request):
        seen.update(url=str(request.url), auth=request.headers["authorization"], body=json.loads(request.content))
        return httpx.Response(200, stream=Body(STREAM))

    async def collect():
        return [t async for t in client_for(handler).stream("Hi")]

    assert run(collect) == ["Hel", "lo"]
    assert seen["url"] == "http://model.invalid/v1/chat/completions" and seen["auth"] == "Bearer secret"
    assert seen["body"] == {"model": "test-model", "stream": True, "messages": [{"role": "user", "content": "Hi"}]}


def test_client_closes_the_upstream_response_when_the_stream_is_closed():
    body = Body(STREAM)

    async def first_then_close():
        stream = client_for(lambda request: httpx.Response(200, stream=body)).stream("Hi")
        first = await anext(stream)
        await stream.aclose()
        return first

    assert run(first_then_close) == "Hel" and body.closed


@pytest.mark.parametrize("handler", [
    lambda request: httpx.Response(500, text="boom"),
    lambda request: httpx.Response(200, stream=Body(["data: {not json"])),
    lambda request: (_ for _ in ()).throw(httpx.ConnectError("refused")),
], ids=["status-500", "bad-json", "connection-refused"])
def test_client_failures_are_upstream_errors(handler):
    async def collect():
        return [t async for t in client_for(handler).stream("Hi")]

    with pytest.raises(UpstreamError):
        run(collect)


# --- a deployment trap: compression middleware ----------------------------------------------


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_django_gzip_middleware_can_hold_events_back_and_the_example_lets_them_through(django_settings, kind):
    """Whether a small event leaves the server before the next one, through Django's
    GZipMiddleware: held back for sync streams before 6.1 (5.2, the pinned version,
    and 6.0), for async streams in 6.0 only (5.2 compresses each async chunk on its
    own, 6.1 flushes every chunk). The example's middleware leaves text/event-stream alone."""
    import django
    from django.http import StreamingHttpResponse
    from django.middleware.gzip import GZipMiddleware
    from django.test import RequestFactory

    from examples.llm.django_chat import GZipExceptEventStream

    async def relay(middleware_class):
        consumed: list[str] = []

        def sync_events():
            for token in ("Hello", "world"):
                consumed.append(token)
                yield format_event(token, event="token")

        async def async_events():
            for event in sync_events():
                yield event

        request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
        events = sync_events() if kind == "sync" else async_events()
        response = StreamingHttpResponse(events, content_type="text/event-stream")
        response = middleware_class(lambda r: response).process_response(request, response)
        if kind == "sync":
            chunks = [(len(consumed), chunk) for chunk in response.streaming_content]
        else:
            chunks = [(len(consumed), chunk) async for chunk in response.streaming_content]
        return response.get("Content-Encoding"), chunks

    encoding, chunks = run(relay, GZipMiddleware)
    assert encoding == "gzip"
    before_second = b"".join(chunk for consumed, chunk in chunks if consumed < 2)
    shown = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(before_second)
    version = django.VERSION[:2]
    held_back = version < (6, 1) if kind == "sync" else (6, 0) <= version < (6, 1)
    assert (b"Hello" not in shown) is held_back, shown
    encoding, chunks = run(relay, GZipExceptEventStream)
    assert encoding is None and chunks[0] == (1, format_event("Hello", event="token").encode())
