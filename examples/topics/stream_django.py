"""Token streaming from Django under ASGI, with an async iterator.

Under ASGI, ``StreamingHttpResponse`` wants an async iterator: it is iterated on
the event loop, and the worker can serve other requests between chunks. Given a
sync iterator instead, Django consumes it whole before sending anything, which
defeats streaming. If the client disconnects, Django cancels the coroutine and
``asyncio.CancelledError`` arrives inside the generator.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from django.http import StreamingHttpResponse

CANCELLED: list[str] = []  # prompts whose stream was cut off (read by the tests)


async def generate_tokens(prompt: str) -> AsyncIterator[str]:
    """Stand-in for an async LLM client that yields tokens as they arrive."""
    for word in f"You asked: {prompt}".split():
        await asyncio.sleep(0)  # a real client awaits the network here
        yield word + " "


async def sse_events(prompt: str) -> AsyncIterator[str]:
    try:
        async for token in generate_tokens(prompt):
            yield f"event: token\ndata: {json.dumps(token)}\n\n"
        yield "event: done\ndata: {}\n\n"
    except asyncio.CancelledError:
        CANCELLED.append(prompt)  # release the upstream request, GPU slot, ...
        raise


async def stream_view(request):
    prompt = request.GET.get("prompt", "")[:200]
    response = StreamingHttpResponse(sse_events(prompt), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    return response
