"""The example apps under the servers the pages start them with, on 127.0.0.1.

The start commands come from examples/commands.sh, the file the pages include,
so a command on a page is a command tested here. Counts and times are bounded:
a handful of requests per test, and every socket read has a timeout.
"""

from __future__ import annotations

import json

import pytest

from adapters import FRAMEWORKS
from examples_cases import GOOD, check_prediction
from servers import (
    Server,
    closed_by_server,
    connect,
    exchange,
    free_port,
    receive,
    send_chunked,
    server_env,
    start_all,
    stop_all,
)
from command_file import start_script
from examples.common.model import MAX_BODY_BYTES

# The sections of examples/commands.sh that start each app, in order.
PRODUCTION = {"flask": ["flask"], "django": ["django-env", "django"], "fastapi": ["fastapi"]}
DEVELOPMENT = {
    "flask": ["flask-dev"],
    "django": ["django-env", "django-dev"],
    "fastapi": ["fastapi-dev"],
}
# The same production commands, serving failing_apps.py (the apps plus /boom).
FAILING_APP = {
    "flask": {"'examples.flask_app.app:create_app()'": "'failing_apps:flask_app()'"},
    "django": {},
    "fastapi": {"examples.fastapi_app.app:app": "failing_apps:fastapi_app"},
}
FAILING_ENV = {"django": {"DJANGO_SETTINGS_MODULE": "failing_django_settings"}}

