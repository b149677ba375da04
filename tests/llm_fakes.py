"""Fakes for the chat recipe's tests: a model client that never touches the network,
a clock the tests move by hand, and helpers to run async code and ASGI apps."""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor

from examples.llm.common import ChatService, RateLimiter, UpstreamError

KEY, OTHER_KEY = "key-alice", "key-bob"
AUTH = {"Authorization": f"Bearer {KEY}"}
OTHER_AUTH = {"Authorization": f"Bearer {OTHER_KEY}"}
GUARD = 20.0  # seconds: a hang guard, never a measurement


class FakeModel:
    """Yields ``tokens``; stalls forever after ``stall_after`` of them, or raises
    UpstreamError after ``fail_after``. ``closed`` is set when the stream ends in
    any way (finished, closed or cancelled); ``finished`` only when it ran to the end."""

    def __init__(self, tokens=("Hello", ", ", "world"), stall_after=None, fail_after=None):
        self.tokens, self.stall_after, self.fail_after = tokens, stall_after, fail_after
        self.prompts: list[str] = []
        self.closed, self.finished = threading.Event(), threading.Event()

    async def stream(self, prompt: str):
        self.prompts.append(prompt)
        try:
            for i, token in enumerate(self.tokens):
                if i == self.stall_after:
                    await asyncio.Event().wait()  # a model that is still thinking
                if i == self.fail_after:
                    raise UpstreamError("model server answered 500")
                await asyncio.sleep(0)  # a real client awaits the network here
                yield token
            self.finished.set()
        finally:
            self.closed.set()


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def service(model=None, limit=100, clock=None, heartbeat=5.0) -> ChatService:
    return ChatService(model or FakeModel(), {KEY: "alice", OTHER_KEY: "bob"},
                       RateLimiter(limit, 60.0, clock or Clock()), heartbeat=heartbeat)


def in_fresh_thread(fn, *args):
    """Run fn in a new thread: Playwright's sync API, used by other tests in the
    session, can leave an event loop running in the main thread, and neither
    asyncio.run() nor asyncio.Runner starts inside a running loop."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result(timeout=GUARD * 3)


def run(coro_fn, *args):
    return in_fresh_thread(lambda: asyncio.run(asyncio.wait_for(coro_fn(*args), GUARD)))


async def wait_until(predicate) -> None:
    """Let the event loop run until predicate() holds (a cancelled task finishes on a later turn)."""
    for _ in range(int(GUARD * 100)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


def http_scope(path: str, headers: dict[str, str], method: str = "POST") -> dict:
    """An HTTP scope as Uvicorn 0.55 sends it (ASGI spec 2.3)."""
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(), "root_path": "",
            "query_string": b"", "headers": raw + [(b"host", b"testserver")],
            "client": ("127.0.0.1", 50000), "server": ("testserver", 80)}


async def disconnect_after_first_token(app, path: str, body: bytes, headers: dict[str, str], until) -> list[dict]:
    """Call an ASGI app the way a server does, report http.disconnect as soon as the
    first token event has been sent (the browser closed the tab), then keep the event
    loop running until ``until()`` holds: checked here, not after asyncio.run(), which
    cancels every task that is left when it ends."""
    first_token = asyncio.Event()
    reads = 0
    sent: list[dict] = []

    async def receive():
        nonlocal reads
        reads += 1
        if reads == 1:
            return {"type": "http.request", "body": body, "more_body": False}
        await first_token.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
        if b"event: token" in message.get("body", b""):
            first_token.set()

    await app(http_scope(path, {"Content-Type": "application/json", **headers}), receive, send)
    await wait_until(until)
    return sent
