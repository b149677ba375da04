"""Every example file (Python, shell commands, server configuration) is shown
on some page, and every snippet a page includes exists (pymdownx.snippets,
base_path = repository root).

Recognised forms, as in the pymdownx.snippets docs:
    --8<-- "path/file.py"            single line (also 'single quotes')
    --8<-- "path/file.py:10:20"      line range
    --8<-- "path/file.py:section"    named section ([start:section] markers)
    --8<--                           block form: one path per line
    path/file.py
    --8<--
A line starting with ";--8<--" is an escaped, inert marker.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MARKER = "--8<--"
SHOWN_SUFFIXES = {".py", ".sh", ".conf"}  # examples/README.md is the folder's own guide
SINGLE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(["'])(?P<target>.+?)\1\s*$""")
BLOCK = re.compile(r"^\s*-{1,}8<-{1,}\s*$")


def snippet_targets(markdown: str) -> list[str]:
    """Every snippet target ("path" or "path:spec") in one Markdown page."""
    targets, in_block = [], False
    for line in markdown.splitlines():
        stripped = line.strip()
        if stripped.startswith(";"):
            continue
        if in_block:
            if BLOCK.match(line):
                in_block = False
            elif stripped:
                targets.append(stripped)
        elif m := SINGLE.match(line):
            targets.append(m["target"])
        elif BLOCK.match(line):
            in_block = True
    return targets


def split_target(target: str) -> tuple[str, str | None]:
    """'a/b.py:10:20' -> ('a/b.py', '10:20'); 'a/b.py:name' -> ('a/b.py', 'name')."""
    path, _, spec = target.partition(":")
    return path, spec or None


def problems(root: Path) -> list[str]:
    """What is wrong between root/docs and root/examples (empty if nothing)."""
    found: list[str] = []
    included: set[Path] = set()
    for page in sorted((root / "docs").rglob("*.md")):
        for target in snippet_targets(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://")):
                continue
            rel, spec = split_target(target)
            path = (root / rel).resolve()
            where = f"{page.relative_to(root)}: {target!r}"
            if not path.is_file():
                found.append(f"{where} includes a file that does not exist")
                continue
            included.add(path)
            if spec and not re.fullmatch(r"[\d:,-]*", spec):
                text = path.read_text(encoding="utf-8")
                if f"[start:{spec}]" not in text or f"[end:{spec}]" not in text:
                    found.append(f"{where} names a section the file does not mark")
    for source in sorted((root / "examples").rglob("*")):
        if source.suffix not in SHOWN_SUFFIXES or "__pycache__" in source.parts:
            continue
        if source.name == "__init__.py" and not source.read_text().strip():
            continue
        if source.resolve() not in included:
            found.append(f"{source.relative_to(root)} is not included by any page")
    return found


def test_examples_and_snippets_match():
    assert problems(REPO_ROOT) == []


def test_the_check_catches_both_mistakes(tmp_path):
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "__init__.py").write_text("")
    (tmp_path / "examples" / "shown.py").write_text("# --8<-- [start:s]\nx = 1\n# --8<-- [end:s]\n")
    (tmp_path / "examples" / "hidden.py").write_text("y = 2\n")
    (tmp_path / "examples" / "run.sh").write_text("echo hidden\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "page.md").write_text(
        '```python\n--8<-- "examples/shown.py:s"\n```\n'
        "    --8<--\n    examples/shown.py\n    examples/gone.py\n    --8<--\n"
        ';--8<-- "examples/escaped.py"\n'
        '--8<-- "examples/shown.py:nosuchsection"\n'
    )
    assert problems(tmp_path) == [
        "docs/page.md: 'examples/gone.py' includes a file that does not exist",
        "docs/page.md: 'examples/shown.py:nosuchsection' names a section the file does not mark",
        "examples/hidden.py is not included by any page",
        "examples/run.sh is not included by any page",
    ]
