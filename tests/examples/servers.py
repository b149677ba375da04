"""Start the example apps under real servers on 127.0.0.1 and talk raw HTTP/1.1.

Every server runs from a bash script built out of examples/commands.sh, in a
session of its own, on a free port, with its output in a temporary file; stop()
ends the whole process group, workers included. Every socket has a timeout, so
no test can hang.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from command_file import REPO_ROOT
from support import free_port  # noqa: F401  (one helper, shared with the other tests and bench/)

VENV_BIN = Path(sys.executable).parent
SOCKET_TIMEOUT = 20.0  # seconds; a guard against hanging, not a measurement
START_TIMEOUT = 180.0  # many servers start at once on a small, shared machine
JSON_HEADERS = {"Content-Type": "application/json"}


def server_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    # The repository root for `examples`, tests/examples for failing_apps.
    env["PYTHONPATH"] = os.pathsep.join([str(REPO_ROOT), str(REPO_ROOT / "tests" / "examples")])
    env.update(extra)
    return env


@dataclass
class Server:
    name: str
    script: str
    port: int
    env: dict[str, str] = field(default_factory=server_env)
    proc: subprocess.Popen | None = None

    def start(self) -> Server:
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            ["bash", "-c", self.script], cwd=REPO_ROOT, env=self.env,
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, for stop()
        )
        return self

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def wait_ready(self) -> Server:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"{self.name} exited with {self.proc.returncode}:\n{self.output()}")
            try:
                if get(self.port, "/health").status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"{self.name} did not answer /health:\n{self.output()}")

    def wait_exit(self, timeout: float = START_TIMEOUT) -> int:
        return self.proc.wait(timeout=timeout)

    def stop(self) -> None:
        """End the server and its workers: the whole process group it leads.
        (Its output stays readable; the file goes when the object does.)"""
        if self.proc is None:
            return
        if self.proc.poll() is None:  # not reaped: its pid still names its group
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=15)


def start_all(servers: list[Server]) -> list[Server]:
    """Start every server at once, then wait for each: start-up overlaps."""
    for server in servers:
        server.start()
    try:
        for server in servers:
            server.wait_ready()
    except BaseException:
        stop_all(servers)
        raise
    return servers


def stop_all(servers) -> None:
    for server in servers:
        server.stop()


# --- Raw HTTP/1.1 on a socket the test controls --------------------------------------


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # lower-case names
    body: bytes


def connect(port: int) -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=SOCKET_TIMEOUT)


def send(sock: socket.socket, method: str, path: str, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> None:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    if body is not None:
        lines.append(f"Content-Length: {len(body)}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))


def send_chunked(sock: socket.socket, path: str, body: bytes, chunk: int = 4096) -> None:
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n"
    parts = [head.encode()]
    for i in range(0, len(body), chunk):
        piece = body[i : i + chunk]
        parts.append(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
    parts.append(b"0\r\n\r\n")
    sock.sendall(b"".join(parts))


def receive(sock: socket.socket, method: str = "POST") -> Response:
    """Read exactly one response (Content-Length or chunked) from the socket."""
    r = http.client.HTTPResponse(sock, method=method)
    r.begin()
    body = r.read()
    return Response(r.status, {k.lower(): v for k, v in r.getheaders()}, body)


def exchange(sock, method, path, body=None, headers=None) -> Response:
    send(sock, method, path, body, headers)
    return receive(sock, method)


def get(port: int, path: str) -> Response:
    with connect(port) as sock:
        return exchange(sock, "GET", path)


def closed_by_server(sock: socket.socket) -> bool:
    """True if the server has closed its end (reading gives end-of-file)."""
    try:
        return sock.recv(1) == b""
    except ConnectionResetError:
        return True
