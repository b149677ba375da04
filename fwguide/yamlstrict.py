"""Strict YAML reading: line numbers for every value, no YAML 1.1 surprises, bounded work.

PyYAML implements YAML 1.1, where an unquoted ``no`` is a boolean, ``3.10`` is
the float 3.1 and a repeated key silently replaces the first.  This module reads
PyYAML's event stream itself and builds the values with stricter rules:

* booleans only as ``true``/``false``; ``yes``/``no``/``on``/``off`` are errors;
* integers only as plain decimal digits; floats are errors (quote versions);
* dates are kept as the text written (the schema checks their form);
* duplicate keys, anchors, aliases, merge keys and explicit tags are errors;
* text holding a lone surrogate (from an escape such as ``"\\ud800"``) is an error:
  it is not a character and cannot be written to a UTF-8 page;
* syntax errors, bad UTF-8, empty files and over-large files are errors.

Every problem carries the line it was found on, and, when it is about one value,
that value's path (so the schema does not report the same value a second time).

Bounded time and memory
-----------------------
The reader never builds PyYAML's node graph (whose composer expands every alias
and recurses once per nesting level): it turns events into values as they come,
so an alias is reported where it stands and never expanded, and the whole read is
one pass over the events.  Nothing in it scans a list per problem; problems are
kept in insertion-ordered dicts.  Reading stops with a problem at the first of
these limits:

``MAX_BYTES = 8_000_000``
    The file's size.  The real data (3 frameworks x 23 features) is about 42 kB;
    the goal of issue 17, 100 frameworks x 100 features written the same way, is
    about 2.8 MB.  8 MB leaves room for longer notes while a read stays a few
    seconds and well under 300 MB (``tests/adversarial/test_adv_limits.py``).
``MAX_VALUES = 400_000``
    Values (keys, scalars, lists, mappings).  100 x 100 holds about 103,000.
    Each value costs memory for its line number whatever its size in bytes, so
    this bounds memory where the byte limit alone would not (``[1,1,1,...]``).
``MAX_DEPTH = 40``
    Nesting.  The data nests 6 levels deep (an answer's label).  The scanner's work
    per token grows with the flow nesting depth (``[[[[...``), so the depth is
    checked on the events as they arrive and reading stops at the first value nested
    deeper; the scanner has then looked ahead at most one simple key (one line, at
    most 1024 characters).  This is exact: quotes, comments and block scalars are
    YAML's own business, not a guess made from the characters (the guess this
    replaces could be fooled by a quote-like character earlier on a line).
``MAX_INT_DIGITS = 20``
    Whole numbers.  The data's numbers are ratings (1-5) and ``schema_version``;
    20 digits hold any 64-bit number, and Python refuses to convert more than 4300.
``MAX_LISTED = 2000`` (``fwguide.problems``)
    Problems kept and listed, one line in the report each; without a cap a file of
    aliases or tags would cost memory per problem up to MAX_VALUES of them.  A file
    with more (every value of a 100 x 100 table wrong, say) lists the first 2000
    and says how many more were found.
``REWORD_MAX = 1_000_000``
    Characters PyYAML's own parser (pure Python, about 20 times slower than
    libyaml) re-reads to word a syntax error libyaml found, as it names the
    offending character.  Longer files keep libyaml's message, with the character
    named here; either way a syntax error costs at most a second or two more.

Escapes outside the Unicode range (``"\\U00110000"``) are reported on their line:
libyaml refuses them as a syntax error and PyYAML's own scanner raises a plain
``ValueError``, which is caught here.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from fwguide.problems import MAX_LISTED, Problem, unlisted

MAX_BYTES = 8_000_000
MAX_VALUES = 400_000
MAX_DEPTH = 40
MAX_INT_DIGITS = 20
REWORD_MAX = 1_000_000

KeyPath = tuple  # a JSON-pointer-like tuple of keys and indexes

_TAG = "tag:yaml.org,2002:"
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BOOL_WORDS = {"true": True, "false": False}
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\(U[0-9A-Fa-f]{8}|u[0-9A-Fa-f]{4})")
_RESOLVER = yaml.resolver.Resolver()
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)

# libyaml's C parser when PyYAML was built with it (about 20 times faster), else pure Python.
# Both give the same events; only a plain scalar's style differs (None or "").
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _file_lines(text: str) -> list[int]:
    """YAML line index -> line in the file.  YAML also breaks lines at a lone CR, NEL, U+2028 and
    U+2029; editors count only LF, so a pasted U+2028 must not shift every later line number."""
    out, line = [1], 1
    for match in re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text):
        line += "\n" in match.group()
        out.append(line)
    return out


def _cut(value: str, limit: int = 60) -> str:
    """A value quoted in a message, shortened: a message is one readable line."""
    return repr(value if len(value) <= limit else value[: limit - 1] + "…")


class _Stop(Exception):
    """Reading cannot go on (a limit was reached); carries the problem that says why."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message)
        self.problem = problem