# Request bodies every app must refuse with a 400 (issue 14's probe cases).
PROBES = {
    "huge-values": b'{"features": [1e308, 1e308, 1e308, 1e308]}',
    "huge-negative": b'{"features": [-1e308, 3.5, 1.4, 0.2]}',
    "400-digit-integer": b'{"features": [' + b"9" * 400 + b", 3.5, 1.4, 0.2]}",
    "nested-5000-deep": b'{"features": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    "malformed": b'{"features": [5.1,',
}
JSON_TYPE = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def servers():
    """All at once, so that their start-up overlaps: the three documented
    production commands, the same commands serving the apps with a failing
    route, the three development commands, and Django under Uvicorn (ASGI)."""
    started = {}
    for name in FRAMEWORKS:
        for kind, sections, replace, env in [
            ("", PRODUCTION[name], {}, {}),
            ("-failing", PRODUCTION[name], FAILING_APP[name], FAILING_ENV.get(name, {})),
            ("-dev", DEVELOPMENT[name], {}, {}),
        ]:
            port = free_port()
            script = start_script(*sections, port=port, replace=replace)
            started[name + kind] = Server(name + kind, script, port, server_env(**env))
    # Django under ASGI too (examples/django_app/asgi.py), as the serving page documents it.
    port = free_port()
    started["django-asgi"] = Server("django-asgi", start_script("django-env", "django-asgi", port=port), port)
    start_all(list(started.values()))
    try:
        yield started
    finally:
        stop_all(started.values())


def assert_prediction(response) -> None:
    assert response.status == 200, response.body[:300]
    check_prediction(json.loads(response.body), "setosa")


def assert_json_error(response, status: int) -> None:
    assert response.status == status, response.body[:300]
    assert response.headers["content-type"].startswith("application/json")
    assert set(json.loads(response.body)) == {"error"}


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_rejected_requests_leave_the_connection_usable(servers, name):
    """Each probe gets a 400 and the next request on the same keep-alive
    connection gets its prediction: one connection, ten requests."""
    port = servers[name].port
    with connect(port) as sock:
        for probe, body in PROBES.items():
            bad = exchange(sock, "POST", "/predict", body, JSON_TYPE)
            assert_json_error(bad, 400)
            assert bad.headers.get("connection", "").lower() != "close", probe
            assert_prediction(exchange(sock, "POST", "/predict", GOOD, JSON_TYPE))


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_the_request_after_a_500_succeeds(servers, name):
    """After an unexpected error the next request still gets its answer: on the
    same connection, or, if the 500 said "Connection: close", on a new one
    after the server has closed the old one. Never a reset connection."""
    port = servers[f"{name}-failing"].port
    sock = connect(port)
    try:
        failed = exchange(sock, "GET", "/boom")
        assert_json_error(failed, 500)
        if failed.headers.get("connection", "").lower() == "close":
            assert closed_by_server(sock)
            sock.close()
            sock = connect(port)
        assert_prediction(exchange(sock, "POST", "/predict", GOOD, JSON_TYPE))
    finally:
        sock.close()


def test_uvicorn_closes_the_connection_after_a_500(servers):
    """What the "Connection: close" header announces really happens."""
    with connect(servers["fastapi-failing"].port) as sock:
        assert exchange(sock, "GET", "/boom").headers["connection"] == "close"
        assert closed_by_server(sock)


def test_django_logs_a_500_with_its_traceback_to_stderr(servers):
    server = servers["django-failing"]
    with connect(server.port) as sock:
        assert exchange(sock, "GET", "/boom").status == 500
    log = server.output()
    assert "ERROR django.request: Internal Server Error: /boom" in log, log[-2000:]
    assert "RuntimeError: failure injected by the tests" in log


SLOW_CLIENTS = 4


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_slow_clients_do_not_stall_the_server(servers, name):
    """Four clients announce a body and send none of it; a fifth, ordinary
    request is still answered (the socket timeout is only a hang guard)."""
    port = servers[name].port
    slow = [connect(port) for _ in range(SLOW_CLIENTS)]
    try:
        for sock in slow:
            head = "POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            head += "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
            sock.sendall(head.encode())
        with connect(port) as sock:
            assert_prediction(exchange(sock, "POST", "/predict", GOOD, JSON_TYPE))
    finally:
        for sock in slow:
            sock.close()


def padded(size: int) -> bytes:
    return GOOD + b" " * (size - len(GOOD))


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_chunked_bodies_are_counted(servers, name):
    port = servers[name].port
    with connect(port) as sock:
        send_chunked(sock, "/predict", padded(MAX_BODY_BYTES))
        assert_prediction(receive(sock))
    with connect(port) as sock:
        send_chunked(sock, "/predict", padded(MAX_BODY_BYTES + 1))
        too_large = receive(sock)
    assert_json_error(too_large, 413)
    assert b"large" in too_large.body


@pytest.mark.parametrize("name", FRAMEWORKS)
def test_development_commands_serve_predictions(servers, name):
    with connect(servers[f"{name}-dev"].port) as sock:
        assert_prediction(exchange(sock, "POST", "/predict", GOOD, JSON_TYPE))


def test_django_refuses_to_start_without_a_secret_key():
    # The documented command, without the section that sets DJANGO_SECRET_KEY.
    server = Server("django-no-key", start_script("django", port=free_port()), 0).start()
    try:
        assert server.wait_exit() != 0
    finally:
        server.stop()
    assert "DJANGO_SECRET_KEY is not set" in server.output()


def test_django_serves_under_asgi(servers):
    """examples/django_app/asgi.py under Uvicorn: health, a prediction and a rejected body on one
    keep-alive connection, then the event stream (which Django, given the view's sync generator,
    collects before sending: it arrives whole, but it arrives)."""
    port = servers["django-asgi"].port
    with connect(port) as sock:
        health = exchange(sock, "GET", "/health")
        assert health.status == 200 and json.loads(health.body) == {"status": "ok", "model_loaded": True}
        assert_prediction(exchange(sock, "POST", "/predict", GOOD, JSON_TYPE))
        assert_json_error(exchange(sock, "POST", "/predict", PROBES["malformed"], JSON_TYPE), 400)
        batch = json.dumps({"instances": [[5.1, 3.5, 1.4, 0.2], [6.4, 3.2, 4.5, 1.5]]}).encode()
        stream = exchange(sock, "POST", "/predict/stream", batch, JSON_TYPE)
    assert stream.status == 200 and stream.headers["content-type"].startswith("text/event-stream")
    assert stream.body.count(b"event: prediction") == 2 and b"event: done" in stream.body
