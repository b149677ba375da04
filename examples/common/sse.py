"""Server-sent events wire format, for the apps that must write it by hand.

Flask and Django have no SSE helper, so their streaming views yield strings in
the ``text/event-stream`` format defined by the HTML standard:
https://html.spec.whatwg.org/multipage/server-sent-events.html
FastAPI (0.135+) formats events itself; see ``fastapi_app/app.py``.
"""

from __future__ import annotations

import json
from typing import Any

# Same headers FastAPI's EventSourceResponse sets: no caching, and ask
# nginx-style proxies not to buffer the stream.
SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}


def format_event(data: Any, event: str | None = None, id: str | None = None) -> str:
    """One event: optional ``event:``/``id:`` lines, JSON ``data:``, blank line."""
    lines = []
    if event is not None:
        lines.append(f"event: {event}")
    if id is not None:
        lines.append(f"id: {id}")
    # json.dumps never emits a newline here, so one data: line is enough.
    lines.append(f"data: {json.dumps(data, allow_nan=False)}")
    return "\n".join(lines) + "\n\n"
