"""The load generator: a small asyncio HTTP/1.1 client on raw streams, bounded in time.

Why not a package: the figures need three things at once, closed-loop ``POST`` load with
per-request latencies, many concurrent server-sent-event streams timed per stream, and a
client that runs inside ``make test`` with nothing new installed.  wrk, hey and oha are not
Python packages (and cannot time SSE streams per stream); Locust brings gevent into the client
process and costs more CPU per request than this on a 2-core machine.  httpx (already pinned)
would do the HTTP, at several times the client CPU per request; raw asyncio streams keep the
client's share of the two cores small.

Every call stops by itself: load runs for a fixed number of seconds, each request and each
stream has a timeout, and a failure is counted as an error, never raised.
"""
from __future__ import annotations

import asyncio
import concurrent.futures
import json
import math
import time
from dataclasses import dataclass, field

PREDICT_BODY = json.dumps({"features": [6.3, 3.3, 6.0, 2.5]}).encode()
REQUEST_TIMEOUT = 10.0  # seconds; a request slower than this counts as an error


def predict_request(port: int) -> bytes:
    return (f"POST /predict HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(PREDICT_BODY)}\r\n\r\n").encode() + PREDICT_BODY


def _run(make_coroutine):
    """asyncio.run(), in a thread of its own when this thread already runs an event loop (a caller
    inside a test process that drives a browser, for instance)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (the smallest value with at least pct% of values at or below it)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class LoadResult:
    concurrency: int
    seconds: float            # from the first request sent to the last answer received
    latencies: list[float] = field(default_factory=list)   # seconds, successful requests only
    errors: int = 0           # non-200 answers, resets, timeouts

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds > 0 else 0.0

    def p(self, pct: float) -> float:
        return percentile(self.latencies, pct)


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """Read one response; return (status, whether the server will close the connection)."""
    status_line = await reader.readuntil(b"\r\n")
    parts = status_line.split(None, 2)
    status, version = int(parts[1]), parts[0]
    length, chunked, close = 0, False, version == b"HTTP/1.0"
    while True:
        line = await reader.readuntil(b"\r\n")
        if line == b"\r\n":
            break
        name, _, value = line.partition(b":")
        name, value = name.strip().lower(), value.strip().lower()
        if name == b"content-length":
            length = int(value)
        elif name == b"transfer-encoding" and value == b"chunked":
            chunked = True
        elif name == b"connection":
            close = close or value == b"close"
    if chunked:
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    return status, close


async def _user(port: int, request: bytes, deadline: float, result: LoadResult) -> None:
    """One virtual user: requests back to back until the deadline, reconnecting when the server
    closes the connection (Gunicorn's sync worker closes it after every response)."""
    reader = writer = None
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), REQUEST_TIMEOUT)
            writer.write(request)
            status, close = await asyncio.wait_for(read_response(reader), REQUEST_TIMEOUT)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            result.errors += 1
            status, close = 0, True
        else:
            if status == 200:
                result.latencies.append(time.perf_counter() - started)
            else:
                result.errors += 1
        if close and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _closed_loop(port: int, concurrency: int, seconds: float) -> LoadResult:
    result = LoadResult(concurrency, 0.0)
    request = predict_request(port)
    start = time.perf_counter()
    await asyncio.gather(*(_user(port, request, start + seconds, result) for _ in range(concurrency)))
    result.seconds = time.perf_counter() - start
    return result


def closed_loop(port: int, concurrency: int, seconds: float) -> LoadResult:
    """``concurrency`` users sending ``POST /predict`` back to back for ``seconds``.

    A closed loop: a user sends its next request only when the previous one is answered, so a
    slow server is sent less work and its queueing shows up as latency at the higher levels."""
    return _run(lambda: _closed_loop(port, concurrency, seconds))


# ------------------------------------------------------------------ event streams


@dataclass
class StreamLevel:
    streams: int
    durations: list[float] = field(default_factory=list)   # seconds, completed streams
    first_event: list[float] = field(default_factory=list)
    errors: int = 0


async def _stream(port: int, path: str, timeout: float, level: StreamLevel) -> None:
    """One stream: GET path, read to the end (the request asks the server to close), time it."""
    started = time.perf_counter()
    writer = None
    try:
        async with asyncio.timeout(timeout):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
                         f"Connection: close\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n")
            if head.split()[1] != b"200":
                raise ValueError(head)
            seen, first = b"", None
            while chunk := await reader.read(65536):
                seen = seen[-64:] + chunk
                if first is None and b"event: " in seen:
                    first = time.perf_counter() - started
                if b"event: done" in seen:
                    break
            if b"event: done" not in seen:
                raise ValueError("the stream ended before its done event")
    except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError, IndexError):
        level.errors += 1
    else:
        level.durations.append(time.perf_counter() - started)
        level.first_event.append(first)
    finally:
        if writer is not None:
            writer.close()


async def _streams(port: int, path: str, count: int, timeout: float) -> StreamLevel:
    level = StreamLevel(count)
    await asyncio.gather(*(_stream(port, path, timeout, level) for _ in range(count)))
    return level


def streams(port: int, path: str, count: int, timeout: float) -> StreamLevel:
    """``count`` streams opened at once; each one is timed from connect to its ``done`` event."""
    return _run(lambda: _streams(port, path, count, timeout))