_KEY = object()   # the mapping waits for a key
_SKIP = object()  # the mapping's next value belongs to a refused key: read it for its problems only
_NONE = object()  # no document was read


class _Frame:
    """An open list or mapping.  ``path`` is None inside a value that is read but not kept;
    ``is_key`` marks a list or mapping written as a mapping key (read for its problems, refused)."""
    __slots__ = ("value", "path", "mapping", "key", "is_key")

    def __init__(self, value: Any, path: KeyPath | None, mapping: bool, is_key: bool = False):
        self.value, self.path, self.mapping, self.key, self.is_key = value, path, mapping, _KEY, is_key


class _Reader:
    def __init__(self, file_lines: list[int]) -> None:
        self.file_lines = file_lines
        self.lines: dict[KeyPath, int] = {}
        self._problems: dict[tuple[int, str], Problem] = {}
        self.unlisted = 0
        self.values = 0
        self.documents = 0
        self.root: Any = _NONE

    @property
    def problems(self) -> list[Problem]:
        return list(self._problems.values())

    def line_of_mark(self, mark) -> int:
        return self.file_lines[min(mark.line, len(self.file_lines) - 1)]

    def problem(self, line: int, message: str, path: KeyPath | None = None) -> None:
        if (line, message) in self._problems:
            return
        if len(self._problems) >= MAX_LISTED:
            self.unlisted += 1
            return
        self._problems[(line, message)] = Problem(line, message, path=path)

    # ------------------------------------------------------------------ the event loop

    def read(self, loader) -> None:
        stack: list[_Frame] = []
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, _NODES):
                self._node(event, stack)
            elif isinstance(event, _ENDS):
                frame = stack.pop()
                self._place(stack, _SKIP if frame.is_key else frame.value)
            elif isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Stop(Problem(self.line_of_mark(event.start_mark),
                                        "YAML syntax error: expected a single document in the stream, "
                                        "but found another document"))

    def _slot(self, stack: list[_Frame]) -> tuple[KeyPath | None, bool]:
        """(path, is_key) of the node that starts now: where its value goes (None: read, not kept)."""
        if not stack:
            return (), False
        parent = stack[-1]
        if not parent.mapping:
            return (None if parent.path is None else parent.path + (len(parent.value),)), False
        if parent.key is _KEY:
            return None, True
        if parent.key is _SKIP or parent.path is None:
            return None, False
        return parent.path + (parent.key,), False

    def _place(self, stack: list[_Frame], value: Any) -> None:
        if not stack:
            self.root = value
            return
        parent = stack[-1]
        if not parent.mapping:
            parent.value.append(value)
        elif parent.key is _KEY:
            parent.key = value  # a key (text) or _SKIP
        else:
            if parent.key is not _SKIP:
                parent.value[parent.key] = value
            parent.key = _KEY

    def _node(self, event, stack: list[_Frame]) -> None:
        line = self.line_of_mark(event.start_mark)
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Stop(Problem(line, f"more than {MAX_VALUES} values in the file; the limit is {MAX_VALUES}"))
        if len(stack) > MAX_DEPTH:
            raise _Stop(Problem(line, f"nesting deeper than {MAX_DEPTH} levels"))
        path, is_key = self._slot(stack)
        if path is not None and not (stack and stack[-1].mapping):
            self.lines[path] = line  # a list item or the root (a mapping value has its key's line)
        if isinstance(event, yaml.AliasEvent):
            self.problem(line, f"alias '*{event.anchor}' is not allowed; write the value out", path)
            self._place(stack, _SKIP if is_key else None)
            return
        if event.anchor:
            self.problem(line, f"anchor '&{event.anchor}' is not allowed")
        if event.tag is not None:
            self.problem(line, f"explicit tag {event.tag!r} is not allowed", path)
        if isinstance(event, yaml.ScalarEvent):
            if is_key:
                self._place(stack, self._key(event, line, stack[-1]))
            else:
                self._place(stack, self._scalar(event, line, path))
            return
        if is_key:
            self.problem(line, "a key must be plain text, not a list or mapping")
        mapping = isinstance(event, yaml.MappingStartEvent)
        stack.append(_Frame({} if mapping else [], path, mapping, is_key))

    def _text_ok(self, value: str, line: int, path: KeyPath | None) -> None:
        if not value.isascii():
            found = _SURROGATE.search(value)
            if found:
                self.problem(line, f"the text holds U+{ord(found.group()):04X}, half of a UTF-16 surrogate pair: "
                                   f"not a character, and it cannot be written to a page; write the character "
                                   f"itself (or its \\U escape) instead", path)

    def _key(self, event, line: int, parent: _Frame) -> Any:
        key = event.value
        self._text_ok(key, line, None)
        if not event.style and event.tag is None:
            tag = _RESOLVER.resolve(yaml.ScalarNode, key, event.implicit).removeprefix(_TAG)
            if tag == "merge":
                self.problem(line, "merge keys ('<<') are not allowed; write the values out")
                return _SKIP
            if tag != "str":
                self.problem(line, f"key {_cut(key)} is read as a {tag}; keys must be text")
        if key in parent.value:
            first = self.lines.get(parent.path + (key,), "?") if parent.path is not None else "?"
            self.problem(line, f"duplicate key {_cut(key)} (first defined on line {first})")
            return _SKIP
        if parent.path is not None:
            self.lines[parent.path + (key,)] = line
        return key

    def _scalar(self, event, line: int, path: KeyPath | None) -> Any:
        value = event.value
        self._text_ok(value, line, path)
        if event.style or event.tag is not None:  # quoted or block scalar: text; a tag was reported
            return value
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, event.implicit).removeprefix(_TAG)
        if tag == "str":
            return value
        if tag == "bool":
            if value in _BOOL_WORDS:
                return _BOOL_WORDS[value]
            self.problem(line, f"unquoted {value!r} is read as a boolean by YAML 1.1; "
                               f"write \"{value}\" in quotes, or true/false", path)
            return value
        if tag == "int":
            if not _DECIMAL.fullmatch(value):
                self.problem(line, f"{_cut(value)} is read as a YAML 1.1 integer; quote it", path)
                return value
            digits = len(value.lstrip("+-"))
            if digits > MAX_INT_DIGITS:
                self.problem(line, f"a whole number of {digits} digits; at most {MAX_INT_DIGITS} are allowed "
                                   f"(write it in quotes if it is text)", path)
                return value
            return int(value)
        if tag == "float":
            shown = value if len(value) <= 40 else value[:39] + "…"
            self.problem(line, f"unquoted {_cut(value)} is read as the number {_safe_float(value)!r}; "
                               f"write \"{shown}\" in quotes", path)
            return value
        if tag == "null":
            return None
        if tag == "timestamp":
            return value  # kept as written; the schema checks the form
        self.problem(line, f"unquoted {_cut(value)} has a special meaning in YAML 1.1 ({tag}); "
                           f"write it in quotes", path)
        return value


