"""FastAPI: relay a streamed LLM answer to the browser as server-sent events.

EventSourceResponse (FastAPI 0.135+) formats the events and sends a keep-alive
comment after 15 seconds without one. When the browser disconnects, the server
reports it, FastAPI cancels the generator, and the cancellation reaches the
model stream at its next await, which closes the upstream request.
The checks run in a dependency, so a refusal is an ordinary JSON error
instead of a stream.

Start command (Uvicorn, which calls the factory): examples/commands.sh, section llm-fastapi.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from starlette.exceptions import HTTPException

from examples.llm.common import ChatService, Refusal, UpstreamError


async def admitted_prompt(request: Request) -> str:
    """The prompt, or an HTTP error (401, 429 or 400) before any event is sent."""
    admitted = request.app.state.service.admit(request.headers.get("authorization"), await request.body())
    if isinstance(admitted, Refusal):
        raise HTTPException(admitted.status, admitted.error, admitted.headers)
    return admitted


def create_app(service: ChatService | None = None) -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None)  # those pages load scripts from a CDN
    app.state.service = service or ChatService.from_env()

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.post("/chat/stream", response_class=EventSourceResponse)
    async def chat_stream(prompt: Annotated[str, Depends(admitted_prompt)]) -> AsyncIterator[ServerSentEvent]:
        try:
            async for token in app.state.service.model.stream(prompt):
                yield ServerSentEvent(data=token, event="token")
            yield ServerSentEvent(data={}, event="done")
        except UpstreamError as error:
            yield ServerSentEvent(data={"error": str(error)}, event="error")

    return app
