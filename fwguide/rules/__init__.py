"""The rules a JSON Schema cannot express, one module per rule.

A rule registers itself by being defined: each module in this package decorates
its check with ``@rule(name, text)``, and importing the package imports every
module, so there is no second list to keep in step.  ``RULES`` feeds the
validator, ``python -m fwguide rules`` and the Contributing page; each rule is
broken once in ``tests/rules/test_<module>.py``.

A check is ``check(data, report, today)``: ``data`` is the parsed file (already
checked against the schema, but possibly malformed where the schema complained),
``report(path, message)`` records a problem at a data path.
"""
from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fwguide.locate import Lines, line_of
from fwguide.problems import Problem
from fwguide.yamlstrict import KeyPath

Reporter = Callable[[KeyPath, str], None]
Check = Callable[[Any, Reporter, dt.date], None]


@dataclass(frozen=True)
class Rule:
    name: str
    text: str
    check: Check
    module: str


RULES: list[Rule] = []


def rule(name: str, text: str) -> Callable[[Check], Check]:
    """Register ``check`` under ``name``; ``text`` says in one sentence what the rule requires."""
    def register(check: Check) -> Check:
        if any(r.name == name for r in RULES):
            raise ValueError(f"rule {name!r} is defined twice")
        RULES.append(Rule(name, text, check, check.__module__.rsplit(".", 1)[-1]))
        return check
    return register


def _load_all() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


def run(data: Any, lines: Lines, today: dt.date) -> list[Problem]:
    """Every rule's problems, each on its line and tagged with the rule's name."""
    problems: list[Problem] = []
    if not isinstance(data, dict):
        return problems
    for current in RULES:
        def report(path: KeyPath, message: str, _name: str = current.name) -> None:
            problems.append(Problem(line_of(lines, path), message, _name))
        try:
            current.check(data, report, today)
        except Exception as error:  # a malformed shape the schema already reported
            if not problems:
                report((), f"could not check rule {current.name!r} ({type(error).__name__}); "
                            f"fix the problems above first")
    return problems


_load_all()
