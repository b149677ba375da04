"""Flask example: serve the iris model over HTTP.

Start commands (development and Gunicorn): examples/commands.sh
(Flask and Gunicorn find the create_app() factory.)
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify, request, stream_with_context
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge, UnsupportedMediaType

from examples.common.body import BodyTooLarge, parse_json, read_unsized_body
from examples.common.model import (
    MAX_BODY_BYTES,
    InvalidInput,
    is_loaded,
    load_model,
    validate_batch,
    validate_features,
)
from examples.common.sse import SSE_HEADERS, format_event


def error(status: int, message: str) -> tuple[Response, int]:
    return jsonify(error=message), status


def json_body() -> Any:
    """The decoded JSON body of the current request.

    Raises 415 for another content type, 413 for a body over the limit and
    InvalidInput (400) for anything that is not JSON.
    """
    if not request.is_json:
        raise UnsupportedMediaType("Content-Type must be application/json")
    if request.content_length is None and request.environ.get("wsgi.input_terminated"):
        # A chunked body has no Content-Length to check up front, and for such a
        # stream Werkzeug stops reading at MAX_CONTENT_LENGTH without an error:
        # a too-large body would be cut off and parsed. Count it instead.
        raw = read_unsized_body(request.environ["wsgi.input"], MAX_BODY_BYTES)
    else:
        raw = request.get_data(cache=False)  # 413 if Content-Length is too large
    return parse_json(raw)


def create_app() -> Flask:
    app = Flask(__name__)
    # Werkzeug answers 413 when the body is read if it is larger than this.
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    # Load (train) once per process, when the app is created, not per request.
    load_model()

    # Flask's default error pages are HTML; answer every HTTP error in JSON
    # (404, 405, 413 too large, 415 wrong content type...).
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(RequestEntityTooLarge)
    @app.errorhandler(BodyTooLarge)
    def too_large(exc: Exception):
        return error(413, f"request body is larger than {MAX_BODY_BYTES} bytes")

    @app.errorhandler(InvalidInput)
    def invalid_input(exc: InvalidInput):
        return error(400, str(exc))

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("unhandled error")
        return error(500, "internal server error")

    @app.get("/health")
    def health():
        return {"status": "ok", "model_loaded": is_loaded()}

    @app.post("/predict")
    def predict():
        features = validate_features(json_body())
        return load_model().predict(features)

    @app.post("/predict/stream")
    def predict_stream():
        # Validate before streaming: once the first chunk is sent the status
        # code (200) can no longer change.
        rows = validate_batch(json_body())
        model = load_model()

        # Pattern from "Streaming Contents":
        # https://flask.palletsprojects.com/en/stable/patterns/streaming/
        # stream_with_context keeps the request context alive while the
        # generator runs after the view has returned.
        @stream_with_context
        def generate():
            for i, row in enumerate(rows):
                yield format_event(model.predict(row), event="prediction", id=str(i))
            yield format_event({"count": len(rows)}, event="done")

        return Response(generate(), mimetype="text/event-stream", headers=SSE_HEADERS)

    return app

