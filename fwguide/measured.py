"""The measured figures (``data/measurements.yaml``, written by ``make measure``): read, checked, typed.

``load_measured(path)`` reads the file with the strict reader, checks it against
``data/measurements.schema.json`` and the rules below, and returns ``Measured`` or raises
``DataError`` listing every problem as ``data/measurements.yaml:LINE: message``.

Rules beyond the schema:

* **Stale by age.** Figures measured more than ``MAX_AGE_DAYS`` (365) days ago stop the build:
  servers and frameworks change within a year, and the page would present old figures as current.
* **Stale by versions.** Every package the file lists under ``stack`` (servers, frameworks, the
  model's libraries) must have been measured at the version ``requirements/examples.txt`` pins.  Bumping
  a pin on the measured path therefore means running ``make measure`` again.  Packages off the
  measured path (docs, tests) may change freely.
* **Complete and consistent.** A full run, never a smoke run; every server has its results and
  every result its server; one value per repeat (per worker and repeat for per-worker memory);
  one ``/predict`` level per configured concurrency; ``--preload`` figures exactly for the
  servers that have a preload command; no server holds more streams than the search tried.

A *figure* is one list of repeats, named by its path under ``results`` without the word:
``flask-gthread.predict.c8.rps``, ``fastapi-uvicorn.streams_held``,
``flask-sync.preload.memory.pss_kib``.  Pages cite figures by these keys.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import statistics
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from fwguide.loader import read_checked, reported
from fwguide.locate import Lines, line_of
from fwguide.paths import MEASUREMENTS_FILE, MEASUREMENTS_SCHEMA_FILE, REQUIREMENTS_FILE, REQUIREMENTS_REL, display_name
from fwguide.problems import DataError, Problem

MAX_AGE_DAYS = 365
REQUIRED_STACK = ("gunicorn", "uvicorn", "flask", "django", "fastapi", "scikit-learn")
MAKE = "run `make measure` again"


@cache
def measurements_schema() -> dict:
    return json.loads(MEASUREMENTS_SCHEMA_FILE.read_text(encoding="utf-8"))


def normalise(name: str) -> str:
    """A package name compared the way pip compares them (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path = REQUIREMENTS_FILE) -> dict[str, str]:
    """name (normalised) -> pinned version, from a pip-compile file (``name==version \\`` lines, hashes)."""
    pins = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip().rstrip("\\").strip()
        if "==" in line and not line.startswith("-"):
            name, version = line.split("==", 1)
            pins[normalise(name.split("[")[0])] = version.strip()
    return pins


# ------------------------------------------------------------------ the typed view


@dataclass(frozen=True)
class Figure:
    key: str                        # flask-gthread.predict.c8.rps
    values: tuple[int, ...]         # every repeat, as measured
    line: int

    @property
    def metric(self) -> str:
        """The last part of the key: rps, p50_us, startup_ms, pss_kib, streams_held..."""
        return self.key.rsplit(".", 1)[-1]

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def low(self) -> int:
        return min(self.values)

    @property
    def high(self) -> int:
        return max(self.values)


@dataclass(frozen=True)
class Server:
    id: str
    framework: str
    server: str
    worker: str
    interface: str
    section: str | None
    command: str
    stream_command: str
    stream_path: str
    preload_command: str | None = None
    stream_env: str | None = None

    @property
    def name(self) -> str:
        """Flask, Gunicorn gthread  /  FastAPI, Uvicorn (Uvicorn has one kind of worker)."""
        how = f"{self.server} {self.worker}" if self.server == "Gunicorn" else self.server
        return f"{self.framework}, {how}"


@dataclass(frozen=True)
class Measured:
    raw: dict = field(repr=False)
    lines: dict = field(repr=False, compare=False)
    servers: tuple[Server, ...]
    figures: dict[str, Figure] = field(repr=False)

    def figure(self, key: str) -> Figure:
        return self.figures[key]

    def server(self, server_id: str) -> Server:
        return next(s for s in self.servers if s.id == server_id)

    @property
    def machine(self) -> dict:
        return self.raw["machine"]

    @property
    def settings(self) -> dict:
        return self.raw["settings"]

    @property
    def concurrency(self) -> list[int]:
        return list(self.settings["predict"]["concurrency"])


