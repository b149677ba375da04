"""Django: relay a streamed LLM answer to the browser as server-sent events.

Run it under ASGI with an async view: StreamingHttpResponse then iterates the
async generator on the event loop, and the process serves other requests while
it waits for tokens. When the browser disconnects, Django cancels the task
that streams the response (Django 5.0+), and the cancellation reaches the model
stream, which closes the upstream request.

Settings and the ASGI entry point: django_settings.py, django_asgi.py.
Start command (Uvicorn): examples/commands.sh, section llm-django.
"""

from __future__ import annotations

from django.http import JsonResponse, StreamingHttpResponse
from django.middleware.gzip import GZipMiddleware
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from examples.llm.common import SSE_HEADERS, ChatService, Refusal, sse_events

_service: ChatService | None = None


def service() -> ChatService:
    """One per process, made on first use (a project would build it in AppConfig.ready())."""
    global _service
    if _service is None:
        _service = ChatService.from_env()
    return _service


@csrf_exempt  # an API called with a bearer key, not a cookie: CSRF does not apply
@require_POST
async def chat_stream(request):
    chat = service()
    admitted = chat.admit(request.headers.get("Authorization"), request.body)
    if isinstance(admitted, Refusal):
        return JsonResponse({"error": admitted.error}, status=admitted.status, headers=admitted.headers)
    events = sse_events(chat.model.stream(admitted), chat.heartbeat)  # an async iterator: streams under ASGI
    return StreamingHttpResponse(events, content_type="text/event-stream", headers=SSE_HEADERS)


async def health(request):
    return JsonResponse({"status": "ok"})


class GZipExceptEventStream(GZipMiddleware):
    """GZipMiddleware that leaves event streams alone. Without flushing after each
    chunk, a compressor holds small events back until more arrive: Django 6.0 does
    that to every streaming response, 5.2 to those built from sync iterators (the
    WSGI case); 6.1 flushes each chunk. Skipping event streams is right on all three."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("text/event-stream"):
            return response
        return super().process_response(request, response)


urlpatterns = [path("chat/stream", chat_stream), path("health", health)]
