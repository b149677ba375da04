"""Validation: the JSON Schema first, then the rules a schema cannot express.

``load_guide(path)`` is the one entry point used by the site, the CLI and the
tests.  It raises ``DataError`` listing every problem with its line, or returns
a typed ``Guide``.  ``RULES`` documents each semantic rule (the contributing
page is generated from it).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path as FsPath
from typing import Any
from urllib.parse import urlsplit

import jsonschema

from fwguide import model
from fwguide.problems import DataError, Problem
from fwguide.yamlstrict import read_yaml

ROOT = FsPath(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "frameworks.yaml"
SCHEMA_FILE = ROOT / "data" / "frameworks.schema.json"

Lines = dict[tuple, int]
MAX_PATHS = 200
Report = Callable[[tuple, str], None]


@cache
def schema() -> dict:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, (dict, list)) else type(value).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"


def where(data: Any, path: tuple) -> str:
    """A readable location: frameworks[flask].support.orm rather than /frameworks/0/support/orm."""
    out, node = "", data
    for part in path:
        if isinstance(part, int):
            ident = node[part].get("id") if isinstance(node, list) and isinstance(node[part], dict) else None
            out += f"[{ident}]" if isinstance(ident, str) and ident else f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
    return out or "top level"


def line_of(lines: Lines, path: tuple) -> int:
    path = tuple(path)
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path, 1)


_TYPE_NAMES = {"object": "a mapping", "array": "a list", "string": "text", "integer": "a whole number",
               "boolean": "true or false", "number": "a number", "null": "empty"}


def _schema_message(error: jsonschema.ValidationError, data: Any) -> list[tuple[tuple, str]]:
    path = tuple(error.absolute_path)
    loc = where(data, path)
    kind, inst, arg = error.validator, error.instance, error.validator_value
    if kind == "additionalProperties" and isinstance(inst, dict):
        known = set(error.schema.get("properties", {}))
        return [(path + (key,), f"{loc}: unknown key {key!r}"
                 + (f" (expected one of: {', '.join(sorted(known))})" if known else ""))
                for key in inst if key not in known]
    if kind == "required":
        missing = [k for k in arg if not isinstance(inst, dict) or k not in inst]
        return [(path, f"{loc}: missing required key {k!r}") for k in missing]
    if kind == "type":
        expected = " or ".join(_TYPE_NAMES.get(t, t) for t in ([arg] if isinstance(arg, str) else arg))
        return [(path, f"{loc}: expected {expected}, found {_short(inst)}")]
    if kind in ("enum", "const"):
        allowed = arg if kind == "enum" else [arg]
        return [(path, f"{loc}: {_short(inst)} is not one of {', '.join(map(str, allowed))}")]
    if kind == "pattern":
        hint = error.schema.get("description", f"the pattern {arg}")
        return [(path, f"{loc}: {_short(inst)} does not have the expected form ({hint})")]
    if kind in ("minLength", "maxLength"):
        return [(path, f"{loc}: text of {len(inst)} characters; "
                       f"{'at least' if kind == 'minLength' else 'at most'} {arg} allowed")]
    if kind in ("minItems", "maxItems"):
        return [(path, f"{loc}: {len(inst)} items; {'at least' if kind == 'minItems' else 'at most'} {arg} needed")]
    if kind in ("minimum", "maximum"):
        return [(path, f"{loc}: {_short(inst)} is {'below' if kind == 'minimum' else 'above'} {arg}")]
    if kind == "uniqueItems":
        return [(path, f"{loc}: items must not repeat")]
    return [(path, f"{loc}: {error.message[:200]}")]


@cache
def _ecma_regex(pattern: str) -> re.Pattern:
    # JSON Schema patterns are ECMA-262 regexes, where a final '$' matches only at the very end;
    # Python's '$' also matches before a final newline (so "q-size\n" passed as an id).
    return re.compile(re.sub(r"(?<!\\)\$$", r"\\Z", pattern))


def _pattern(validator, pattern, instance, _schema):
    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


_Validator = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"pattern": _pattern})


def schema_problems(data: Any, lines: Lines) -> list[Problem]:
    validator = _Validator(schema())
    problems = []
    for error in validator.iter_errors(data):
        for path, message in _schema_message(error, data):
            problems.append(Problem(line_of(lines, path), message))
    return problems


# ---------------------------------------------------------------- semantic rules

RULES: list[tuple[str, str]] = []


def rule(name: str, text: str):
    def register(fn):
        RULES.append((name, text))
        fn.rule_name = name
        return fn
    return register


def _items(data: Any, key: str) -> Iterator[tuple[int, dict]]:
    value = data.get(key) if isinstance(data, dict) else None
    for i, item in enumerate(value if isinstance(value, list) else []):
        if isinstance(item, dict):
            yield i, item


def _ids(data: Any, key: str, field: str = "id") -> set:
    return {item.get(field) for _, item in _items(data, key)}


@rule("unique-ids", "Every id (levels, considerations, categories, features, frameworks, decision nodes) "
                    "and every rating value is defined once.")
def check_unique(data, report: Report, today: dt.date):
    lists = [("support_levels", "id"), ("rating_scale", "value"), ("considerations", "id"),
             ("categories", "id"), ("features", "id"), ("frameworks", "id")]
    for key, field in lists:
        seen: dict = {}
        for i, item in _items(data, key):
            value = item.get(field)
            if value in seen:
                report((key, i, field), f"{key}: {field} {value!r} is defined twice (also item {seen[value] + 1})")
            else:
                seen[value] = i
    seen = {}
    for i, node in _items(data.get("decision"), "nodes"):
        if node.get("id") in seen:
            report(("decision", "nodes", i, "id"), f"decision: node id {node.get('id')!r} is defined twice")
        seen.setdefault(node.get("id"), i)


@rule("legend-complete", "The support-level legend defines every level of the closed vocabulary, "
                         "the rating scale runs 1, 2, ... without gaps, and every rating is on it.")
def check_legend(data, report, today):
    levels = schema()["$defs"]["level"]["enum"]
    defined = _ids(data, "support_levels")
    for level in levels if isinstance(data.get("support_levels"), list) else []:
        if level not in defined:
            report(("support_levels",), f"support_levels: level {level!r} has no legend entry")
    values = sorted(v for v in _ids(data, "rating_scale", "value") if isinstance(v, int))
    if values and values != list(range(1, len(values) + 1)):
        report(("rating_scale",), f"rating_scale: values must be 1 to {len(values)} without gaps, found {values}")
    for i, fw in _items(data, "frameworks") if values else []:
        rated = fw.get("considerations")
        for key, cell in (rated.items() if isinstance(rated, dict) else []):
            value = cell.get("rating") if isinstance(cell, dict) else None
            if type(value) is int and value not in values:
                report(("frameworks", i, "considerations", key, "rating"),
                       f"frameworks[{fw.get('id')}].considerations.{key}: rating {value} is not on the "
                       f"rating_scale ({values[0]} to {values[-1]})")


@rule("references-resolve", "Every feature names a defined category, and every category has a feature.")
def check_categories(data, report, today):
    categories = _ids(data, "categories")
    used = set()
    for i, feature in _items(data, "features"):
        category = feature.get("category")
        used.add(category)
        if isinstance(category, str) and category not in categories:
            report(("features", i, "category"),
                   f"features[{feature.get('id')}]: unknown category {category!r}")
    for i, category in _items(data, "categories"):
        if category.get("id") not in used:
            report(("categories", i), f"categories[{category.get('id')}]: no feature is in this category")


@rule("complete-matrix", "Every framework gives a support cell for every feature and a rating for "
                         "every consideration, and names no feature or consideration that is not defined.")
def check_matrix(data, report, today):
    for table, defined_in in (("support", "features"), ("considerations", "considerations")):
        defined = [i for i in _ids(data, defined_in) if isinstance(i, str)]
        for i, fw in _items(data, "frameworks"):
            cells = fw.get(table)
            if not isinstance(cells, dict):
                continue
            name = fw.get("id")
            for key in defined:
                if key not in cells:
                    report(("frameworks", i, table), f"frameworks[{name}].{table}: no entry for {key!r}")
            for key in cells:
                if key not in defined:
                    report(("frameworks", i, table, key),
                           f"frameworks[{name}].{table}: {key!r} is not a defined {defined_in[:-1]}")


@rule("cell-consistency", "A cell provided by an official extension or a third-party package names that "
                          "package; a built-in or unavailable feature names none.")
def check_cells(data, report, today):
    for i, fw in _items(data, "frameworks"):
        support = fw.get("support")
        for key, cell in (support.items() if isinstance(support, dict) else []):
            if not isinstance(cell, dict):
                continue
            level, package = cell.get("level"), cell.get("package")
            path = ("frameworks", i, "support", key)
            if level in ("official-extension", "third-party") and not package:
                report(path, f"frameworks[{fw.get('id')}].support.{key}: level {level!r} needs 'package'")
            if level in ("built-in", "not-available") and package:
                report(path + ("package",),
                       f"frameworks[{fw.get('id')}].support.{key}: level {level!r} takes no 'package'")


def _official_prefixes(fw: dict) -> list[tuple[str, str]]:
    out = []
    for key in ("homepage", "docs"):
        if isinstance(fw.get(key), str):
            out.append((urlsplit(fw[key]).hostname or "", ""))
    for key in ("repository", "package"):  # shared hosts: only below the project's own path
        if isinstance(fw.get(key), str):
            parts = urlsplit(fw[key])
            out.append((parts.hostname or "", parts.path.rstrip("/").lower()))
    return out


def _is_official(url: str, prefixes: list[tuple[str, str]]) -> bool:
    parts = urlsplit(url)
    own = parts.path.lower()
    return any(parts.hostname == host and (not path or own == path or own.startswith(path + "/"))
               for host, path in prefixes)


@rule("official-sources", "Every source is an absolute https URL with a host; claims that a feature is "
                          "built in, the version and the licence cite the framework's own site, docs, "
                          "repository or package page.")
def check_sources(data, report, today):
    url_form = re.compile(schema()["$defs"]["url"]["pattern"])
    for path, url in _walk_urls(data):
        if not url_form.match(url):
            continue  # the schema already reported its form
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname or "." not in parts.hostname:
            report(path, f"{where(data, path)}: {url!r} is not an absolute https URL")
    for i, fw in _items(data, "frameworks"):
        prefixes = _official_prefixes(fw)
        claims = [(("frameworks", i, k), fw.get(k)) for k in ("version_source", "licence_source")]
        support = fw.get("support") if isinstance(fw.get("support"), dict) else {}
        claims += [(("frameworks", i, "support", k, "source"), c.get("source"))
                   for k, c in support.items() if isinstance(c, dict) and c.get("level") == "built-in"]
        for path, url in claims:
            if isinstance(url, str) and not _is_official(url, prefixes):
                report(path, f"{where(data, path)}: {url!r} is not on the framework's own site, docs, "
                             f"repository or package page")


def _walk_urls(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    url_keys = {"homepage", "docs", "repository", "package", "source", "licence_source", "version_source"}
    if isinstance(node, dict):
        for key, value in node.items():
            if key in url_keys and isinstance(value, str) and not (key == "package" and "support" in path):
                yield path + (key,), value
            else:
                yield from _walk_urls(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk_urls(value, path + (i,))


@rule("real-dates", "Dates are real calendar dates and not in the future; a release is not after its review.")
def check_dates(data, report, today):
    for i, fw in _items(data, "frameworks"):
        parsed = {}
        for key in ("released", "reviewed"):
            value = fw.get(key)
            if not isinstance(value, str):
                continue
            try:
                parsed[key] = dt.date.fromisoformat(value)
            except ValueError:
                report(("frameworks", i, key), f"frameworks[{fw.get('id')}].{key}: {value!r} is not a real date")
                continue
            if parsed[key] > today:
                report(("frameworks", i, key), f"frameworks[{fw.get('id')}].{key}: {value} is in the future")
        if len(parsed) == 2 and parsed["released"] > parsed["reviewed"]:
            report(("frameworks", i, "released"),
                   f"frameworks[{fw.get('id')}]: released {fw['released']} is after reviewed {fw['reviewed']}")
        versions = fw.get("python_versions")
        if isinstance(versions, list) and all(isinstance(v, str) and v.startswith("3.") for v in versions):
            try:
                keys = [int(v.split(".")[1]) for v in versions]
            except ValueError:
                continue
            if keys != sorted(keys):
                report(("frameworks", i, "python_versions"),
                       f"frameworks[{fw.get('id')}].python_versions: list them oldest first")


@rule("decision-graph", "The decision tree starts at a defined node; every answer leads to a defined node; "
                        "every outcome recommends a defined framework; there is no cycle; every node is "
                        "reachable from the start; answers to one question are distinct; there are at most "
                        f"{MAX_PATHS} paths from the start to an outcome.")
def check_decision(data, report, today):
    decision = data.get("decision") if isinstance(data, dict) else None
    if not isinstance(decision, dict):
        return
    nodes = {node.get("id"): (i, node) for i, node in _items(decision, "nodes")}
    frameworks = _ids(data, "frameworks")
    start = decision.get("start")
    if isinstance(start, str) and start not in nodes:
        report(("decision", "start"), f"decision.start: {start!r} is not a defined node")
    edges: dict[str, list[str]] = {}
    for node_id, (i, node) in nodes.items():
        base = ("decision", "nodes", i)
        if "recommend" in node:
            target = node.get("recommend")
            if isinstance(target, str) and target not in frameworks:
                report(base + ("recommend",), f"decision.nodes[{node_id}]: recommends {target!r}, "
                                              f"which is not a defined framework")
            continue
        labels: set = set()
        edges[node_id] = []
        for j, answer in _items(node, "answers"):
            nxt = answer.get("next")
            if answer.get("label") in labels:
                report(base + ("answers", j, "label"),
                       f"decision.nodes[{node_id}]: answer {answer.get('label')!r} is given twice")
            labels.add(answer.get("label"))
            if isinstance(nxt, str) and nxt not in nodes:
                report(base + ("answers", j, "next"),
                       f"decision.nodes[{node_id}]: answer {answer.get('label')!r} leads to "
                       f"{nxt!r}, which is not a defined node")
            elif isinstance(nxt, str):
                edges[node_id].append(nxt)
    _check_cycles_and_reach(start, nodes, edges, report)


def _check_cycles_and_reach(start, nodes, edges, report):
    # Iterative depth-first search: a long chain of questions must not hit Python's recursion limit.
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set = set()
    finished: list[str] = []  # every node after all the nodes it leads to
    if start in nodes:
        state[start], trail, stack = 1, [start], [iter(edges.get(start, []))]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[trail[-1]] = 2
                finished.append(trail.pop())
                stack.pop()
            elif state.get(nxt) == 1:
                if nxt not in reported:
                    reported.add(nxt)
                    loop = trail[trail.index(nxt):] + [nxt]
                    report(("decision", "nodes", nodes[trail[-1]][0]), f"decision: cycle {' -> '.join(loop)}")
            elif nxt not in state:
                state[nxt] = 1
                trail.append(nxt)
                stack.append(iter(edges.get(nxt, [])))
    for node_id, (i, _node) in nodes.items():
        if node_id not in state and isinstance(node_id, str):
            report(("decision", "nodes", i), f"decision.nodes[{node_id}]: not reachable from the start "
                                             f"{start!r}")
    if finished and not reported:  # the text version lists every path: keep their number readable
        paths: dict[str, int] = {}
        for node_id in finished:
            paths[node_id] = sum(paths[n] for n in edges[node_id]) if node_id in edges else 1
        if paths[start] > MAX_PATHS:
            report(("decision", "start"), f"decision: {paths[start]} paths lead from the start to an outcome; "
                                          f"at most {MAX_PATHS} are allowed (the text version lists each one)")


SEMANTIC_CHECKS = [check_unique, check_legend, check_categories, check_matrix, check_cells,
                   check_sources, check_dates, check_decision]


def semantic_problems(data: Any, lines: Lines, today: dt.date) -> list[Problem]:
    problems: list[Problem] = []

    def report(path: tuple, message: str) -> None:
        problems.append(Problem(line_of(lines, path), message))

    if not isinstance(data, dict):
        return problems
    for check in SEMANTIC_CHECKS:
        try:
            check(data, report, today)
        except Exception as error:  # a malformed shape the schema already reported
            if not problems:
                report((), f"could not check rule {check.rule_name!r} ({type(error).__name__}); "
                           f"fix the problems above first")
    return problems


def _one_line(message: str) -> str:
    """A report line shows every character: a newline or U+202E from the data cannot forge or hide one."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)


