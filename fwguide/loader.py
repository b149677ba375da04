"""Reading the data file: the one entry point used by the site, the CLI, the export and the tests.

``load_guide(path)`` reads the file strictly (``yamlstrict``), checks it against
the JSON Schema (``schema``) and the semantic rules (``rules``), and returns the
typed ``Guide`` (``model``) or raises ``DataError`` listing every problem with
its line.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fwguide import model, rules
from fwguide.locate import Lines, short
from fwguide.paths import DATA_FILE, display_name
from fwguide.problems import MAX_LISTED, DataError, Problem, cap
from fwguide.schema import schema_problems
from fwguide.yamlstrict import read_yaml


def _one_line(message: str) -> str:
    """A report line shows every character: a newline or U+202E from the data cannot forge or hide one."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def validate(raw: bytes, today: dt.date | None = None) -> tuple[Any, list[Problem]]:
    """(data, problems) for the bytes of a data file; never raises for bad input."""
    data, _lines, problems = _validate(raw, today)
    return data, problems


def read_checked(raw: bytes, schema_doc: dict | None = None) -> tuple[Any, Lines, list[Problem]]:
    """(data, lines, problems) of a YAML file read strictly and checked against a JSON Schema (by
    default the frameworks schema); data is None when the file is not a mapping.  Shared by the data
    file and the measurements file (fwguide/measured.py), which add their own rules."""
    data, lines, problems = read_yaml(raw)
    if data is None and problems:
        return None, lines, problems
    if not isinstance(data, dict):
        return None, lines, problems + [Problem(1, f"the file must be a mapping of keys, found {short(data)}")]
    # A value the reader refused (``ai: yes``) is not reported again by the schema; every other
    # problem is listed, even on the same line (``{level: sort-of, note: yes}`` gives two).
    refused = {p.path for p in problems if p.path is not None}
    return data, lines, problems + [p for p in schema_problems(data, lines, MAX_LISTED, schema_doc=schema_doc)
                                    if p.path not in refused]


def reported(problems: list[Problem]) -> list[Problem]:
    """The problems as a report lists them: at most MAX_LISTED, each message on one printable line."""
    return [Problem(p.line, _one_line(p.message), p.rule) for p in cap(problems)]


def _validate(raw: bytes, today: dt.date | None) -> tuple[Any, Lines, list[Problem]]:
    data, lines, problems = read_checked(raw)
    if data is not None:
        problems += rules.run(data, lines, today or dt.date.today())
    return data, lines, reported(problems)


def load_guide(path: Path | str = DATA_FILE, today: dt.date | None = None) -> model.Guide:
    """Read, validate and type the data file; raise DataError listing every problem."""
    path = Path(path)
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(name, [Problem(1, f"cannot read the file: {error.strerror}")]) from None
    data, lines, problems = _validate(raw, today)
    if problems:
        raise DataError(name, problems)
    return model.build(data, lines)
