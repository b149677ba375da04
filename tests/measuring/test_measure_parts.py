"""The harness's parts: the load generator against small local servers, the stream search, the
commands (the documented ones are the commands of examples/commands.sh), the paced stream."""
from __future__ import annotations

import shlex
import socket
import socketserver
import threading
from contextlib import contextmanager

import pytest

from measure import load
from measure.configs import BY_ID, CONFIGS
from measure.paced import pace
from measure.run import search
from support import ROOT

# ------------------------------------------------------------------ a scripted HTTP server


class _Handler(socketserver.StreamRequestHandler):
    """Answers each request on the connection from ``server.script(n)`` (raw bytes; None closes)."""

    def handle(self):
        n = 0
        while True:
            head = b""
            while not head.endswith(b"\r\n\r\n"):
                chunk = self.rfile.readline()
                if not chunk:
                    return
                head += chunk
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length")), 0)
            self.rfile.read(length)
            with self.server.lock:
                self.server.count += 1
                n = self.server.count
            reply = self.server.script(n)
            if reply is None:
                return
            self.wfile.write(reply)
            if b"Connection: close" in reply:
                return


@contextmanager
def scripted(script):
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads, server.script, server.count, server.lock = True, script, 0, threading.Lock()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


OK = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
CLOSE = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
FAIL = b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n"


@pytest.mark.parametrize("reply", [OK, CHUNKED, CLOSE], ids=["keep-alive", "chunked", "close"])
def test_closed_loop_counts_answers_on_kept_and_new_connections(reply):
    with scripted(lambda n: reply) as server:
        result = load.closed_loop(server.server_address[1], 2, 0.3)
    assert result.errors == 0 and len(result.latencies) == server.count > 10
    assert result.rps > 0 and result.p(50) <= result.p(99)


def test_closed_loop_counts_errors_and_reconnects_after_them():
    with scripted(lambda n: FAIL if n % 3 == 0 else (None if n % 5 == 0 else OK)) as server:
        result = load.closed_loop(server.server_address[1], 1, 0.3)
    assert result.errors > 0 and len(result.latencies) > 0
    assert result.errors + len(result.latencies) >= server.count - 1


def test_nothing_listening_is_all_errors_and_still_stops():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = load.closed_loop(port, 2, 0.2)
    assert result.latencies == [] and result.errors > 0


def test_percentile_is_nearest_rank():
    values = list(range(1, 101))
    assert load.percentile(values, 50) == 50 and load.percentile(values, 99) == 99
    assert load.percentile([3.0], 99) == 3.0 and load.percentile([], 50) != load.percentile([], 50)  # nan


SSE = (b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
       b"event: token\ndata: 1\n\nevent: done\ndata: {}\n\n")


def test_streams_are_timed_to_their_done_event():
    with scripted(lambda n: SSE) as server:
        level = load.streams(server.server_address[1], "/s", 5, timeout=10)
    assert level.errors == 0 and len(level.durations) == 5 and len(level.first_event) == 5


@pytest.mark.parametrize("reply", [SSE.replace(b"event: done", b"event: more"), FAIL, None],
                         ids=["no-done-event", "status-500", "closed"])
def test_a_stream_without_its_done_event_is_an_error(reply):
    with scripted(lambda n: reply) as server:
        level = load.streams(server.server_address[1], "/s", 3, timeout=10)
    assert level.errors == 3 and level.durations == []


# ------------------------------------------------------------------ the search


@pytest.mark.parametrize("capacity, most, found", [
    (0, 256, 0), (1, 256, 1), (8, 256, 8), (9, 256, 9), (15, 256, 15), (300, 256, 256), (100, 256, 96), (40, 64, 40)])
def test_the_search_finds_the_largest_level_held_to_within_an_eighth(capacity, most, found):
    tried = []

    def holds(n):
        tried.append(n)
        return n <= capacity

    assert search(holds, most) == found
    assert len(tried) <= 2 * most.bit_length() and max(tried) <= most
    assert found <= capacity and (found == most or capacity - found <= max(1, found // 8))


# ------------------------------------------------------------------ commands and apps


def documented(section: str) -> list[str]:
    """The section's command from examples/commands.sh, one line."""
    import sys
    sys.path.insert(0, str(ROOT / "tests" / "examples"))
    from command_file import commands
    return shlex.split(commands(section)[0])


@pytest.mark.parametrize("config", [c for c in CONFIGS if c.section], ids=lambda c: c.id)
def test_documented_servers_run_the_documented_command(config):
    """Port aside, the measured command is the one on the serving page, plus --no-access-log for
    Uvicorn (one log line per request would tilt the comparison; Gunicorn logs none by default)."""
    ours = [w for w in config.argv("8000", 2) if w != "--no-access-log"]
    theirs = documented(config.section)
    assert [w.replace("8000", "PORT") for w in ours] == [w.replace("8000", "PORT") for w in theirs]


def test_every_server_the_issue_asks_for_is_measured():
    assert {(c.framework, c.server, c.worker) for c in CONFIGS} == {
        ("Flask", "Gunicorn", "sync"), ("Flask", "Gunicorn", "gthread"), ("Flask", "Gunicorn", "gevent"),
        ("Django", "Gunicorn", "gthread"), ("Django", "Uvicorn", "asyncio"), ("FastAPI", "Uvicorn", "asyncio")}
    assert all(c.preload == (c.server == "Gunicorn") for c in CONFIGS)
    assert BY_ID["flask-gthread"].argv(1, 2, preload=True)[-2] == "--preload"


def test_pace_is_bounded():
    assert pace({}.get) == (10, 0.05)
    assert pace({"events": "1000", "interval_ms": "99999"}.get) == (100, 1.0)
    assert pace({"events": "x", "interval_ms": "-3"}.get) == (10, 0.05)


def test_the_paced_stream_of_flask_and_fastapi():
    from fastapi.testclient import TestClient

    from measure.paced import PATH, fastapi_app, flask_app
    flask_body = flask_app().test_client().get(f"{PATH}?events=3&interval_ms=0").get_data()
    with TestClient(fastapi_app()) as client:
        fastapi_body = client.get(f"{PATH}?events=3&interval_ms=0").content
    for body in (flask_body, fastapi_body):
        assert body.count(b"event: token") == 3 and b"event: done" in body


def test_the_paced_stream_of_django_under_wsgi_and_asgi():
    """Through the real servers, as the full run starts them (one worker each, started together)."""
    from measure import procs
    servers = []
    try:
        for config in (BY_ID["django-gthread"], BY_ID["django-uvicorn"]):
            port = procs.free_port()
            servers.append((config, procs.Server(config.executable_argv(port, 1, paced=True), port,
                                                 {**config.env, **config.paced_env}).start()))
        for config, server in servers:
            server.wait_ready()
            level = load.streams(server.port, f"{config.stream_path}?events=3&interval_ms=0", 2, timeout=30)
            assert level.errors == 0 and len(level.durations) == 2, (config.id, server.output())
    finally:
        for _, server in servers:
            server.stop()


def test_the_load_generator_runs_inside_a_running_event_loop_too():
    """A test process may already run a loop in its main thread (Playwright's sync API does)."""
    import asyncio
    import concurrent.futures

    async def inside():
        with scripted(lambda n: OK) as server:
            return load.closed_loop(server.server_address[1], 1, 0.1)

    with concurrent.futures.ThreadPoolExecutor(1) as pool:   # a thread of the test's own: the main one
        result = pool.submit(lambda: asyncio.run(inside())).result()   # may already run a loop
    assert result.latencies
