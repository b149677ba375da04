"""Read examples/commands.sh: the commands the pages show, by section name.

Sections are marked the way pymdownx.snippets marks them, so the pages include
the same lines the tests run:  # --8<-- [start:name] ... # --8<-- [end:name]
"""

from __future__ import annotations

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMANDS = REPO_ROOT / "examples" / "commands.sh"
DOCUMENTED_PORT = "8000"
MARKER = re.compile(r"--8<-- \[(start|end):([\w-]+)\]")
PIN = re.compile(r"""["']?([A-Za-z0-9_.-]+)(?:\[[\w,-]+\])?==([0-9][0-9A-Za-z.+-]*)["']?""")


def sections(text: str | None = None) -> dict[str, str]:
    """Every named section's lines, markers left out (as the pages show them)."""
    text = COMMANDS.read_text(encoding="utf-8") if text is None else text
    found: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in text.splitlines():
        marker = MARKER.search(line)
        if marker and marker[1] == "start":
            assert current is None, f"section {marker[2]!r} starts inside {current!r}"
            current, lines = marker[2], []
        elif marker:
            assert marker[2] == current, f"section {marker[2]!r} ends but {current!r} is open"
            assert current not in found, f"section {current!r} appears twice"
            found[current] = "\n".join(lines) + "\n"
            current = None
        elif current is not None:
            lines.append(line)
    assert current is None, f"section {current!r} never ends"
    return found


def commands(name: str) -> list[str]:
    """The section's shell commands: comments dropped, continuations joined."""
    joined = sections()[name].replace("\\\n", " ")
    return [
        " ".join(line.split())
        for line in joined.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def start_script(*names: str, port: int | None = None, replace: dict[str, str] | None = None) -> str:
    """A bash script running the named sections in order, the last one with
    ``exec`` (so that a server is the very process the tests start and stop),
    on ``port`` instead of the documented 8000 if given."""
    lines = [line for name in names for line in commands(name)]
    lines[-1] = "exec " + lines[-1]
    script = "set -e\n" + "\n".join(lines) + "\n"
    for old, new in (replace or {}).items():
        assert old in script, f"{old!r} is not in the commands {names}"
        script = script.replace(old, new)
    if port is None:
        return script
    assert DOCUMENTED_PORT in script, script
    return script.replace(DOCUMENTED_PORT, str(port))


def pins(text: str) -> list[tuple[str, str]]:
    """Every name==version in ``text``."""
    return PIN.findall(text)