def _safe_float(text: str) -> float:
    try:
        return float(text.replace("_", "")[:400])
    except ValueError:
        return float("nan")


def _escape_problem(text: str, pointer: int, line: int) -> Problem:
    """PyYAML's scanner stops inside ``\\U00110000`` with a ValueError: name the escape."""
    found = _ESCAPE.match(text, max(pointer - 2, 0))
    escape = f"the escape \\{found.group(1)}" if found else "an escape"
    return Problem(line, f"{escape} is outside the Unicode range (the largest code point is \\U0010FFFF); "
                         f"write the character itself")


def _read(text: str, file_lines: list[int], loader_class) -> tuple[_Reader, list[Problem], Exception | None]:
    """(reader, problems that stopped the read, the YAML error that did, if one did)."""
    reader = _Reader(file_lines)
    loader = None
    try:
        loader = loader_class(text)
        reader.read(loader)
        return reader, [], None
    except _Stop as stop:
        return reader, [stop.problem], None
    except yaml.reader.ReaderError as error:  # a character YAML forbids, e.g. NUL
        line = text.count("\n", 0, error.position) + 1
        char = error.character if isinstance(error.character, str) else chr(error.character)
        return reader, [Problem(line, f"character U+{ord(char):04X} is not allowed in YAML; "
                                      f"remove it (or write it as an escape inside double quotes)")], error
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = reader.line_of_mark(mark) if mark else 1
        what = " ".join(str(part) for part in (error.context, error.problem) if part)
        return reader, _unclosed_quote(text, file_lines, line) + [Problem(line, f"YAML syntax error: {what}")], error
    except yaml.YAMLError as error:
        return reader, [Problem(1, f"YAML error: {str(error)[:200]}")], error
    except (ValueError, OverflowError) as error:  # PyYAML's scanner: chr() of an escape beyond U+10FFFF
        line = reader.line_of_mark(loader.get_mark()) if loader is not None else 1
        return reader, [_escape_problem(text, getattr(loader, "pointer", 0), line)], error
    finally:
        if loader is not None:
            loader.dispose()


