"""Flask: relay a streamed LLM answer to the browser as server-sent events.

Flask views are synchronous, and the model client is async, so each stream
drives the client from a generator through an event loop of its own. When the
browser disconnects, the WSGI server calls the response's close() (PEP 3333);
Flask passes that on to the generator, whose ``finally`` closes the model stream.
The server only notices the disconnect when a write fails, which is one reason
the stream sends a comment line now and then.

Start command (Gunicorn with threads): examples/commands.sh, section llm-flask.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator

from flask import Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from examples.llm.common import MAX_BODY_BYTES, SSE_HEADERS, ChatService, Refusal, sse_events


def relay(tokens: AsyncIterator[str], heartbeat: float) -> Iterator[str]:
    """Iterate an async stream from sync code: one event loop for the whole stream."""
    with asyncio.Runner() as runner:
        events = sse_events(tokens, heartbeat)
        try:
            while True:
                try:
                    yield runner.run(anext(events))
                except StopAsyncIteration:
                    return
        finally:  # also on GeneratorExit, when the server closes a stream the client left
            runner.run(events.aclose())


def create_app(service: ChatService | None = None) -> Flask:
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES
    service = service or ChatService.from_env()

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return jsonify(error=exc.description or exc.name), exc.code or 500

    @app.get("/health")
    def health():
        return {"status": "ok"}

    @app.post("/chat/stream")
    def chat_stream():
        # Refuse before streaming: once the first event is out, the status is 200.
        admitted = service.admit(request.headers.get("Authorization"), request.get_data(cache=False))
        if isinstance(admitted, Refusal):
            return jsonify(error=admitted.error), admitted.status, admitted.headers
        events = relay(service.model.stream(admitted), service.heartbeat)
        return Response(events, mimetype="text/event-stream", headers=SSE_HEADERS)

    return app
