"""Flask async view: concurrency inside one request, not across requests.

Needs the ``flask[async]`` extra (it installs asgiref). Flask hands the
coroutine to asgiref's ``async_to_sync``, which runs it in a new event loop on a
separate, short-lived thread while the worker's own thread blocks until the
result is ready. The worker stays busy for the whole request. What async buys
here is the ``gather``: the two upstream calls overlap instead of running one
after the other.
"""

from __future__ import annotations

import asyncio
import time

from flask import Flask

UPSTREAM_DELAY = 0.2  # seconds each fake upstream call takes


async def fetch_upstream(source: str) -> dict[str, str]:
    """Stand-in for an awaitable HTTP call, e.g. to a hosted model or a vector store."""
    await asyncio.sleep(UPSTREAM_DELAY)
    return {"source": source}


def create_app() -> Flask:
    app = Flask(__name__)

    @app.get("/context")
    async def context():
        started = time.perf_counter()
        results = await asyncio.gather(fetch_upstream("search"), fetch_upstream("profile"))
        return {"results": list(results), "seconds": time.perf_counter() - started}

    return app
