from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse, StreamingHttpResponse
from django.views.decorators.csrf import csrf_exempt

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


class ApiError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers


def error(status: int, message: str, headers: dict | None = None) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, headers=headers)


def read_json(request):
    """Decoded JSON body of a POST request; raise ApiError or InvalidInput."""
    if request.method != "POST":
        raise ApiError(405, "method not allowed; use POST", {"Allow": "POST"})
    if not (
        request.content_type == "application/json"
        or request.content_type.endswith("+json")
    ):
        raise ApiError(415, "Content-Type must be application/json")
    too_large = ApiError(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    if not request.META.get("CONTENT_LENGTH") and request.META.get("wsgi.input_terminated"):
        # A chunked body: Django reads a body without Content-Length as empty,
        # so read the stream the server has de-chunked, counting as it goes.
        try:
            return parse_json(read_unsized_body(request.META["wsgi.input"], MAX_BODY_BYTES))
        except BodyTooLarge:
            raise too_large from None
    try:
        raw = request.body  # checks Content-Length against DATA_UPLOAD_MAX_MEMORY_SIZE
    except RequestDataTooBig:
        raise too_large from None
    return parse_json(raw)


def health(request):
    return JsonResponse({"status": "ok", "model_loaded": is_loaded()})


# No cookies or sessions here, so CSRF protection does not apply to this API.
@csrf_exempt
def predict(request):
    try:
        features = validate_features(read_json(request))
    except ApiError as exc:
        return error(exc.status, str(exc), exc.headers)
    except InvalidInput as exc:
        return error(400, str(exc))
    return JsonResponse(load_model().predict(features))


@csrf_exempt
def predict_stream(request):
    # Validate before streaming: once the first chunk is sent the status code
    # (200) can no longer change.
    try:
        rows = validate_batch(read_json(request))
    except ApiError as exc:
        return error(exc.status, str(exc), exc.headers)
    except InvalidInput as exc:
        return error(400, str(exc))
    model = load_model()

    def events():
        for i, row in enumerate(rows):
            yield format_event(model.predict(row), event="prediction", id=str(i))
        yield format_event({"count": len(rows)}, event="done")

    # StreamingHttpResponse with a generator, see
    # https://docs.djangoproject.com/en/5.2/ref/request-response/#streaminghttpresponse-objects
    # Under WSGI this ties up a worker until the stream ends. Under ASGI pass an
    # async generator instead: Django reads a sync one to the end (with a
    # warning) before sending anything, so nothing would arrive incrementally.
    return StreamingHttpResponse(
        events(), content_type="text/event-stream", headers=SSE_HEADERS
    )


# JSON replacements for Django's HTML error pages (wired up in urls.py).
def bad_request(request, exception):
    return error(400, "bad request")


def not_found(request, exception):
    return error(404, "not found")


def server_error(request):
    return error(500, "internal server error")
