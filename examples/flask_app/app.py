"""Flask example: serve the iris model over HTTP.

Run from the repository root:  flask --app examples.flask_app.app run
(Flask finds the create_app() factory by name.)
"""

from __future__ import annotations

from flask import Flask, Request, Response, jsonify, request, stream_with_context
from werkzeug.exceptions import BadRequest, HTTPException, RequestEntityTooLarge

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


class JSONRequest(Request):
    def on_json_loading_failed(self, e: ValueError | None):
        # Outside debug mode Flask hides why the JSON was rejected; say why.
        if e is None:  # wrong Content-Type: keep Flask's 415
            return super().on_json_loading_failed(e)
        raise BadRequest(f"malformed JSON: {e}")


def create_app() -> Flask:
    app = Flask(__name__)
    app.request_class = JSONRequest
    # Werkzeug answers 413 when the body is read if it is larger than this.
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    # Load (train) once per process, when the app is created, not per request.
    load_model()

    # Flask's default error pages are HTML; answer every HTTP error in JSON
    # (400 bad JSON, 404, 405, 413 too large, 415 wrong content type...).
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error(exc.code or 500, exc.description or exc.name)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(exc: RequestEntityTooLarge):
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
        # get_json() raises 415 for a non-JSON content type and 400 for bad
        # JSON; both go through http_error above.
        features = validate_features(request.get_json())
        return load_model().predict(features)

    @app.post("/predict/stream")
    def predict_stream():
        # Validate before streaming: once the first chunk is sent the status
        # code (200) can no longer change.
        rows = validate_batch(request.get_json())
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

