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
from collections.abc import Iterable
from typing import Any

import jsonschema

from fwguide.locate import Lines, line_of, short, where
from fwguide.paths import SCHEMA_FILE
from fwguide.problems import Problem


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def inline_refs(document: dict) -> dict:
    """The schema with every local, non-recursive ``$ref`` replaced by what it points to, for speed:
    jsonschema resolves a ``$ref`` on every visit, about half of the time spent checking this data.
    A ``$ref`` with sibling keys becomes ``allOf`` [target, siblings], so an error still reports the
    target's own subschema (and its description), as before."""
    def walk(node: Any, seen: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/") and ref not in seen:
            target: Any = document
            for part in ref[2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            resolved = walk(target, seen + (ref,))
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {"allOf": [resolved, walk(rest, seen)]} if rest else resolved
        return {k: (v if k == "$defs" else walk(v, seen)) for k, v in node.items()}
    return walk(document, ())


@cache
def _validator() -> jsonschema.protocols.Validator:
    return _Validator(inline_refs(schema()))


def level_ids() -> list[str]:
    """The closed vocabulary of support levels, as the schema states it."""
    return list(schema()["$defs"]["level"]["enum"])


_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
               "boolean": "true or false", "number": "a number", "null": "empty"}


def _unknown_keys(error, loc, path):
    known = set(error.schema.get("properties", {}))
    hint = f" (expected one of: {', '.join(sorted(known))})" if known else ""
    return ((path + (key,), f"{loc}: unknown key {key!r}{hint}") for key in error.instance if key not in known)


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


def _translate(error: jsonschema.ValidationError, data: Any) -> Iterable[tuple[tuple, str]]:
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


PATTERN_MAX = 1000  # characters a pattern is tried on; every pattern comes with a maxLength at most this


def _pattern(validator, pattern, instance, _subschema):
    """A pattern is tried only on text of at most PATTERN_MAX characters: every pattern in the schema
    comes with a maxLength no larger (tests/test_schema.py), which reports longer text, and a
    regular expression never runs on megabytes of text (backtracking can cost the square)."""
    if not validator.is_type(instance, "string") or len(instance) > PATTERN_MAX:
        return
    if not _ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _unique_items(validator, unique, instance, _schema):
    """jsonschema's own check compares every pair when the items cannot be sorted (mixed types):
    quadratic.  JSON texts with sorted keys compare the same way in linear time (true is not 1)."""
    if unique and validator.is_type(instance, "array"):
        seen: set[str] = set()
        for item in instance:
            key = _canonical(item)
            if key in seen:
                yield jsonschema.ValidationError(f"{short(item)} is repeated")
                return
            seen.add(key)


_ITEMS = jsonschema.Draft202012Validator.VALIDATORS["items"]
_INT_KEYS = {"type", "minimum", "maximum"}


def _items(validator, items, instance, schema_):
    """jsonschema checks each item of an array by descending into a child validator, which is most
    of the measurements file's check (arrays of whole numbers).  When the item schema only says
    "an integer between these bounds" and every item is a plain int inside them, nothing can be
    wrong and there is nothing to report; anything else (a float, a bool, a value out of range, any
    other item schema) goes through jsonschema's own `items`, which words the errors."""
    if (isinstance(items, dict) and items.get("type") == "integer" and set(items) <= _INT_KEYS
            and isinstance(instance, list) and "prefixItems" not in schema_):
        low, high = items.get("minimum"), items.get("maximum")
        if all(type(x) is int and (low is None or x >= low) and (high is None or x <= high) for x in instance):
            return
    yield from _ITEMS(validator, items, instance, schema_)


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                          {"pattern": _pattern, "uniqueItems": _unique_items, "items": _items})


def schema_problems(data: Any, lines: Lines, limit: int | None = None,
                    schema_doc: dict | None = None) -> list[Problem]:
    """Every way ``data`` breaks ``schema_doc`` (by default the frameworks schema; the first ``limit``
    of them), each with its data path, worded for people."""
    problems = []
    validator = _validator() if schema_doc is None else _Validator(schema_doc)
    for error in validator.iter_errors(data):
        for path, message in _translate(error, data):
            problems.append(Problem(line_of(lines, path), message, path=path))
            if limit is not None and len(problems) > limit:
                return problems
    return problems
