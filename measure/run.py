"""The measurements and the results file.

One repeat measures every server once, in this order, and the run makes ``repeats`` of them
(interleaved, so a burst of load from elsewhere on a shared machine lands on every server
rather than on one):

1. each server, ``workers`` processes: start-up time to the first 200 from ``/health``; a
   warm-up; memory of each worker; then ``POST /predict`` at each concurrency level;
2. each Gunicorn server again with ``--preload``: start-up time and memory after the same
   warm-up;
3. each server with one worker process, serving the paced stream: how many streams it holds.

Every figure is an integer in a stated unit (the strict YAML reader admits no floats): times in
milliseconds or microseconds, memory in KiB, rates in whole requests per second.
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from measure import load, machine, procs
from measure.configs import BY_ID, CONFIGS, Config

HEADER = """\
# yaml-language-server: $schema=./measurements.schema.json
# Written by `make measure` (python -m measure); do not edit by hand: run it again.
# Checked on every build against measurements.schema.json and the rules in fwguide/measured.py.
# Units are in the key names: _ms milliseconds, _us microseconds, _kib KiB; rps requests/second.
"""


@dataclass(frozen=True)
class Plan:
    configs: tuple[Config, ...] = CONFIGS
    repeats: int = 3
    workers: int = 2
    concurrency: tuple[int, ...] = (1, 8, 32)
    duration_ms: int = 2000        # each /predict level
    warmup_ms: int = 500           # /predict before memory is read...
    warmup_concurrency: int = 8    # ...by this many users
    stream_events: int = 10
    stream_interval_ms: int = 50
    stream_limit_pct: int = 150    # a stream may take this share of its paced duration
    stream_max: int = 256          # the search stops here
    mode: str = "full"


SMOKE = Plan(configs=(BY_ID["flask-gthread"],), repeats=1, concurrency=(1, 4), duration_ms=300, warmup_ms=200,
             stream_events=3, stream_interval_ms=20, stream_max=4, mode="smoke")


@dataclass
class Run:
    plan: Plan
    say: Callable[[str], None] = print
    results: dict = field(default_factory=dict)
    command: str = "make measure"   # how the run was started, as the results file records it

    # -------------------------------------------------------------- one server start

    def start(self, config: Config, workers: int, **kwargs) -> tuple[procs.Server, int]:
        port = procs.free_port()
        env = {**config.env, **(config.paced_env if kwargs.get("paced") else {})}
        server = procs.Server(config.executable_argv(port, workers, **kwargs), port, env).start()
        try:
            ready = server.wait_ready()
        except BaseException:
            server.stop()
            raise
        return server, round(ready * 1000)

    def memory(self, server: procs.Server) -> dict[str, list[int]]:
        workers = server.workers(self.plan.workers)
        per_worker = [procs.memory_kib(pid) for pid in workers]
        total = sum(procs.memory_kib(pid)["pss"] for pid in server.group())
        return {"rss_kib": [m["rss"] for m in per_worker], "pss_kib": [m["pss"] for m in per_worker],
                "uss_kib": [m["uss"] for m in per_worker], "total_pss_kib": [total]}

    def predict_and_memory(self, config: Config) -> None:
        out = self.results.setdefault(config.id, {})
        server, ready_ms = self.start(config, self.plan.workers)
        try:
            load.closed_loop(server.port, self.plan.warmup_concurrency, self.plan.warmup_ms / 1000)
            _extend(out, "memory", self.memory(server))
            _append(out, "startup_ms", ready_ms)
            for c in self.plan.concurrency:
                r = load.closed_loop(server.port, c, self.plan.duration_ms / 1000)
                level = out.setdefault("predict", {}).setdefault(f"c{c}", {})
                for key, value in (("rps", round(r.rps)), ("p50_us", _us(r.p(50))), ("p99_us", _us(r.p(99))),
                                   ("errors", r.errors)):
                    _append(level, key, value)
                self.say(f"  {config.id:16} c={c:<3} {r.rps:8.0f} req/s  p50 {r.p(50) * 1000:7.2f} ms  "
                         f"p99 {r.p(99) * 1000:7.2f} ms  errors {r.errors}")
        finally:
            server.stop()

    def preload(self, config: Config) -> None:
        out = self.results.setdefault(config.id, {}).setdefault("preload", {})
        server, ready_ms = self.start(config, self.plan.workers, preload=True)
        try:
            load.closed_loop(server.port, self.plan.warmup_concurrency, self.plan.warmup_ms / 1000)
            _extend(out, "memory", self.memory(server))
            _append(out, "startup_ms", ready_ms)
        finally:
            server.stop()
        m = out["memory"]
        self.say(f"  {config.id:16} --preload: start {ready_ms} ms, worker PSS {m['pss_kib'][-self.plan.workers:]} KiB")

    def streams(self, config: Config) -> None:
        out = self.results.setdefault(config.id, {})
        server, _ = self.start(config, 1, paced=True)
        try:
            # Untimed warm-up: the first request to a fresh process pays for lazy imports and URL
            # compilation (Django's async view took longer than the whole allowance on a busy machine).
            load.streams(server.port, f"{config.stream_path}?events=2&interval_ms=0", 2, timeout=30)
            held, trials = self.stream_search(server.port, config.stream_path)
        finally:
            server.stop()
        _append(out, "streams_held", held)
        out.setdefault("stream_trials", []).append(trials)
        self.say(f"  {config.id:16} holds {held} streams per process  (tried {[t[0] for t in trials]})")

    def stream_search(self, port: int, path: str) -> tuple[int, list[list[int]]]:
        """The most concurrent paced streams, up to ``stream_max``, for which none fails and the
        99th-percentile stream takes at most ``stream_limit_pct`` % of its paced duration (see
        ``search``); the streams of a level are opened at the same moment."""
        p = self.plan
        paced = p.stream_events * p.stream_interval_ms / 1000
        limit = paced * p.stream_limit_pct / 100
        query = f"{path}?events={p.stream_events}&interval_ms={p.stream_interval_ms}"
        trials: list[list[int]] = []

        def holds(n: int) -> bool:
            level = load.streams(port, query, n, timeout=4 * paced + 10)
            p99 = load.percentile(level.durations, 99) if level.durations else 0.0
            trials.append([n, round(p99 * 1000), level.errors])
            time.sleep(0.2)  # let closed connections drain before the next level
            return level.errors == 0 and len(level.durations) == n and p99 <= limit

        return search(holds, p.stream_max), trials

    # -------------------------------------------------------------- the whole run

    def run(self) -> dict:
        p = self.plan
        started = dt.datetime.now(dt.timezone.utc)
        clock = time.monotonic()
        load_before = machine.load_average()
        for repeat in range(1, p.repeats + 1):
            self.say(f"repeat {repeat} of {p.repeats}: /predict, memory, start-up")
            for config in p.configs:
                self.predict_and_memory(config)
            self.say(f"repeat {repeat} of {p.repeats}: --preload")
            for config in (c for c in p.configs if c.preload):
                self.preload(config)
            self.say(f"repeat {repeat} of {p.repeats}: streams per worker process")
            for config in p.configs:
                self.streams(config)
        left = procs.leftovers()
        return self.document(started, round(time.monotonic() - clock), load_before, machine.load_average(), left)

    def document(self, started: dt.datetime, seconds: int, load_before: str, load_after: str,
                 left: list[int]) -> dict:
        p = self.plan
        info = machine.machine()
        shared = float(load_before.split()[0]) >= 0.5
        installed = machine.packages()
        return {
            "schema_version": 1,
            "mode": p.mode,
            "date": started.date().isoformat(),
            "started": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "duration_s": seconds,
            "command": self.command,
            "machine": {**info, "load_before": load_before, "load_after": load_after, "shared": shared},
            "settings": {
                "host": "127.0.0.1", "workers": p.workers, "repeats": p.repeats,
                "predict": {"concurrency": list(p.concurrency), "duration_ms": p.duration_ms,
                            "warmup_ms": p.warmup_ms, "warmup_concurrency": p.warmup_concurrency},
                "streams": {"workers": 1, "events": p.stream_events, "interval_ms": p.stream_interval_ms,
                            "limit_pct": p.stream_limit_pct, "max_streams": p.stream_max},
            },
            "stack": [name for name in machine.STACK if _installed(installed, name)],
            "packages": installed,
            "servers": [self.server_entry(c) for c in p.configs],
            "results": {c.id: self.results[c.id] for c in p.configs},
            "leftover_processes": len(left),
        }

    def server_entry(self, c: Config) -> dict:
        entry = {"id": c.id, "framework": c.framework, "server": c.server, "worker": c.worker,
                 "interface": c.interface, "section": c.section, "command": c.command(self.plan.workers)}
        if c.preload:
            entry["preload_command"] = c.command(self.plan.workers, preload=True)
        entry["stream_command"] = c.command(1, paced=True)
        entry["stream_path"] = c.stream_path
        if c.paced_env:
            entry["stream_env"] = ", ".join(f"{k}={v}" for k, v in c.paced_env.items())
        return entry


def search(holds: Callable[[int], bool], most: int) -> int:
    """The largest n (up to ``most``) with holds(n), assuming holds is monotone: double from 1 until
    a level fails, then halve the gap until it is at most an eighth of the level held (or 1).
    0 when even one fails.  At most about 2 log2(most) calls."""
    held, n = 0, 1
    while n <= most and holds(n):
        held, n = n, n * 2
    if held == 0 or held >= most:
        return held
    low, high = held, min(n, most + 1)
    while high - low > max(1, low // 8):  # 8 found exactly; 128 to within 16
        mid = (low + high) // 2
        low, high = (mid, high) if holds(mid) else (low, mid)
    return low


def _installed(installed: dict[str, str], name: str) -> bool:
    norm = {k.lower().replace("_", "-") for k in installed}
    return name.lower().replace("_", "-") in norm


def _us(seconds: float) -> int:
    return 0 if seconds != seconds else round(seconds * 1_000_000)


def _append(out: dict, key: str, value) -> None:
    out.setdefault(key, []).append(value)


def _extend(out: dict, key: str, values: dict[str, list]) -> None:
    target = out.setdefault(key, {})
    for name, items in values.items():
        target.setdefault(name, []).extend(items)


# ------------------------------------------------------------------ writing the file


class _Dumper(yaml.SafeDumper):
    """Block mappings; lists of numbers (or of such lists) on one line."""


def _flat(items) -> bool:
    return all(not isinstance(i, (dict, list)) or (isinstance(i, list) and _flat(i)) for i in items)


_Dumper.add_representer(list, lambda d, items: d.represent_sequence("tag:yaml.org,2002:seq", items,
                                                                       flow_style=_flat(items)))


def dump(document: dict) -> str:
    return HEADER + yaml.dump(document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)


def write(document: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump(document), encoding="utf-8")
