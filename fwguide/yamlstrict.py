"""Strict YAML reading: line numbers for every value, no YAML 1.1 surprises.

PyYAML implements YAML 1.1, where an unquoted ``no`` is a boolean, ``3.10`` is
the float 3.1 and a repeated key silently replaces the first.  This module
composes the node graph itself and converts it with stricter rules:

* booleans only as ``true``/``false``; ``yes``/``no``/``on``/``off`` are errors;
* integers only as plain decimal digits; floats are errors (quote versions);
* dates are kept as the text written (the schema checks their form);
* duplicate keys, anchors, aliases, merge keys and explicit tags are errors;
* syntax errors, bad UTF-8, empty files and over-large files are errors.

Every problem carries the line it was found on.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from fwguide.problems import Problem

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

KeyPath = tuple  # a JSON-pointer-like tuple of keys and indexes

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BOOL_WORDS = {"true": True, "false": False}


def _file_lines(text: str) -> list[int]:
    """YAML line index -> line in the file.  YAML also breaks lines at a lone CR, NEL, U+2028 and
    U+2029; editors count only LF, so a pasted U+2028 must not shift every later line number."""
    out, line = [1], 1
    for match in re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text):
        line += "\n" in match.group()
        out.append(line)
    return out


class _Reader:
    def __init__(self, file_lines: list[int]) -> None:
        self.problems: list[Problem] = []
        self.lines: dict[KeyPath, int] = {}
        self.file_lines = file_lines

    def line(self, node: yaml.Node) -> int:
        return self.file_lines[min(node.start_mark.line, len(self.file_lines) - 1)]

    def problem(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Problem(self.line(node), message))

    def convert(self, node: yaml.Node, path: KeyPath, depth: int = 0) -> Any:
        self.lines.setdefault(path, self.line(node))
        if depth > MAX_DEPTH:
            self.problem(node, f"nesting deeper than {MAX_DEPTH} levels")
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                self.problem(node, f"explicit tag {node.tag!r} is not allowed")
            return [self.convert(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict:
        if node.tag != _TAG + "map":
            self.problem(node, f"explicit tag {node.tag!r} is not allowed")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, "a key must be plain text, not a list or mapping")
                continue
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, "merge keys ('<<') are not allowed; write the values out")
                continue
            key = key_node.value
            if key_node.tag not in (_TAG + "str",) and not key_node.style:
                self.problem(key_node, f"key {key!r} is read as a {key_node.tag.removeprefix(_TAG)}; "
                                       f"keys must be text")
            if key in result:
                first = self.lines.get(path + (key,), "?")
                self.problem(key_node, f"duplicate key {key!r} (first defined on line {first})")
                continue
            self.lines[path + (key,)] = self.line(key_node)
            result[key] = self.convert(value_node, path + (key,), depth + 1)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        value, tag = node.value, node.tag.removeprefix(_TAG)
        if node.style:  # quoted or block scalar: always text (plain is None, or "" from libyaml)
            if tag != "str":
                self.problem(node, f"explicit tag {node.tag!r} is not allowed")
            return value
        if tag == "str":
            return value
        if tag == "bool":
            if value in _BOOL_WORDS:
                return _BOOL_WORDS[value]
            self.problem(node, f"unquoted {value!r} is read as a boolean by YAML 1.1; "
                               f"write \"{value}\" in quotes, or true/false")
            return value
        if tag == "int":
            if _DECIMAL.fullmatch(value):
                return int(value)
            self.problem(node, f"{value!r} is read as a YAML 1.1 integer; quote it")
            return value
        if tag == "float":
            self.problem(node, f"unquoted {value!r} is read as the number {float(_safe_float(value))!r}; "
                               f"write \"{value}\" in quotes")
            return value
        if tag == "null":
            return None
        if tag == "timestamp":
            return value  # kept as written; the schema checks the form
        self.problem(node, f"explicit tag {node.tag!r} is not allowed")
        return value


# libyaml's C parser when PyYAML was built with it (about 20 times faster), else pure Python.
# Both give the same events and node tags; only a plain scalar's style differs (None or "").
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _safe_float(text: str) -> float:
    try:
        return float(text.replace("_", ""))
    except ValueError:
        return float("nan")


def _parse(text: str, file_lines: list[int]) -> tuple[list[Problem], Any]:
    """Events checked and the node graph, with libyaml; on an error, PyYAML's own reader words it
    (its messages name the offending character, libyaml's do not)."""
    try:
        return _check_events(text, file_lines, _LOADER), yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        if _LOADER is yaml.SafeLoader:
            raise
        return _check_events(text, file_lines, yaml.SafeLoader), yaml.compose(text, Loader=yaml.SafeLoader)


def _check_events(text: str, file_lines: list[int], loader=yaml.SafeLoader) -> list[Problem]:
    """Anchors and aliases let one value stand in many places: refuse them.  So are explicit tags,
    even the standard ones the reader would otherwise accept (``!!str no`` is a disguised "no")."""
    problems = []
    for event in yaml.parse(text, Loader=loader):
        line = file_lines[min(event.start_mark.line, len(file_lines) - 1)]
        if isinstance(event, yaml.AliasEvent):
            problems.append(Problem(line, f"alias '*{event.anchor}' is not allowed; write the value out"))
        elif getattr(event, "anchor", None):
            problems.append(Problem(line, f"anchor '&{event.anchor}' is not allowed"))
        tag = getattr(event, "tag", None)
        if tag is not None and not isinstance(event, (yaml.DocumentStartEvent, yaml.DocumentEndEvent)):
            problems.append(Problem(line, f"explicit tag {tag!r} is not allowed"))
    return problems


def _unclosed_quote(text: str, file_lines: list[int], error_line: int) -> list[Problem]:
    """A missing closing quote makes YAML read on and fail lines later: point at the opening quote."""
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                last = token
    except yaml.YAMLError:
        pass
    if last is None:
        return []
    start = file_lines[min(last.start_mark.line, len(file_lines) - 1)]
    end = file_lines[min(last.end_mark.line, len(file_lines) - 1)]
    if start == error_line or end + 1 < error_line:
        return []
    return [Problem(start, f"the quoted value starting here runs on to line {end}; "
                           f"is its closing quote missing?")]


def _flow_too_deep(text: str) -> int | None:
    """The line where [ and { nest deeper than MAX_DEPTH, found in linear time.  PyYAML's scanner
    is quadratic in that depth (a 40 kB file of brackets takes minutes), so this runs first.  A
    bracket or quote counts only where YAML could start one (after ': ', '- ', '[', '{', ',')."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return None  # cannot nest that deep: skip the character walk
    depth, quote, escaped, prev, line = 0, None, False, "\n", 1
    comment = False
    for ch in text:
        if ch == "\n":
            line, comment = line + 1, False
        if comment:
            continue
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\" and quote == '"':
                escaped = True
            elif ch == quote:
                quote, prev = None, "x"
            continue
        if ch in " \t\r":
            if prev not in "\n:-[{,?":
                prev = " "
            continue
        if ch == "#" and prev in " \n":
            comment = True
            continue
        if ch in "\"'" and prev in "\n:-[{,? ":
            quote = ch
        elif ch in "[{" and (depth or prev in "\n:-[{,? "):
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif ch in "]}" and depth:
            depth -= 1
        prev = "\n" if ch == "\n" else ch if ch in ":-[{,?" else "x"
    return None


def read_yaml(raw: bytes) -> tuple[Any, dict[KeyPath, int], list[Problem]]:
    """Return (data, line of each path, problems). Never raises for bad input."""
    if len(raw) > MAX_BYTES:
        return None, {}, [Problem(1, f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, {}, [Problem(line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})")]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, {}, [Problem(1, "the file is empty")]
    file_lines = _file_lines(text)
    deep = _flow_too_deep(text)
    if deep is not None:
        return None, {}, [Problem(deep, f"nesting deeper than {MAX_DEPTH} levels")]
    try:
        problems, node = _parse(text, file_lines)
    except yaml.reader.ReaderError as error:  # a character YAML forbids, e.g. NUL
        line = text[: error.position].count("\n") + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return None, {}, [Problem(line, f"character U+{ord(char):04X} is not allowed in YAML; "
                                        f"remove it (or write it as an escape inside double quotes)")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = file_lines[min(mark.line, len(file_lines) - 1)] if mark else 1
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        return None, {}, _unclosed_quote(text, file_lines, line) + [Problem(line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as error:
        return None, {}, [Problem(1, f"YAML error: {error}")]
    except RecursionError:
        return None, {}, [Problem(1, "nesting too deep to read")]
    if node is None:
        return None, {}, [Problem(1, "the file is empty")]
    reader = _Reader(file_lines)
    try:
        data = reader.convert(node, ())
    except RecursionError:
        return None, {}, [Problem(1, "nesting too deep to read")]
    return data, reader.lines, problems + [p for p in reader.problems if p not in problems]
