"""What the pages ask of the data, checked before anything is rendered.

* Every framework in the data has its page, ``docs/frameworks/<id>.md``, and that
  page is in the navigation (when ``mkdocs.yml`` lists one).
* Every macro call on a page names a declared macro with arguments it takes, and
  every id it passes (a framework, a category, ...) exists in the data.

``python -m fwguide check`` and the build run the same checks, so ``check``
accepts only what the build can build.  Problems name the page and its line.
"""
from __future__ import annotations

import ast
import difflib
import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from fwguide.model import Guide
from fwguide.paths import DATA_REL, MEASUREMENTS_REL, MKDOCS_FILE, display_name
from fwguide.problems import Problem
from fwguide.registry import Macro, macros

# {{ name(args) }} with optional whitespace control; args may span lines.
MACRO_CALL = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)\s*\((.*?)\)\s*-?\}\}", re.S)
RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)


def macro_calls(text: str) -> Iterator[re.Match]:
    """The macro calls Jinja will run: those outside {% raw %} blocks (line numbers kept)."""
    visible = RAW.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return MACRO_CALL.finditer(visible)


def framework_page(framework_id: str) -> str:
    """The source path, under docs/, of a framework's page."""
    return f"frameworks/{framework_id}.md"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for its nav and docs_dir: MkDocs' own tags (!ENV, !!python/name) become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: Path = MKDOCS_FILE) -> dict:
    loaded = yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    return loaded if isinstance(loaded, dict) else {}


def nav_files(nav: Any) -> Iterator[str]:
    """Every Markdown source path the nav names."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_files(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_files(value)


def nav_titles(nav: Any, section: str | None = None) -> dict[str, str]:
    """Source path -> its title in the nav (a section's "Overview" page takes the section's name)."""
    out: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    out[value] = section if title == "Overview" and section else str(title)
                else:
                    out.update(nav_titles(value, str(title)))
    return out


def outcome_page_problems(guide: Guide, docs_dir: Path, nav: Any) -> list[Problem]:
    """Every page an outcome sends readers to exists (and is in the nav when there is one)."""
    problems = []
    listed = set(nav_files(nav)) if nav else None
    for i, node in enumerate(guide.nodes.values()):
        for j, src in enumerate(node.read_next):
            line = guide.line_of("decision", "nodes", i, "read_next", j)
            if not (docs_dir / src).is_file():
                problems.append(Problem(line, f"decision.nodes[{node.id}].read_next: no page "
                                              f"{display_name(docs_dir / src)}"))
            elif listed is not None and src not in listed:
                problems.append(Problem(line, f"decision.nodes[{node.id}].read_next: {src} is not in the nav "
                                              f"of mkdocs.yml"))
    return problems


def framework_page_problems(guide: Guide, docs_dir: Path, nav: Any) -> list[Problem]:
    problems = []
    listed = set(nav_files(nav)) if nav else None
    for i, fw in enumerate(guide.frameworks):
        src = framework_page(fw.id)
        line = guide.line_of("frameworks", i)
        if not (docs_dir / src).is_file():
            problems.append(Problem(line, f"frameworks[{fw.id}]: has no page {display_name(docs_dir / src)}; "
                                          f"create it with the line {{{{ framework_page(\"{fw.id}\") }}}} "
                                          f"and add it to nav in mkdocs.yml"))
        elif listed is not None and src not in listed:
            problems.append(Problem(line, f"frameworks[{fw.id}]: its page {display_name(docs_dir / src)} is "
                                          f"not in the nav of mkdocs.yml"))
    return problems


def _arguments(text: str) -> tuple[list, dict] | None:
    """Literal arguments of a call, or None when they are not all literals."""
    try:
        call = ast.parse(f"f({text})", mode="eval").body
        return ([ast.literal_eval(a) for a in call.args],
                {k.arg: ast.literal_eval(k.value) for k in call.keywords if k.arg})
    except (SyntaxError, ValueError, TypeError, RecursionError):
        return None


def call_problem(guide: Guide, macro: Macro, args: list, kwargs: dict) -> str | None:
    """Why a call of ``macro`` with these arguments cannot be rendered, or None."""
    params = [inspect.Parameter(p.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=p.default)
              for p in macro.params]
    try:
        bound = inspect.Signature(params).bind(*args, **kwargs)
    except TypeError as error:
        return f"{macro.name}(): {error}; it takes {macro.signature()}"
    for p in macro.params:
        value = bound.arguments.get(p.name, p.default)
        if value is None and p.default is None:
            continue  # an optional id left out
        if p.kind == "figure" and value not in guide.ids(p.kind):
            close = difflib.get_close_matches(str(value), guide.ids(p.kind), n=3, cutoff=0.5)
            hint = f" (closest: {', '.join(close)})" if close else ""
            return f"{macro.name}({value!r}): no figure {value!r} in {MEASUREMENTS_REL}{hint}"
        if p.kind and value not in guide.ids(p.kind):
            known = ", ".join(guide.ids(p.kind))
            return f"{macro.name}({value!r}): no {p.kind} {value!r} in {DATA_REL} (known: {known})"
    return None


def page_call_problems(guide: Guide, docs_dir: Path) -> list[Problem]:
    declared = macros()
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for match in macro_calls(text):
            line = match.string.count("\n", 0, match.start()) + 1
            name, parsed = match.group(1), _arguments(match.group(2))
            message = None
            if name not in declared:
                message = f"{name}(): no such macro (declared: {', '.join(sorted(declared))})"
            elif parsed is not None:
                message = call_problem(guide, declared[name], *parsed)
            if message:
                problems.append(Problem(line, message, file=display_name(page)))
    return problems


def page_problems(guide: Guide, docs_dir: Path, nav: Any) -> list[Problem]:
    return (framework_page_problems(guide, docs_dir, nav) + outcome_page_problems(guide, docs_dir, nav)
            + page_call_problems(guide, docs_dir))
