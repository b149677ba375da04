"""The example apps plus one paced event stream, for the streaming figure only.

The apps' own ``/predict/stream`` sends a few predictions as fast as the model makes them, so a
stream lasts milliseconds and says nothing about holding streams open.  A chat answer relayed
from a model service mostly *waits* between tokens.  ``GET /measure/paced-stream`` stands in
for that: ``events`` small events (default 10), each after a wait of ``interval_ms`` (default
50), then a ``done`` event.  Each framework waits the way its documentation suggests for
streaming: Flask and Django under WSGI with a sync generator and ``time.sleep`` (which gevent
patches into a cooperative wait), Django under ASGI and FastAPI with an async generator and
``asyncio.sleep``.  Everything else is the example app unchanged (``create_app()``).
"""

import asyncio
import time

from examples.common.sse import SSE_HEADERS, format_event

PATH = "/measure/paced-stream"
ASYNC_PATH = "/measure/paced-stream-async"   # Django under ASGI: an async view and generator


def pace(get) -> tuple[int, float]:
    """(events, interval in seconds) from the query, bounded: 1-100 events, 0-1000 ms."""
    def number(name: str, default: int, low: int, high: int) -> int:
        raw = get(name) or ""
        return min(high, max(low, int(raw))) if raw.isdigit() else default
    return number("events", 10, 1, 100), number("interval_ms", 50, 0, 1000) / 1000


def sync_events(events: int, interval: float):
    for i in range(events):
        time.sleep(interval)
        yield format_event({"token": i}, event="token", id=str(i))
    yield format_event({"count": events}, event="done")


async def async_events(events: int, interval: float):
    for i in range(events):
        await asyncio.sleep(interval)
        yield format_event({"token": i}, event="token", id=str(i))
    yield format_event({"count": events}, event="done")


def flask_app():
    from flask import Response, request

    from examples.flask_app.app import create_app

    app = create_app()

    @app.get(PATH)
    def paced_stream():
        events, interval = pace(request.args.get)
        return Response(sync_events(events, interval), mimetype="text/event-stream", headers=SSE_HEADERS)

    return app


def fastapi_app():
    from fastapi import Request
    from fastapi.sse import EventSourceResponse, ServerSentEvent

    from examples.fastapi_app.app import create_app

    app = create_app()

    @app.get(PATH, response_class=EventSourceResponse)
    async def paced_stream(request: Request):
        events, interval = pace(request.query_params.get)
        for i in range(events):
            await asyncio.sleep(interval)
            yield ServerSentEvent(data={"token": i}, event="token", id=str(i))
        yield ServerSentEvent(data={"count": events}, event="done")

    return app
