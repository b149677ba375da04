"""The chat recipe under the servers its page starts it with (examples/commands.sh,
sections llm-*), in front of a fake OpenAI-compatible model server on 127.0.0.1.

The browser's side is a raw socket: it reads the first token and hangs up. The
test then waits (with a guard, never a stopwatch) until the fake model server
sees its own client, the web app, hang up too: the upstream request was closed.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from command_file import start_script
from examples_cases import parse_sse
from servers import Server, connect, exchange, free_port, send, server_env, start_all, stop_all

SECTIONS = {"flask": ["llm-env", "llm-flask"], "django": ["django-env", "llm-env", "llm-django"],
            "fastapi": ["llm-env", "llm-fastapi"]}
KEY = "server-test-key"
HEADERS = {"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"}
ENDLESS = "never stop"          # the fake model keeps generating for this prompt
TOKEN_GAP = 0.05                # seconds between the fake model's tokens
GUARD = 60.0


class FakeModelServer(ThreadingHTTPServer):
    """POST /v1/chat/completions, answered as an OpenAI-style event stream. Records the
    prompts whose client went away before the answer was complete."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hung_up: list[str] = []
        self.changed = threading.Condition()

    def wait_for_hang_up(self, prompt: str) -> None:
        with self.changed:
            assert self.changed.wait_for(lambda: prompt in self.hung_up, timeout=GUARD), self.hung_up


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # the body ends when the connection closes

    def log_message(self, *args):
        pass

    def do_POST(self):
        request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        prompt = request["messages"][-1]["content"]
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            for n in range(int(GUARD / TOKEN_GAP) if prompt.startswith(ENDLESS) else 3):
                delta = {"choices": [{"index": 0, "delta": {"content": f"tok{n} "}}]}
                self.wfile.write(f"data: {json.dumps(delta)}\n\n".encode())
                self.wfile.flush()
                if prompt.startswith(ENDLESS):
                    time.sleep(TOKEN_GAP)
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        except OSError:  # BrokenPipeError, ConnectionResetError: the web app hung up
            with self.server.changed:
                self.server.hung_up.append(prompt)
                self.server.changed.notify_all()


@pytest.fixture(scope="module")
def model_server():
    server = FakeModelServer()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def chat_servers(model_server):
    upstream = f"http://127.0.0.1:{model_server.server_address[1]}"
    env = server_env(LLM_BASE_URL=upstream, LLM_MODEL="fake", LLM_API_KEYS=f"{KEY}:alice")
    servers = {}
    for name, sections in SECTIONS.items():
        port = free_port()
        script = start_script(*sections, port=port, replace={
            'export LLM_BASE_URL="http://127.0.0.1:8001" LLM_MODEL="your-model-name"': "true",
            'export LLM_API_KEYS="change-this-key:alice"': "true"})
        servers[name] = Server(f"llm-{name}", script, port, env=dict(env))
    start_all(list(servers.values()))
    yield servers
    stop_all(servers.values())


@pytest.mark.parametrize("name", SECTIONS)
def test_a_whole_answer_streams_through_the_documented_server(chat_servers, name):
    port = chat_servers[name].port
    with connect(port) as sock:
        reply = exchange(sock, "POST", "/chat/stream", json.dumps({"prompt": "hi"}).encode(), HEADERS)
    assert reply.status == 200, reply.body
    assert reply.headers["content-type"].startswith("text/event-stream")
    assert reply.headers["x-accel-buffering"] == "no"
    events = parse_sse(reply.body.decode())
    assert [e["event"] for e in events] == ["token"] * 3 + ["done"]
    assert "".join(e["data"] for e in events[:-1]) == "tok0 tok1 tok2 "


@pytest.mark.parametrize("name", SECTIONS)
def test_hanging_up_mid_answer_closes_the_request_to_the_model_server(chat_servers, model_server, name):
    prompt = f"{ENDLESS} ({name})"
    with connect(chat_servers[name].port) as sock:
        send(sock, "POST", "/chat/stream", json.dumps({"prompt": prompt}).encode(), HEADERS)
        reply = http.client.HTTPResponse(sock, method="POST")
        reply.begin()
        assert reply.status == 200
        seen = b""
        while b"event: token" not in seen:
            piece = reply.read1(4096)
            assert piece, "the stream ended before the first token"
            seen += piece
        reply.close()  # the response's file keeps the socket open until it is closed too
    model_server.wait_for_hang_up(prompt)   # the browser left, so the app closed its upstream request


@pytest.mark.parametrize("name", SECTIONS)
def test_a_request_without_a_key_is_refused(chat_servers, name):
    with connect(chat_servers[name].port) as sock:
        reply = exchange(sock, "POST", "/chat/stream", b'{"prompt": "no key"}', {"Content-Type": "application/json"})
    assert reply.status == 401 and json.loads(reply.body)["error"]
