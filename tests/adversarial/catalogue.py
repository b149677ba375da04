"""The catalogue of bad (and odd but valid) inputs, as data.

Each case mutates the valid fixture ``tests/fixtures/valid.yaml`` (or gives raw bytes) and states
what must happen: either errors, each on a given line with message fragments, or a safe render
(the data validates and every renderer escapes it).  ``build=True`` marks the representative of
its group that also goes through a real strict ``mkdocs build``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

import yaml

from fwguide.paths import DATA_REL, ROOT
from fwguide.problems import MAX_LISTED
from fwguide.yamlstrict import MAX_BYTES, MAX_DEPTH, MAX_INT_DIGITS, MAX_VALUES
from support import fixture_text

GROUPS = ("yaml", "schema", "references", "urls", "injection",
          # issue 13: limits of the reader, problems hidden by others, check/build agreement,
          # visible text, element ids derived from data ids
          "limits", "hidden", "agreement", "visible", "ids")


@dataclass(frozen=True)
class Expect:
    """An error on the line holding `needle` (its `nth` occurrence, 1-based; -1 = last) whose
    message contains every fragment.  `line` overrides the needle with a fixed number."""
    needle: str | None
    fragments: tuple[str, ...]
    nth: int = 1
    line: int | None = None

    def line_in(self, text: str) -> int:
        if self.line is not None:
            return self.line
        hits = [n for n, ln in enumerate(text.split("\n"), 1) if self.needle in ln]
        assert hits, f"needle {self.needle!r} not in the mutated text"
        return hits[self.nth - 1] if self.nth > 0 else hits[self.nth]


@dataclass(frozen=True)
class PageExpect:
    """A problem reported for a page (``python -m fwguide check`` and the build): ``file`` is the page
    as the report names it, the line is the one holding ``needle`` in that page."""
    file: str
    needle: str
    fragments: tuple[str, ...]

    def line(self) -> int:
        hits = [n for n, ln in enumerate((ROOT / self.file).read_text(encoding="utf-8").split("\n"), 1)
                if self.needle in ln]
        assert hits, f"needle {self.needle!r} not in {self.file}"
        return hits[0]


@dataclass(frozen=True)
class Case:
    name: str
    group: str
    mutate: Callable[[str], str | bytes]
    errors: tuple[Expect, ...] = ()  # empty (and no page errors): the data is valid and must render safely
    build: bool = False
    family: str | None = None  # injection family (see advhelpers.HOSTILE)
    base: str = "fixture"      # "real": mutate data/frameworks.yaml (valid for the real pages) instead
    pages: tuple[PageExpect, ...] = ()  # problems check and build report for pages (the data itself is valid)

    @property
    def safe(self) -> bool:
        return not self.errors and not self.pages

    def text(self) -> str | bytes:
        if self.base == "real":
            return self.mutate((ROOT / DATA_REL).read_text(encoding="utf-8"))
        return self.mutate(fixture_text())


def err(needle: str | None, *fragments: str, nth: int = 1, line: int | None = None) -> Expect:
    return Expect(needle, fragments, nth, line)


def sub(old: str, new: str, nth: int = 1) -> Callable[[str], str]:
    """Replace the nth occurrence of `old`."""
    def mutate(text: str) -> str:
        parts = text.split(old)
        assert len(parts) > nth, f"fixture has fewer than {nth} of {old!r}"
        return old.join(parts[:nth]) + new + old.join(parts[nth:])
    return mutate


def chain(*mutations: Callable[[str], str]) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        for m in mutations:
            text = m(text)
        return text
    return mutate


def page_err(file: str, needle: str, *fragments: str) -> PageExpect:
    return PageExpect(file, needle, fragments)


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text + extra


def raw(data: bytes | Callable[[str], bytes]) -> Callable[[str], bytes]:
    return (lambda text: data(text)) if callable(data) else (lambda text: data)


def via_data(change: Callable[[dict], None]) -> Callable[[str], str]:
    """Change the parsed fixture, then write it back as YAML (for structural edits)."""
    def mutate(text: str) -> str:
        data = yaml.safe_load(text)
        change(data)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000)
    return mutate


def _many_paths(data: dict) -> None:
    """A ladder of 12 questions whose two answers both lead on: 2**12 paths in 14 nodes."""
    nodes = [{"id": f"q{i}", "question": f"Step {i}?",
              "answers": [{"label": "Left", "next": f"q{i + 1}"}, {"label": "Right", "next": f"q{i + 1}"}]}
             for i in range(12)]
    nodes[-1]["answers"] = [{"label": "Left", "next": "out-a"}, {"label": "Right", "next": "out-a"}]
    nodes.append({"id": "out-a", "recommend": "alpha", "reason": "The end."})
    data["decision"] = {"start": "q0", "nodes": nodes}


def _long_chain(data: dict) -> None:
    """1,500 questions in a row (deeper than Python's recursion limit)."""
    n = 1500
    nodes = [{"id": f"q{i}", "question": f"Step {i}?",
              "answers": [{"label": "On", "next": f"q{i + 1}" if i + 1 < n else "out-a"},
                          {"label": "Stop", "next": "out-a"}]} for i in range(n)]
    nodes.append({"id": "out-a", "recommend": "alpha", "reason": "The end."})
    data["decision"] = {"start": "q0", "nodes": nodes}


def _deep(levels: int) -> Callable[[str], str]:
    return sub('    summary: "A large framework."', "    summary: " + "[" * levels + "x" + "]" * levels)


ALPHA_NOTE = '        note: "Through an extension."\n'
OPENAPI_CELL = ('      openapi:\n        level: not-available\n        note: "Not provided."\n'
                '        source: "https://alpha.example.org/docs/api/"\n')

CASES: list[Case] = [
    # ------------------------------------------------------------------ YAML
    Case("syntax-mapping-in-plain-value", "yaml", sub('summary: "A small framework."', "summary: A small: framework"),
         (err("summary: A small: framework", "YAML syntax error", "mapping values are not allowed"),)),
    Case("syntax-unclosed-quote", "yaml", sub('name: "Beta"', 'name: "Beta'),
         (err('name: "Beta', "quoted value starting here runs on to line 131", "closing quote missing"),
          err('symbol: "*"', "YAML syntax error"))),
    Case("syntax-bad-indentation", "yaml", sub("    role: primary\n", "      role: primary\n"),
         (err("      role: primary", "YAML syntax error"),)),
    Case("tab-indentation", "yaml", sub("    role: primary\n", "\trole: primary\n"),
         (err("\trole: primary", "YAML syntax error", "'\\t'"),)),
    Case("duplicate-key-top", "yaml", append("schema_version: 1\n"),
         (err("schema_version: 1", "duplicate key 'schema_version'", "first defined on line 2", nth=-1),)),
    Case("duplicate-key-framework", "yaml", sub("    role: primary\n", "    role: primary\n    role: reference\n"),
         (err("role: reference", "duplicate key 'role'"),)),
    Case("duplicate-key-cell", "yaml", sub(ALPHA_NOTE, ALPHA_NOTE + '        note: "Said twice."\n'),
         (err('note: "Said twice."', "duplicate key 'note'"),), build=True),
    Case("duplicate-key-support-feature", "yaml",
         sub("      migrations:\n        level: third-party",
             '      orm: {level: built-in, note: "x", source: "https://alpha.example.org/"}\n'
             "      migrations:\n        level: third-party"),
         (err("      orm: {level", "duplicate key 'orm'"),)),
    Case("duplicate-key-decision-node", "yaml",
         sub('      question: "Is it a large project?"\n', '      question: "Is it a large project?"\n      question: "Twice?"\n'),
         (err('question: "Twice?"', "duplicate key 'question'"),)),
    Case("duplicate-key-answer", "yaml", sub("          next: out-beta\n", "          next: out-beta\n          next: q-size\n"),
         (err("next: q-size", "duplicate key 'next'"),)),
    Case("duplicate-key-flow-mapping", "yaml",
         sub('      - text: "Small core."', '      - {text: "Small core.", text: "Smuggled."}\n      - text: "Small core."'),
         (err('text: "Smuggled."', "duplicate key 'text'"),)),
    Case("anchor-and-alias", "yaml",
         chain(sub('    summary: "A small framework."', '    summary: &s "A small framework."'),
               sub('    summary: "A large framework."', "    summary: *s")),
         (err("summary: &s", "anchor '&s' is not allowed"), err("summary: *s", "alias '*s' is not allowed"))),
    Case("anchored-mapping-reused", "yaml",
         chain(sub("      orm:\n        level: third-party", "      orm: &cell\n        level: third-party"),
               sub("      orm:\n        level: built-in\n        note: \"Part of the framework.\"\n"
                   "        source: \"https://docs.beta.example.org/orm/\"\n", "      orm: *cell\n")),
         (err("orm: &cell", "anchor '&cell'"), err("orm: *cell", "alias '*cell'"))),
    Case("merge-key", "yaml", sub(ALPHA_NOTE, ALPHA_NOTE + "        <<: {rating: 5}\n"),
         (err("<<: {rating: 5}", "merge keys ('<<') are not allowed"),)),
    Case("unquoted-no-label", "yaml", sub('label: "No"', "label: No"),
         (err("label: No", "unquoted 'No' is read as a boolean"),)),
    Case("unquoted-yes-flag", "yaml", sub("ai: false", "ai: yes"),
         (err("ai: yes", "unquoted 'yes' is read as a boolean"),)),
    Case("unquoted-on-off", "yaml", chain(sub("ai: false", "ai: on"), sub("ai: true", "ai: off")),
         (err("ai: on", "'on' is read as a boolean"), err("ai: off", "'off' is read as a boolean"))),
    Case("version-as-float", "yaml", sub('latest_version: "6.1"', "latest_version: 6.1"),
         (err("latest_version: 6.1", "'6.1' is read as the number 6.1", 'write "6.1" in quotes'),)),
    Case("python-3.10-as-float", "yaml", sub('python_versions: ["3.10", "3.11"]', "python_versions: [3.10, 3.11]"),
         (err("python_versions: [3.10", "'3.10' is read as the number 3.1"),)),
    Case("hex-integer", "yaml", sub("rating: 3\n", "rating: 0x3\n"),
         (err("rating: 0x3", "'0x3' is read as a YAML 1.1 integer"),)),
    Case("unquoted-date-is-text", "yaml", sub('released: "2026-01-15"', "released: 2026-01-15")),
    Case("unquoted-impossible-date", "yaml", sub('released: "2026-08-01"', "released: 2026-13-45"),
         (err("released: 2026-13-45", "'2026-13-45' is not a real date"),)),
    Case("unquoted-datetime", "yaml", sub('reviewed: "2026-11-01"', "reviewed: 2026-11-01 10:00:00"),
         (err("reviewed: 2026-11-01 10:00:00", "does not have the expected form", "YYYY-MM-DD"),)),
    Case("explicit-standard-tag", "yaml", sub('label: "No"', "label: !!str no"),
         (err("label: !!str no", "explicit tag 'tag:yaml.org,2002:str' is not allowed"),)),
    Case("explicit-python-tag", "yaml", sub('summary: "A small framework."', "summary: !!python/object:os.system x"),
         (err("summary: !!python", "explicit tag", "is not allowed"),)),
    Case("key-is-not-text", "yaml", append("1: one\n"),
         (err("1: one", "key '1' is read as a int; keys must be text"),)),
    Case("empty-file", "yaml", raw(b""), (err(None, "the file is empty", line=1),)),
    Case("only-comments", "yaml", raw(b"# nothing\n\n   # here\n"), (err(None, "the file is empty", line=1),)),
    Case("file-is-a-list", "yaml", raw(b"- schema_version: 1\n- frameworks: []\n"),
         (err(None, "the file must be a mapping of keys, found list", line=1),)),
    Case("file-is-a-scalar", "yaml", raw(b"frameworks\n"),
         (err(None, "the file must be a mapping of keys", line=1),)),
    Case("non-utf8-byte", "yaml", raw(lambda t: t.encode("utf-8").replace(b'"A large framework."',
                                                                  b'"A large fram\xe9work."')),
         (err("A large fram", "not valid UTF-8 (byte 0xe9)"),)),
    Case("nul-character", "yaml", sub('"A large framework."', '"A large\x00 framework."'),
         (err("A large", "character U+0000 is not allowed"),)),
    Case("very-large-file", "yaml", append("#" + "x" * MAX_BYTES + "\n"),
         (err(None, f"the limit is {MAX_BYTES}", line=1),)),
    Case("nesting-too-deep", "yaml", _deep(60), (err("summary: [[[", "nesting deeper than 40 levels"),)),
    Case("nesting-beyond-recursion", "yaml", _deep(20_000), (err("summary: [[[", "nesting deeper than 40 levels"),)),
    Case("block-nesting-beyond-recursion", "yaml", sub("    summary: \"A large framework.\"", "    summary:\n" + "      " + "- " * 5_000 + "x"),
         (err("      - - - -", f"nesting deeper than {MAX_DEPTH} levels"),)),  # on its line, not line 1
    Case("line-separator-keeps-line-numbers", "yaml",
         chain(sub('"A small framework."', '"A small\u2028framework\u0085."'), sub("rating: 5\n", "rating: 9\n")),
         (err("rating: 9", "9 is above 5"),)),
    Case("bom-and-crlf", "yaml", raw(lambda t: ("\ufeff" + t).replace("\n", "\r\n").encode("utf-8"))),
    # ---------------------------------------------------------------- schema
    Case("unknown-top-key", "schema", append("mystery: 1\n"), (err("mystery: 1", "top level: unknown key 'mystery'"),)),
    Case("unknown-framework-key", "schema",
         sub("    role: primary\n", '    role: primary\n    homepge: "https://alpha.example.org/"\n'),
         (err("homepge:", "frameworks[alpha]: unknown key 'homepge'", "homepage"),)),
    Case("unknown-cell-key", "schema", sub(ALPHA_NOTE, ALPHA_NOTE + '        sauce: "x"\n'),
         (err("sauce:", "frameworks[alpha].support.orm: unknown key 'sauce'"),)),
    Case("missing-required-key", "schema", sub('    summary: "A small framework."\n', ""),
         (err("- id: alpha", "frameworks[alpha]: missing required key 'summary'"),)),
    Case("missing-answer-next", "schema", sub("          next: out-alpha\n", ""),
         (err('label: "No"', "missing required key 'next'", nth=2),)),
    Case("null-value", "schema", sub('    summary: "A large framework."', "    summary:"),
         (err("summary:", "frameworks[beta].summary: expected text, found null", nth=2),)),
    Case("rating-as-text", "schema", sub("rating: 3\n", 'rating: "3"\n'),
         (err('rating: "3"', "expected a whole number", '"3"'),)),
    Case("flag-as-text", "schema", sub("ai: true", 'ai: "true"'), (err('ai: "true"', "expected true or false"),)),
    Case("versions-not-a-list", "schema", sub('python_versions: ["3.10", "3.11"]', 'python_versions: "3.10"'),
         (err('python_versions: "3.10"', "expected a list"),)),
    Case("support-as-list", "schema", via_data(lambda d: d["frameworks"][0].update(support=[])),
         (err("support: []", "frameworks[alpha].support: expected a mapping, found list"),)),
    Case("level-outside-vocabulary", "schema", sub("level: not-available", "level: sort-of"),
         (err("level: sort-of", '"sort-of" is not one of', "built-in"),), build=True),
    Case("role-outside-vocabulary", "schema", sub("role: primary", "role: main"),
         (err("role: main", '"main" is not one of primary, reference'),)),
    Case("rating-above-five", "schema", sub("rating: 5\n", "rating: 6\n"), (err("rating: 6", "6 is above 5"),)),
    Case("rating-below-one", "schema", sub("rating: 3\n", "rating: 0\n"), (err("rating: 0", "0 is below 1"),)),
    Case("schema-version-2", "schema", sub("schema_version: 1", "schema_version: 2"),
         (err("schema_version: 2", "2 is not one of 1"),)),
    Case("empty-name", "schema", sub('name: "Alpha"', 'name: ""'),
         (err('name: ""', "text of 0 characters; at least 1 allowed"),)),
    Case("blank-name", "schema", sub('name: "Alpha"', 'name: "   "'),
         (err('name: "   "', "does not have the expected form"),)),
    Case("control-character-in-label", "schema", sub('name: "Alpha"', 'name: "Al\\apha"'),
         (err('name: "Al\\apha"', "does not have the expected form"),)),
    Case("very-long-label", "schema", sub('name: "Alpha"', f'name: "{"A" * 81}"'),
         (err('name: "AAAA', "text of 81 characters; at most 80 allowed"),)),
    Case("very-long-text", "schema", sub('summary: "A small framework."', f'summary: "{"word " * 130}"'),
         (err('summary: "word', "text of 650 characters; at most 600 allowed"),)),
    Case("id-not-lower-case", "schema", sub("  - id: beta\n", "  - id: Beta_2\n"),
         (err("- id: Beta_2", '"Beta_2" does not have the expected form', "Lower-case words"),)),
    Case("id-with-trailing-newline", "schema",
         chain(sub("    - id: q-size\n", '    - id: "q-size\\n"\n'), sub("next: q-size\n", 'next: "q-size\\n"\n')),
         (err('- id: "q-size', "does not have the expected form"),
          err('next: "q-size', "does not have the expected form"))),
    Case("label-with-trailing-newline", "schema", sub('name: "Alpha"', 'name: "Alpha\\n"'),
         (err('name: "Alpha\\n"', '"Alpha\\n" does not have the expected form'),)),
    Case("bad-licence-id", "schema", sub('licence: "BSD-3-Clause"', 'licence: "BSD 3 <Clause>"'),
         (err('licence: "BSD 3', "does not have the expected form", "SPDX"),)),
    # ------------------------------------------------------------ references
    Case("unknown-framework", "references", sub("recommend: alpha", "recommend: gamma"),
         (err("recommend: gamma", "recommends 'gamma', which is not a defined framework"),)),
    Case("unknown-feature", "references",
         sub("    considerations:\n      project-size:\n        rating: 3",
             '      graphql:\n        level: not-available\n        note: "None."\n'
             '        source: "https://alpha.example.org/docs/"\n'
             "    considerations:\n      project-size:\n        rating: 3"),
         (err("      graphql:", "'graphql' is not a defined feature"),)),
    Case("missing-cell", "references", sub(OPENAPI_CELL, ""),
         (err("    support:", "frameworks[alpha].support: no entry for 'openapi'"),)),
    Case("unknown-category", "references", sub("    category: apis", "    category: api"),
         (err("category: api", "unknown category 'api'"), err("  - id: apis", "categories[apis]: no feature"))),
    Case("unknown-decision-node", "references", sub("next: out-alpha", "next: out-gamma"),
         (err("next: out-gamma", "leads to 'out-gamma', which is not a defined node"),
          err("    - id: out-alpha", "not reachable from the start"))),
    Case("unknown-start", "references", sub("start: q-users", "start: q-nowhere"),
         (err("start: q-nowhere", "'q-nowhere' is not a defined node"),)),
    Case("duplicate-framework-id", "references", sub("  - id: beta\n", "  - id: alpha\n"),
         (err("  - id: alpha", "frameworks: id 'alpha' is defined twice", nth=2),)),
    Case("duplicate-feature-id", "references", sub("  - id: migrations\n", "  - id: orm\n"),
         (err("  - id: orm", "features: id 'orm' is defined twice", nth=2),)),
    Case("duplicate-node-id", "references", sub("    - id: out-beta-large\n", "    - id: out-beta\n"),
         (err("    - id: out-beta", "node id 'out-beta' is defined twice", nth=2),)),
    Case("cycle", "references", sub("next: out-alpha", "next: q-users"),
         (err("    - id: q-size", "decision: cycle q-users -> q-size -> q-users"),
          err("    - id: out-alpha", "not reachable")), build=True),
    Case("unreachable-node", "references",
         sub("scenarios:\n", '    - id: out-orphan\n      recommend: alpha\n      title: "Orphan"\n'
             '      reason: "Nobody gets here."\n      architecture: ["None."]\n      add: ["None."]\n'
             '      why_not: {beta: "None."}\n      reconsider: ["Never."]\n      read_next: ["comparison.md"]\n'
             '      sources: ["https://alpha.example.org/docs/"]\nscenarios:\n'),
         (err("- id: out-orphan", "decision.nodes[out-orphan]: not reachable from the start 'q-users'"),)),
    Case("question-with-one-answer", "references",
         sub('        - label: "Yes"\n          next: out-beta-large\n', ""),
         (err("      answers:", "decision.nodes[q-size].answers: 1 items; at least 2 needed", nth=2),
          err("- id: out-beta-large", "not reachable"))),
    Case("outcome-without-reason", "references", sub('      reason: "Small and quick."\n', ""),
         (err("    - id: out-alpha", "decision.nodes[out-alpha]: missing required key 'reason'"),)),
    Case("outcome-with-answers", "references",
         sub('      reason: "Small and quick."\n', '      reason: "Small and quick."\n      answers: []\n'),
         (err("      answers: []", "unknown key 'answers'"),)),
    Case("answer-given-twice", "references", sub('        - label: "No"\n          next: q-size', '        - label: "Yes"\n          next: q-size'),
         (err('label: "Yes"', "answer 'Yes' is given twice", nth=2),)),
    Case("extension-without-package", "references", sub('        package: "Alpha-SQL"\n', ""),
         (err("      orm:", "level 'third-party' needs 'package'"),)),
    Case("built-in-with-package", "references",
         sub('        level: built-in\n        note: "Part of the framework."',
             '        level: built-in\n        package: "beta-orm"\n        note: "Part of the framework."'),
         (err('package: "beta-orm"', "level 'built-in' takes no 'package'"),)),
    Case("rating-beyond-scale", "references",
         sub('  - value: 4\n    label: "Good"\n  - value: 5\n    label: "Excellent"\n', ""),
         (err("rating: 5", "rating 5 is not on the rating_scale (1 to 3)"),)),
    Case("rating-scale-gap", "references", sub("  - value: 4\n", "  - value: 5\n"),
         (err("rating_scale:", "without gaps, found [1, 2, 3, 5]"),)),
    Case("missing-legend-level", "references",
         sub('  - id: third-party\n    label: "Third-party package"\n    symbol: "↗"\n'
             '    description: "A community package, installed separately."\n', ""),
         (err("support_levels:", "level 'third-party' has no legend entry"),)),
    Case("future-date", "references", sub('reviewed: "2026-11-01"', 'reviewed: "2027-01-01"'),
         (err('reviewed: "2027-01-01"', "2027-01-01 is in the future"),)),
    Case("released-after-reviewed", "references", sub('released: "2026-08-01"', 'released: "2026-11-02"'),
         (err('released: "2026-11-02"', "released 2026-11-02 is after reviewed 2026-11-01"),)),
    Case("exponential-decision-paths", "references", via_data(_many_paths),
         (err("start: q0", "4096 paths lead from the start to an outcome; at most 200"),)),
    Case("very-long-decision-chain", "references", via_data(_long_chain),
         (err("start: q0", "1501 paths lead from the start", "at most 200"),)),
    # ------------------------------------------------------------------ URLs
    Case("http-url", "urls", sub('homepage: "https://alpha.example.org/"', 'homepage: "http://alpha.example.org/"'),
         (err('homepage: "http://', "does not have the expected form", "absolute https URL"),)),
    Case("javascript-url", "urls", sub('source: "https://alpha-sql.example.org/"', 'source: "javascript:alert(1)"'),
         (err('source: "javascript:', '"javascript:alert(1)" does not have the expected form'),), build=True),
    Case("data-url", "urls", sub('source: "https://beta-rest.example.org/"', 'source: "data:text/html,<script>alert(1)</script>"'),
         (err('source: "data:', "does not have the expected form"),)),
    Case("relative-url", "urls", sub('docs: "https://alpha.example.org/docs/"', 'docs: "/docs/"'),
         (err('docs: "/docs/"', "does not have the expected form"),)),
    Case("scheme-only-url", "urls", sub('docs: "https://alpha.example.org/docs/"', 'docs: "https://"'),
         (err('docs: "https://"', "does not have the expected form"),)),
    Case("url-with-space", "urls", sub('docs: "https://alpha.example.org/docs/"', 'docs: "https://alpha.example.org/my docs/"'),
         (err('docs: "https://alpha.example.org/my docs/"', "does not have the expected form"),)),
    Case("url-breaking-attribute", "urls",
         sub('source: "https://alpha-sql.example.org/"', 'source: "https://alpha-sql.example.org/\\" onmouseover=\\"alert(1)"'),
         (err("onmouseover", "does not have the expected form"),)),
    Case("url-with-credentials", "urls", sub('source: "https://alpha-sql.example.org/"', 'source: "https://user:pw@evil.example.org/"'),
         (err("user:pw@", "does not have the expected form"),)),
    Case("url-single-label-host", "urls", sub('source: "https://alpha-sql.example.org/"', 'source: "https://localhost.a/"'),
         (err('source: "https://localhost.a/"', "does not have the expected form"),)),
    Case("url-with-trailing-newline", "urls", sub('docs: "https://alpha.example.org/docs/"', 'docs: "https://alpha.example.org/docs/\\n"'),
         (err('docs: "https://alpha.example.org/docs/\\n"', "does not have the expected form"),)),
    Case("built-in-cites-third-party-site", "urls",
         sub('source: "https://docs.beta.example.org/orm/"', 'source: "https://blog.example.net/beta-orm"'),
         (err('source: "https://blog.example.net', "not on the framework's own site"),)),
    Case("repository-path-prefix-trick", "urls",
         sub('licence_source: "https://github.com/example/alpha/blob/main/LICENSE"',
             'licence_source: "https://github.com/example/alpha-fork/blob/main/LICENSE"'),
         (err("alpha-fork", "not on the framework's own site"),)),
]

# ----------------------------------------------------------------- issue 13, by class

def _billion_laughs(text: str) -> str:
    """Nine levels of ten aliases each: 10**9 strings once expanded, 1 kB as written."""
    lines = ['zz_lol: &l0 "lol"']
    for level in range(1, 10):
        lines.append(f"zz_l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]")
    return text + "\n".join(lines) + "\n"


def _many_tags(n: int) -> Callable[[str], str]:
    return append("zz_tags:\n" + "".join(f"  - !!str t{i}\n" for i in range(n)))


def _too_many_values(text: str) -> str:
    return text + "zz_values: [" + ",".join(["1"] * (MAX_VALUES + 1)) + "]\n"


def _add_consideration(*new_ids: str, ai: bool = False) -> Callable[[dict], None]:
    """Real data plus considerations rated by every framework (valid: nothing else refers to them)."""
    def change(data: dict) -> None:
        for ident in new_ids:
            data["considerations"].append({"id": ident, "name": f"Criterion {ident}", "ai": ai,
                                           "question": f"How well does it do {ident}?"})
            for fw in data["frameworks"]:
                fw["considerations"][ident] = {"rating": 3, "reason": "Added for the test.", "source": fw["docs"]}
    return change


def _add_feature(ident: str, category: str) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        data["features"].append({"id": ident, "name": f"Feature {ident}", "category": category,
                                 "description": "Added for the test."})
        for fw in data["frameworks"]:
            fw["support"][ident] = {"level": "not-available", "note": "Added for the test.", "source": fw["docs"]}
    return change


def _rename(old: str, new: str) -> Callable[[str], str]:
    """Rename an id everywhere in the data (the pages keep naming the old one)."""
    def mutate(text: str) -> str:
        renamed = re.sub(rf'(?<![\w-]){re.escape(old)}(?![\w-])', new, text)
        assert renamed != text, old
        return renamed
    return mutate


FLOW_CELL = '      orm: {level: sort-of, note: yes, source: "http://alpha.example.org/"}\n'

CASES += [
    # 1. limits: every path is bounded; a limit reached is a problem on a line, never a traceback
    Case("long-integer", "limits", sub("rating: 3\n", "rating: " + "9" * 5000 + "\n"),
         (err("rating: 9999", "a whole number of 5000 digits", f"at most {MAX_INT_DIGITS}"),), build=True),
    Case("escape-beyond-unicode", "limits", sub('name: "Alpha"', 'name: "\\U00110000"'),
         (err('name: "\\U00110000"', "the escape \\U00110000 is outside the Unicode range"),)),
    Case("escape-overflowing-c-int", "limits", sub('summary: "A small framework."', 'summary: "x \\UFFFFFFFF"'),
         (err("UFFFFFFFF", "the escape \\UFFFFFFFF is outside the Unicode range"),)),
    Case("billion-laughs", "limits", _billion_laughs,
         (err("zz_lol: &l0", "anchor '&l0' is not allowed"), err("zz_l1: &l1", "alias '*l0' is not allowed"),
          err("zz_l9: &l9", "alias '*l8' is not allowed"))),
    Case("many-tagged-lines", "limits", _many_tags(1500),
         (err("  - !!str t0", "explicit tag 'tag:yaml.org,2002:str'"),
          err("  - !!str t1499", "explicit tag"), err("zz_tags:", "unknown key 'zz_tags'"))),
    Case("more-problems-than-a-report-lists", "limits", _many_tags(5000),
         (err("  - !!str t0", "explicit tag"), err("  - !!str t1999", "explicit tag"),
          err("  - !!str t1999", "more problems are not listed", f"a report lists at most {MAX_LISTED}"))),
    Case("quote-before-deep-nesting", "limits",
         sub('    summary: "A large framework."', "    summary: well-'known\n    zz: " + "[" * 5000 + "]" * 5000),
         (err("    zz: [[[[", f"nesting deeper than {MAX_DEPTH} levels"),)),
    Case("too-many-values", "limits", _too_many_values,
         (err("zz_values: [", f"more than {MAX_VALUES} values"),)),
    Case("backtracking-bait", "limits", sub('name: "Alpha"', 'name: "' + "a " * 200_000 + 'b\\x01"'),
         (err('name: "a a a', "text of 400002 characters; at most 80 allowed"),)),
    # 2. hidden: several mistakes on one line are all listed
    Case("three-mistakes-in-one-flow-cell", "hidden",
         sub("      orm:\n        level: third-party\n        package: \"Alpha-SQL\"\n" + ALPHA_NOTE
             + '        source: "https://alpha-sql.example.org/"\n', FLOW_CELL),
         (err("orm: {level: sort-of", '"sort-of" is not one of'), err("orm: {level: sort-of", "unquoted 'yes'"),
          err("orm: {level: sort-of", '"http://alpha.example.org/" does not have the expected form')), build=True),
    Case("float-and-bad-version-in-one-list", "hidden",
         sub('python_versions: ["3.10", "3.11"]', 'python_versions: [3.10, "2.7"]'),
         (err("python_versions: [3.10", "'3.10' is read as the number 3.1"),
          err("python_versions: [3.10", '"2.7" does not have the expected form'))),
    Case("duplicate-key-with-a-bad-value", "hidden",
         sub('      - text: "Small core."', '      - {text: "Small core.", text: yes}\n      - text: "Small core."'),
         (err("text: yes}", "duplicate key 'text'"), err("text: yes}", "unquoted 'yes' is read as a boolean"))),
    Case("merge-key-with-a-bad-value", "hidden", sub(ALPHA_NOTE, ALPHA_NOTE + "        <<: {rating: on}\n"),
         (err("<<: {rating: on}", "merge keys"), err("<<: {rating: on}", "unquoted 'on' is read as a boolean"))),
    Case("reader-schema-and-rule-on-one-answer", "hidden",
         sub('        - label: "No"\n          because: "It is small."\n          next: out-alpha\n',
             "        - {label: No, next: Nowhere}\n"),
         (err("{label: No, next: Nowhere}", "unquoted 'No' is read as a boolean"),
          err("{label: No, next: Nowhere}", '"Nowhere" does not have the expected form'),
          err("{label: No, next: Nowhere}", "leads to 'Nowhere', which is not a defined node"))),
    # 3. agreement: what check accepts builds; what it refuses, the build refuses with the same lines
    Case("lone-surrogate-escape", "agreement", sub('name: "Alpha"', 'name: "Al\\ud800pha"'),
         (err('name: "Al\\ud800pha"', "U+D800, half of a UTF-16 surrogate pair"),), build=True),
    Case("surrogate-pair-as-two-escapes", "agreement", sub('summary: "A small framework."', 'summary: "\\ud83d\\ude00"'),
         (err("ud83d", "U+D83D, half of a UTF-16 surrogate pair"),)),
    Case("lone-surrogate-in-a-key", "agreement", append('"zz\\udc00": 1\n'),
         (err('"zz\\udc00": 1', "U+DC00, half of a UTF-16 surrogate pair"),)),
    Case("renamed-feature-still-linked", "agreement", _rename("orm", "object-mapper"), base="real",
         pages=(page_err("docs/ai/users-admin.md", "comparison.md#feature--orm", "no feature 'orm'"),), build=True),
    Case("renamed-consideration-still-linked", "agreement", _rename("project-size", "team-size"), base="real",
         pages=(page_err("docs/ai/users-admin.md", "considerations.md#consideration--project-size",
                         "no consideration 'project-size'"),)),
    Case("renamed-category-still-shown", "agreement", _rename("deployment", "serving-stack"), base="real",
         pages=(page_err("docs/ai/deployment.md", 'category_table("deployment")', "no category 'deployment'"),)),
    Case("renamed-feature-still-listed", "agreement", _rename("websockets", "web-sockets"), base="real",
         pages=(page_err("docs/ai/websockets.md", 'features_table(["websockets"])', "no feature 'websockets'"),)),
    Case("renamed-framework-still-paged", "agreement", _rename("flask", "flask-ng"), base="real",
         pages=(page_err("docs/frameworks/flask.md", 'framework_page("flask")', "no framework 'flask'"),)),
    # 4. visible: text shows as what it is
    Case("name-of-invisible-characters", "visible", sub('name: "Alpha"', 'name: "\\u200b\\u2060"'),
         (err('name: "\\u200b', "shows nothing"),), build=True),
    Case("name-of-hangul-fillers", "visible", sub('name: "Beta"', 'name: "\\u3164\\u3164"'),
         (err('name: "\\u3164', "shows nothing"),)),
    Case("answers-differing-by-trailing-space", "visible",
         sub('        - label: "No"\n          next: q-size', '        - label: "Yes "\n          next: q-size'),
         (err('label: "Yes "', '"Yes " does not have the expected form'),
          err('label: "Yes "', "looks the same as answer 'Yes'"))),
    Case("answers-differing-by-case", "visible",
         sub('        - label: "No"\n          next: q-size', '        - label: "YES"\n          next: q-size'),
         (err('label: "YES"', "answer 'YES' looks the same as answer 'Yes'"),)),
    Case("bidi-override-in-url", "visible",
         sub('source: "https://alpha-sql.example.org/"', 'source: "https://alpha-sql.example.org/\\u202egnp.exe"'),
         (err("u202egnp", "does not have the expected form", "direction character"),)),
    Case("control-character-in-url", "visible",
         sub('docs: "https://alpha.example.org/docs/"', 'docs: "https://alpha.example.org/do\\x07cs/"'),
         (err("do\\x07cs", "does not have the expected form"),)),
    Case("label-with-leading-space", "visible", sub('name: "Alpha"', 'name: " Alpha"'),
         (err('name: " Alpha"', "no space at either end"),)),
    # 5. ids: element ids made from data ids never collide (valid data, built: see test_adv_agreement)
    Case("weight-id-and-its-suffix", "ids", via_data(_add_consideration("project-size-q")), base="real", build=True),
    Case("feature-id-shaped-like-a-heading", "ids", via_data(_add_feature("comparison", "apis")), base="real",
         build=True),
    Case("chain-of-suffixed-ids-in-both-groups", "ids",
         chain(via_data(_add_consideration("x")), via_data(_add_consideration("x-q", "x-q-q", ai=True))),
         base="real", build=True),
]

# ------------------------------------------------------------------ injection: valid data, hostile text
FAMILIES = ("html", "attribute", "markdown", "mermaid", "jinja", "snippet", "unicode")   # one site built for each
for _family in FAMILIES:
    CASES.append(Case(f"hostile-{_family}", "injection", lambda text: text, family=_family, build=True))


def by_name() -> dict[str, Case]:
    return {case.name: case for case in CASES}
