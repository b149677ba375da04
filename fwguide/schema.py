"""Checking the data against its JSON Schema, with messages a maintainer can act on.

``schema_problems(data, lines)`` lists every way the data breaks
``data/frameworks.schema.json`` (or the schema passed, e.g. the measurements'), each as a ``Problem`` on the offending line and
worded in terms of the data (``frameworks[flask].support.orm.level: "builtin" is
not one of ...``) rather than in JSON-pointer jargon.
"""
from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

import jsonschema

from fwguide.locate import Lines, line_of, short, where
from fwguide.paths import SCHEMA_FILE
from fwguide.problems import Problem


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def level_ids() -> list[str]:
    """The closed vocabulary of support levels, as the schema states it."""
    return list(schema()["$defs"]["level"]["enum"])


_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
               "boolean": "true or false", "number": "a number", "null": "empty"}


def _unknown_keys(error, loc, path):
    known = set(error.schema.get("properties", {}))
    hint = f" (expected one of: {', '.join(sorted(known))})" if known else ""
    return [(path + (key,), f"{loc}: unknown key {key!r}{hint}") for key in error.instance if key not in known]


def _missing(error, loc, path):
    inst = error.instance
    return [(path, f"{loc}: missing required key {k!r}")
            for k in error.validator_value if not isinstance(inst, dict) or k not in inst]


def _wrong_type(error, loc, path):
    arg = error.validator_value
    expected = " or ".join(_TYPE_NAMES.get(t, t) for t in ([arg] if isinstance(arg, str) else arg))
    found = short(error.instance)
    hint = ""
    if arg == "boolean" and isinstance(error.instance, str) and error.instance.lower() in ("yes", "no", "on", "off"):
        hint = " (write true or false, without quotes)"
    return [(path, f"{loc}: expected {expected}, found {found}{hint}")]


def _not_allowed(error, loc, path):
    allowed = error.validator_value if error.validator == "enum" else [error.validator_value]
    return [(path, f"{loc}: {short(error.instance)} is not one of {', '.join(map(str, allowed))}")]


def _bad_form(error, loc, path):
    hint = error.schema.get("description", f"the pattern {error.validator_value}")
    return [(path, f"{loc}: {short(error.instance)} does not have the expected form ({hint})")]


def _length(error, loc, path):
    bound = "at least" if error.validator == "minLength" else "at most"
    return [(path, f"{loc}: text of {len(error.instance)} characters; {bound} {error.validator_value} allowed")]


def _count(error, loc, path):
    bound = "at least" if error.validator == "minItems" else "at most"
    return [(path, f"{loc}: {len(error.instance)} items; {bound} {error.validator_value} needed")]


def _range(error, loc, path):
    side = "below" if error.validator == "minimum" else "above"
    return [(path, f"{loc}: {short(error.instance)} is {side} {error.validator_value}")]


_MESSAGES = {
    "additionalProperties": _unknown_keys, "required": _missing, "type": _wrong_type,
    "enum": _not_allowed, "const": _not_allowed, "pattern": _bad_form,
    "minLength": _length, "maxLength": _length, "minItems": _count, "maxItems": _count,
    "minimum": _range, "maximum": _range,
    "uniqueItems": lambda error, loc, path: [(path, f"{loc}: items must not repeat")],
}


def _translate(error: jsonschema.ValidationError, data: Any) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    loc = where(data, path)
    if error.validator == "additionalProperties" and not isinstance(error.instance, dict):
        return [(path, f"{loc}: {error.message[:200]}")]
    words = _MESSAGES.get(error.validator)
    return words(error, loc, path) if words else [(path, f"{loc}: {error.message[:200]}")]


@cache
def _ecma_regex(pattern: str) -> re.Pattern:
    # JSON Schema patterns are ECMA-262 regexes, where a final '$' matches only at the very end;
    # Python's '$' also matches before a final newline (so "q-size\n" passed as an id).
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _pattern(validator, pattern, instance, _schema):
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


def schema_problems(data: Any, lines: Lines, schema_doc: dict | None = None) -> list[Problem]:
    """Every way ``data`` breaks ``schema_doc`` (by default the frameworks schema), worded for people."""
    problems = []
    for error in _Validator(schema() if schema_doc is None else schema_doc).iter_errors(data):
        for path, message in _translate(error, data):
            problems.append(Problem(line_of(lines, path), message))
    return problems
