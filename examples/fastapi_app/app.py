"""FastAPI example: serve the iris model over HTTP.

Start command (Uvicorn): examples/commands.sh
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.sse import EventSourceResponse, ServerSentEvent
from pydantic import BaseModel, ConfigDict, Field
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException

from examples.common.model import (
    FEATURE_MAX_CM,
    FEATURE_MIN_CM,
    MAX_BATCH_ROWS,
    MAX_BODY_BYTES,
    N_FEATURES,
    is_loaded,
    load_model,
)

# Pydantic does the validation that the other apps call validate_features()
# for. strict=True stops "1.5" or true being coerced to floats;
# allow_inf_nan=False rejects NaN/Infinity; ge/le apply the shared range;
# extra="forbid" rejects unknown keys.
Feature = Annotated[
    float, Field(allow_inf_nan=False, ge=FEATURE_MIN_CM, le=FEATURE_MAX_CM)
]
Row = Annotated[list[Feature], Field(min_length=N_FEATURES, max_length=N_FEATURES)]


class PredictRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    features: Row


class BatchRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    instances: Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH_ROWS)]


class PredictResponse(BaseModel):
    prediction: str
    probabilities: dict[str, float]


@asynccontextmanager
async def lifespan(app: FastAPI):
    # Runs once per worker process before the first request
    # (https://fastapi.tiangolo.com/advanced/events/).
    app.state.model = load_model()
    yield


def describe(errors) -> str:
    """One readable sentence from Pydantic's list of validation errors."""
    first = errors[0]
    if first["type"] == "json_invalid":
        return f"malformed JSON: {first['ctx']['error']}"
    where = ".".join(str(p) for p in first["loc"] if p != "body") or "request body"
    return f"{where}: {first['msg']}"


async def validation_error(request: Request, exc: RequestValidationError):
    # FastAPI answers 422 with a list of errors by default; this API answers
    # 400 with {"error": "..."} like the Flask and Django versions.
    # https://fastapi.tiangolo.com/tutorial/handling-errors/#override-request-validation-exceptions
    return JSONResponse({"error": describe(exc.errors())}, status_code=400)


async def http_error(request: Request, exc: HTTPException):
    # 404, 405, 413 ...: {"detail": ...} becomes {"error": ...}.
    return JSONResponse(
        {"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers
    )


async def server_error(request: Request, exc: Exception):
    # Starlette sends this response and then re-raises the exception so that
    # the server can log it; Uvicorn then closes the connection. Saying so in
    # the response tells a keep-alive client to open a new connection for its
    # next request instead of sending it into a closed socket.
    return JSONResponse(
        {"error": "internal server error"},
        status_code=500,
        headers={"Connection": "close"},
    )


class BodySizeLimit:
    """Pure ASGI middleware: 413 with a JSON body for request bodies that are
    too large, whether announced by Content-Length or only seen when read.

    (FastAPI's own ``max_body_size`` answers a plain-text 413 when the
    Content-Length header is over the limit, even with a custom handler.)
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        message = f"request body is larger than {self.max_bytes} bytes"
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = JSONResponse({"error": message}, status_code=413)
            return await response(scope, receive, send)

        seen = 0

        async def limited_receive():
            nonlocal seen
            event = await receive()
            seen += len(event.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413, message)  # answered by http_error()
            return event

        await self.app(scope, limited_receive, send)


def create_app() -> FastAPI:
    app = FastAPI(
        lifespan=lifespan,
        # The /docs and /redoc pages load Swagger UI and ReDoc from a CDN. This
        # example serves no third-party scripts, so they are off; the schema
        # stays at /openapi.json.
        docs_url=None,
        redoc_url=None,
        exception_handlers={
            RequestValidationError: validation_error,
            HTTPException: http_error,
            Exception: server_error,
        },
    )
    app.add_middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES)

    @app.get("/health")
    def health():
        return {"status": "ok", "model_loaded": is_loaded()}

    # A plain `def`: FastAPI runs it in a thread pool, so CPU-bound predict()
    # does not block the event loop.
    @app.post("/predict")
    def predict(body: PredictRequest, request: Request) -> PredictResponse:
        return request.app.state.model.predict(body.features)

    # Built-in SSE support (FastAPI 0.135+): yield events and FastAPI formats
    # them. https://fastapi.tiangolo.com/tutorial/server-sent-events/
    # The body is validated before the generator starts, so bad input still
    # gets a normal 400.
    @app.post("/predict/stream", response_class=EventSourceResponse)
    def predict_stream(body: BatchRequest, request: Request) -> Iterable[ServerSentEvent]:
        model = request.app.state.model
        for i, row in enumerate(body.instances):
            yield ServerSentEvent(data=model.predict(row), event="prediction", id=str(i))
        yield ServerSentEvent(data={"count": len(body.instances)}, event="done")

    return app


app = create_app()
