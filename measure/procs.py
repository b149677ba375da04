"""Servers in process groups of their own: start, wait for /health, read memory, stop.

Every server is started with ``start_new_session=True``, so it leads a process group that
holds its workers too (Gunicorn forks them, Uvicorn spawns them; neither starts a new
session).  ``stop()`` ends the whole group.  Every process also carries a marker in its
environment (``MARKER=<run id>``), so ``leftovers(run_id)`` can prove, by reading /proc,
that nothing the run started is still alive, whatever group it ended up in.
"""
from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "FWGUIDE_MEASURE_RUN"
# This run's marker; leftovers() looks for it.  A test may choose it (and look for it afterwards).
RUN_ID = os.environ.get("FWGUIDE_MEASURE_RUN_ID") or uuid.uuid4().hex
_LIVE: dict[int, "Server"] = {}  # pgid -> server, for the exit handlers


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health_ok(port: int, timeout: float = 2.0) -> bool:
    """One GET /health on a fresh connection; True for a 200."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


@dataclass
class Server:
    """One server command, started in a new session on a free port of 127.0.0.1."""
    argv: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    proc: subprocess.Popen | None = None
    started_at: float = 0.0

    def start(self) -> "Server":
        full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GUNICORN_", "UVICORN_"))}
        full_env.update({"PYTHONPATH": str(ROOT), MARKER: RUN_ID, "PYTHONDONTWRITEBYTECODE": "1"}, **self.env)
        self.log = tempfile.TemporaryFile()
        self.started_at = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, cwd=ROOT, env=full_env, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        _LIVE[self.proc.pid] = self
        return self

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-4000:]

    def wait_ready(self, timeout: float = 120.0) -> float:
        """Seconds from start() to the first 200 from /health (polled every 20 ms)."""
        deadline = self.started_at + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.argv[0]} exited with {self.proc.returncode}:\n{self.output()}")
            if health_ok(self.port):
                return time.perf_counter() - self.started_at
            time.sleep(0.02)
        raise RuntimeError(f"{' '.join(self.argv)} did not answer /health in {timeout:.0f} s:\n{self.output()}")

    def group(self) -> list[int]:
        """Every live process in the server's process group, the leader first."""
        return group_members(self.proc.pid) if self.proc else []

    def workers(self, expected: int, timeout: float = 30.0) -> list[int]:
        """The worker processes: the leader's children (Gunicorn's arbiter forks them, Uvicorn's
        supervisor spawns them) except multiprocessing's resource tracker, which Uvicorn's
        supervisor also starts; or the leader itself when it serves alone (Uvicorn, one worker)."""
        deadline = time.monotonic() + timeout
        while True:
            children = [p for p in self.group() if p != self.proc.pid and parent_of(p) == self.proc.pid
                        and b"resource_tracker" not in _cmdline(p)]
            if expected == 1 and not children:
                return [self.proc.pid]
            if len(children) == expected or time.monotonic() > deadline:
                return children
            time.sleep(0.1)

    def stop(self) -> None:
        if self.proc is None:
            return
        pgid = self.proc.pid
        try:
            os.killpg(pgid, signal.SIGKILL)  # the leader, its workers, anything they started
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        _LIVE.pop(pgid, None)
        # Reap-free wait for the rest of the group (workers are the leader's children; init reaps them).
        deadline = time.monotonic() + 10
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)


def stop_everything() -> None:
    for server in list(_LIVE.values()):
        server.stop()


def _on_signal(signum, _frame):
    stop_everything()
    raise SystemExit(128 + signum)


def install_exit_handlers() -> None:
    """Stop every server on normal exit, an exception, Ctrl-C or SIGTERM."""
    atexit.register(stop_everything)
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _on_signal)


# ---------------------------------------------------------------- /proc


def _stat_fields(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp ...


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def parent_of(pid: int) -> int | None:
    fields = _stat_fields(pid)
    return int(fields[1]) if fields else None


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes whose process group is ``pgid``."""
    found = []
    for pid in _pids():
        fields = _stat_fields(pid)
        if fields and int(fields[2]) == pgid and fields[0] != "Z":
            found.append(pid)
    return sorted(found, key=lambda p: p != pgid)


def leftovers(run_id: str = RUN_ID) -> list[int]:
    """Live processes whose environment carries this run's marker (zombies have none)."""
    needle = f"{MARKER}={run_id}".encode()
    found = []
    for pid in _pids():
        try:
            if needle in Path(f"/proc/{pid}/environ").read_bytes().split(b"\0"):
                found.append(pid)
        except OSError:
            continue
    return found


def memory_kib(pid: int) -> dict[str, int]:
    """Resident memory of one process in KiB: ``rss`` (VmRSS, every page it maps, shared ones
    whole), ``pss`` (each shared page divided among the processes sharing it) and ``uss``
    (pages only this process has: Private_Clean + Private_Dirty) from smaps_rollup."""
    status = Path(f"/proc/{pid}/status").read_text()
    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()

    def field(text: str, name: str) -> int:
        for line in text.splitlines():
            if line.startswith(name + ":"):
                return int(line.split()[1])
        raise KeyError(name)

    return {"rss": field(status, "VmRSS"), "pss": field(rollup, "Pss"),
            "uss": field(rollup, "Private_Clean") + field(rollup, "Private_Dirty")}