def figure_paths(results: dict) -> list[tuple]:
    """The path of every figure under ``results`` (lists of integers; the stream trials excluded)."""
    found = []

    def walk(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key != "stream_trials":
                    walk(value, path + (key,))
        elif isinstance(node, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in node):
            found.append(path)

    walk(results, ())
    return found


def build(data: dict, lines: Lines) -> Measured:
    servers = tuple(Server(s["id"], s["framework"], s["server"], s["worker"], s["interface"], s["section"],
                           s["command"], s["stream_command"], s["stream_path"], s.get("preload_command"),
                           s.get("stream_env")) for s in data["servers"])
    figures = {}
    for path in figure_paths(data["results"]):
        node = data["results"]
        for part in path:
            node = node[part]
        key = ".".join(path)
        figures[key] = Figure(key, tuple(node), line_of(lines, ("results",) + path))
    return Measured(data, dict(lines), servers, figures)


# ------------------------------------------------------------------ the rules


def _rules(data: dict, lines: Lines, today: dt.date, pins: dict[str, str], published: bool) -> list[Problem]:
    problems: list[Problem] = []

    def report(path: tuple, message: str) -> None:
        problems.append(Problem(line_of(lines, path), message))

    if published and data["mode"] != "full":
        report(("mode",), f"mode: a {data['mode']} run is never published; {MAKE} (a full run)")
    try:
        measured_on = dt.date.fromisoformat(data["date"])
    except ValueError:
        report(("date",), f"date: {data['date']!r} is not a real date")
    else:
        age = (today - measured_on).days
        if age > MAX_AGE_DAYS:
            report(("date",), f"date: measured on {data['date']}, {age} days ago; figures older than "
                              f"{MAX_AGE_DAYS} days are stale: {MAKE}")
        elif age < 0:
            report(("date",), f"date: {data['date']} is in the future (today is {today.isoformat()})")

    installed = {normalise(k): (k, v) for k, v in data["packages"].items()}
    stack = {normalise(n) for n in data["stack"]}
    for name in REQUIRED_STACK:
        if name not in stack:
            report(("stack",), f"stack: must list {name!r} (a package on the measured path)")
    for i, name in enumerate(data["stack"]):
        spelled, version = installed.get(normalise(name), (None, None))
        pinned = pins.get(normalise(name))
        if spelled is None:
            report(("stack", i), f"stack[{i}]: {name!r} is not under packages")
        elif pinned is None:
            report(("packages", spelled), f"packages.{spelled}: not pinned in {REQUIREMENTS_REL}, so the figures "
                                          f"cannot be tied to a version; pin it or drop it from stack")
        elif version != pinned:
            report(("packages", spelled), f"packages.{spelled}: measured with {version}, but {REQUIREMENTS_REL} "
                                          f"pins {pinned}; the figures are stale: {MAKE}")

    settings = data["settings"]
    repeats, workers = settings["repeats"], settings["workers"]
    levels = [f"c{c}" for c in settings["predict"]["concurrency"]]
    servers: dict[str, tuple[int, dict]] = {}
    for i, s in enumerate(data["servers"]):
        sid = s["id"]
        if sid in servers:
            report(("servers", i, "id"), f"servers[{i}].id: {sid!r} appears twice")
        servers.setdefault(sid, (i, s))
        if sid not in data["results"]:
            report(("servers", i), f"servers[{sid}]: has no results")
    for sid, result in data["results"].items():
        base = ("results", sid)
        if sid not in servers:
            report(base, f"results.{sid}: no server {sid!r} under servers")
            continue
        has_preload = "preload_command" in servers[sid][1]
        if has_preload != ("preload" in result):
            report(base, f"results.{sid}: --preload figures must be present exactly when the server has a "
                         f"preload_command")
        if sorted(result["predict"]) != sorted(levels):
            report(base + ("predict",), f"results.{sid}.predict: levels {', '.join(sorted(result['predict']))}, "
                                        f"but settings.predict.concurrency gives {', '.join(levels)}")
        for path in figure_paths(result):
            node = result
            for part in path:
                node = node[part]
            per_worker = path[-2:-1] in (("memory",),) and path[-1] != "total_pss_kib"
            want = repeats * workers if per_worker else repeats
            if len(node) != want:
                what = f"{repeats} repeats x {workers} workers" if per_worker else f"{repeats} repeats"
                report(base + path, f"results.{sid}.{'.'.join(path)}: {len(node)} values; {what} give {want}")
        if len(result["stream_trials"]) != repeats:
            report(base + ("stream_trials",), f"results.{sid}.stream_trials: {len(result['stream_trials'])} "
                                              f"searches; {repeats} repeats give {repeats}")
        cap = settings["streams"]["max_streams"]
        if any(v > cap for v in result["streams_held"]):
            report(base + ("streams_held",), f"results.{sid}.streams_held: above max_streams ({cap}), "
                                             f"more than the search tries")
    return problems


def validate(raw: bytes, today: dt.date | None = None, pins: dict[str, str] | None = None,
             published: bool = True) -> tuple[Any, Lines, list[Problem]]:
    """(data, lines, problems) for the bytes of a results file; never raises for bad input."""
    data, lines, problems = read_checked(raw, measurements_schema())
    if data is not None and not problems:   # the rules read the shape the schema promises
        problems = _rules(data, lines, today or dt.date.today(), read_pins() if pins is None else pins, published)
    return data, lines, reported(problems)


def load_measured(path: Path | str = MEASUREMENTS_FILE, today: dt.date | None = None,
                  pins: dict[str, str] | None = None, published: bool = True) -> Measured:
    """Read, check and type a results file; raise DataError listing every problem."""
    path = Path(path)
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(name, [Problem(1, f"cannot read the file: {error.strerror}; {MAKE} to write it")]) from None
    try:
        pins = read_pins() if pins is None else pins
    except OSError as error:
        raise DataError(name, [Problem(1, f"cannot read {REQUIREMENTS_REL} to compare the pins: "
                                          f"{error.strerror}")]) from None
    data, lines, problems = validate(raw, today, pins, published)
    if problems:
        raise DataError(name, problems)
    return build(data, lines)


def check_file(path: Path, published: bool = True) -> list[str]:
    """The problems of a results file as report lines (empty when it passes): for ``python -m measure``."""
    try:
        load_measured(path, published=published)
    except DataError as error:
        return [p.format(error.filename) for p in error.problems]
    return []