def _reword(text: str, file_lines: list[int], error: Exception) -> list[Problem] | None:
    """PyYAML's own wording of the syntax error libyaml found (libyaml's messages do not name the
    offending character).  PyYAML's parser is about 20 times slower, so it reads only up to the
    line after the error; None when it does not find the error there (the two parsers differ)."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is None:
        return None
    end = text.find("\n", mark.index)
    end = len(text) if end < 0 else text.find("\n", end + 1)
    prefix = text if end < 0 else text[: end + 1]
    _reader, stopped, again = _read(prefix, file_lines, yaml.SafeLoader)
    found = getattr(again, "problem_mark", None) or getattr(again, "context_mark", None)
    if not stopped or stopped[-1].line > file_lines[min(mark.line, len(file_lines) - 1)] + 1 \
            or found is not None and found.index >= len(prefix) - 1:
        return None  # no error there, or only the end of the shortened text
    return stopped


def _line_text(text: str, yaml_line: int) -> str:
    """The text of one line as YAML counts lines (it also breaks at CR, NEL, U+2028, U+2029)."""
    start = 0
    for number, match in enumerate(re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text)):
        if number == yaml_line:
            return text[start:match.start()]
        start = match.end()
    return text[start:]


def _libyaml_words(text: str, file_lines: list[int], error: Exception, stopped: list[Problem]) -> list[Problem]:
    """libyaml's own message, made as precise as PyYAML's where it is vaguer: it names the
    character that cannot start a token, and the escape that is not a character."""
    mark = getattr(error, "problem_mark", None)
    if mark is None or not stopped:
        return stopped
    line_text, line = _line_text(text, mark.line), stopped[-1].line
    if "escape" in str(getattr(error, "problem", "")):
        for found in _ESCAPE.finditer(line_text):
            code = int(found.group(1)[1:], 16)
            if 0xD800 <= code <= 0xDFFF:
                return stopped[:-1] + [Problem(line, f"the escape \\{found.group(1)} is half of a UTF-16 surrogate "
                                                     f"pair: not a character; write the character itself (or its "
                                                     f"\\U escape) instead")]
            if code > 0x10FFFF:
                return stopped[:-1] + [Problem(line, f"the escape \\{found.group(1)} is outside the Unicode range "
                                                     f"(the largest code point is \\U0010FFFF); write the character "
                                                     f"itself")]
    if "cannot start any token" in stopped[-1].message and mark.column < len(line_text):
        message = stopped[-1].message.replace("found character that", f"found character {line_text[mark.column]!r} that")
        return stopped[:-1] + [Problem(line, message)]
    return stopped


def _unclosed_quote(text: str, file_lines: list[int], error_line: int) -> list[Problem]:
    """A missing closing quote makes YAML read on and fail lines later: point at the opening quote.
    Scans no further than the error's line (and no deeper than MAX_DEPTH), so it stays linear."""
    last, depth = None, 0
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if file_lines[min(token.start_mark.line, len(file_lines) - 1)] > error_line:
                break
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    break
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.end_mark.line > token.start_mark.line:
                last = token
    except (yaml.YAMLError, ValueError, OverflowError):
        pass
    if last is None:
        return []
    start = file_lines[min(last.start_mark.line, len(file_lines) - 1)]
    end = file_lines[min(last.end_mark.line, len(file_lines) - 1)]
    if start == error_line or end + 1 < error_line:
        return []
    return [Problem(start, f"the quoted value starting here runs on to line {end}; "
                           f"is its closing quote missing?")]


def read_yaml(raw: bytes) -> tuple[Any, dict[KeyPath, int], list[Problem]]:
    """Return (data, line of each path, problems). Never raises for bad input."""
    if len(raw) > MAX_BYTES:
        return None, {}, [Problem(1, f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return None, {}, [Problem(line, f"not valid UTF-8 (byte 0x{raw[error.start]:02x})")]
    text = text.removeprefix("\ufeff")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, {}, [Problem(1, "the file is empty")]
    file_lines = _file_lines(text)
    reader, stopped, error = _read(text, file_lines, _LOADER)
    if error is not None and _LOADER is not yaml.SafeLoader:
        small = len(text) <= REWORD_MAX
        if "escape" in str(getattr(error, "problem", "")) and small:
            # libyaml refuses "\ud800" as a syntax error where PyYAML reads on (and the reader then
            # reports the surrogate and every later problem): read it all again with PyYAML.
            reader, stopped, error = _read(text, file_lines, yaml.SafeLoader)
        else:
            stopped = (small and _reword(text, file_lines, error)) or _libyaml_words(text, file_lines, error, stopped)
    problems = reader.problems + stopped
    if reader.unlisted:
        problems.append(unlisted(problems[-1].line, reader.unlisted))
    if stopped:
        return None, {}, problems
    if reader.root is _NONE:
        return None, {}, [Problem(1, "the file is empty")]
    return reader.root, reader.lines, problems
