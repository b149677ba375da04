"""What the pages ask of the data, checked before anything is rendered.

* Every framework in the data has its page, ``docs/frameworks/<id>.md``, and that
  page is in the navigation (when ``mkdocs.yml`` lists one).
* Every macro call on a page names a declared macro with arguments it takes, and
  every id it passes (a framework, a category, ...) exists in the data.
* Every link to an element made from a data id (``comparison.md#feature--orm``,
  see ``render.html.dom_id``) names an id that exists, on a page whose macros
  show that element: renaming a feature the prose links to fails here, with the
  page and the id, rather than as an anchor warning without a line.

``python -m fwguide check`` and the build run the same checks, so ``check``
accepts only what the build can build.  Problems name the page and its line.
"""
from __future__ import annotations

import ast
import difflib
import html
import inspect
import posixpath
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
    """Source path -> its title in the nav (a section's "Overview" page takes the section's name).
    Reads MkDocs' nav (``[{Title: path or [...]}]``) and Zensical's (``[{title, url, children}]``)."""
    out: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict) and "title" in item and ("url" in item or "children" in item):
            title = str(item["title"])
            if isinstance(item.get("url"), str) and item["url"].endswith(".md"):
                out[item["url"]] = section if title == "Overview" and section else title
            out.update(nav_titles(item.get("children"), title))
        elif isinstance(item, dict):
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
        problem = _ids_problem(guide, macro, p, value) if p.kind else None
        if problem:
            return problem
    return None


def _ids_problem(guide: Guide, macro: Macro, p, value) -> str | None:
    """Why ``value`` is not what the id parameter ``p`` takes (one id, or a list of them), or None."""
    if p.many and (not isinstance(value, (list, tuple)) or not value):
        return f"{macro.name}({value!r}): {p.name} must be a non-empty list of {p.kind} ids"
    values = list(value) if p.many else [value]
    for one in values:
        if one in guide.ids(p.kind):
            continue
        if p.kind == "figure":
            close = difflib.get_close_matches(str(one), guide.ids(p.kind), n=3, cutoff=0.5)
            hint = f" (closest: {', '.join(close)})" if close else ""
            return f"{macro.name}({value!r}): no figure {one!r} in {MEASUREMENTS_REL}{hint}"
        known = ", ".join(guide.ids(p.kind))
        return f"{macro.name}({value!r}): no {p.kind} {one!r} in {DATA_REL} (known: {known})"
    if len(set(values)) < len(values):
        return f"{macro.name}({value!r}): {p.name} names a {p.kind} twice"
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


# A link whose fragment is a derived id: [text](../comparison.md#feature--orm), [ref]: target, href="...".
DERIVED_LINK = re.compile(r"""(?:\]\(\s*<?|^\s*\[[^\]\n]+\]:\s*<?|href=["'])([^\s()<>"'#]*)#([a-z0-9-]*--[a-z0-9-]*)""",
                          re.M)
CODE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$|`[^`\n]+`", re.S | re.M)
ELEMENT_ID = re.compile(r'\bid="([^"]+)"')


def _outside_code(text: str) -> str:
    """The text with code blocks and code spans blanked (line breaks kept): links there are examples."""
    return CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), RAW.sub(lambda m: "\n" * m.group(0).count("\n"), text))


def page_anchors(guide: Guide, docs_dir: Path, src: str) -> set[str] | None:
    """The element ids the macro calls on a page render (None when a call's arguments are not literals)."""
    from fwguide.render.links import PageLinks  # the renderers import this module
    path = docs_dir / src
    if not path.is_file():
        return set()
    declared, found = macros(), set()
    for match in macro_calls(path.read_text(encoding="utf-8")):
        name, parsed = match.group(1), _arguments(match.group(2))
        if name not in declared:
            continue  # reported by page_call_problems
        if parsed is None:
            return None
        m, (args, kwargs) = declared[name], parsed
        if call_problem(guide, m, args, kwargs):
            continue
        if m.takes_links:
            kwargs = {**kwargs, "links": PageLinks(src)}
        found.update(html.unescape(i) for i in ELEMENT_ID.findall(m.render(guide, *args, **kwargs)))
    return found


def _known(ids: tuple[str, ...], most: int = 12) -> str:
    return ", ".join(ids[:most]) + (f", ... ({len(ids) - most} more)" if len(ids) > most else "")


def anchor_link_problems(guide: Guide, docs_dir: Path) -> list[Problem]:
    from fwguide.render.html import DERIVED_IDS
    anchors: dict[str, set[str] | None] = {}
    problems = []
    for page in sorted(docs_dir.rglob("*.md")):
        src = page.relative_to(docs_dir).as_posix()
        text = _outside_code(page.read_text(encoding="utf-8"))
        for match in DERIVED_LINK.finditer(text):
            target, fragment = match.group(1), match.group(2)
            prefix, _, rest = fragment.partition("--")
            if prefix not in DERIVED_IDS:
                continue
            kind, ident = DERIVED_IDS[prefix], rest.split("--")[0]
            line = text.count("\n", 0, match.start()) + 1
            shown = f"{target}#{fragment}"
            if ident not in guide.ids(kind):
                message = (f"link to {shown}: no {kind} {ident!r} in {DATA_REL} "
                           f"(known: {_known(guide.ids(kind))})")
            else:
                dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), target)) if target else src
                if not dest.endswith(".md"):
                    continue  # not a page source; MkDocs checks it
                if dest not in anchors:
                    anchors[dest] = page_anchors(guide, docs_dir, dest)
                found = anchors[dest]
                if found is None or fragment in found:
                    continue
                message = (f"link to {shown}: {display_name(docs_dir / dest)} has no element with that id "
                           f"(no macro on it shows the {kind} {ident!r})")
            problems.append(Problem(line, message, file=display_name(page)))
    return problems


def page_problems(guide: Guide, docs_dir: Path, nav: Any) -> list[Problem]:
    return (framework_page_problems(guide, docs_dir, nav) + outcome_page_problems(guide, docs_dir, nav)
            + page_call_problems(guide, docs_dir) + anchor_link_problems(guide, docs_dir))
