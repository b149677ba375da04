"""The Django example's URLs plus the paced stream: a sync view for WSGI, an async one for ASGI."""
from django.http import StreamingHttpResponse
from django.urls import path

from examples.common.sse import SSE_HEADERS
from examples.django_app.urls import handler400, handler404, handler500, urlpatterns as example_urls
from measure.paced import ASYNC_PATH, PATH, async_events, pace, sync_events

__all__ = ["urlpatterns", "handler400", "handler404", "handler500"]


def paced_stream(request):
    events, interval = pace(request.GET.get)
    return StreamingHttpResponse(sync_events(events, interval), content_type="text/event-stream",
                                 headers=SSE_HEADERS)


async def paced_stream_async(request):
    events, interval = pace(request.GET.get)
    return StreamingHttpResponse(async_events(events, interval), content_type="text/event-stream",
                                 headers=SSE_HEADERS)


urlpatterns = [*example_urls, path(PATH.lstrip("/"), paced_stream), path(ASYNC_PATH.lstrip("/"), paced_stream_async)]