def validate(raw: bytes, today: dt.date | None = None) -> tuple[Any, list[Problem]]:
    data, problems = _validate(raw, today)
    return data, [Problem(p.line, _one_line(p.message)) for p in problems]


def _validate(raw: bytes, today: dt.date | None) -> tuple[Any, list[Problem]]:
    data, lines, problems = read_yaml(raw)
    if data is None and problems:
        return None, problems
    if not isinstance(data, dict):
        return None, problems + [Problem(1, f"the file must be a mapping of keys, found {_short(data)}")]
    flagged = {p.line for p in problems}  # a value the reader refused is not reported twice
    problems += [p for p in schema_problems(data, lines) if p.line not in flagged]
    problems += semantic_problems(data, lines, today or dt.date.today())
    return data, problems


def display_name(path: FsPath) -> str:
    for base in (ROOT, FsPath.cwd()):
        try:
            return str(FsPath(path).resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)


def load_guide(path: FsPath | str = DATA_FILE, today: dt.date | None = None) -> model.Guide:
    """Read, validate and type the data file; raise DataError listing every problem."""
    path = FsPath(path)
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(name, [Problem(1, f"cannot read the file: {error.strerror}")]) from None
    data, problems = validate(raw, today)
    if problems:
        raise DataError(name, problems)
    return model.build(data)
