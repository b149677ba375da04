"""Problems found in the data, reported the way a compiler reports errors."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str

    def format(self, filename: str) -> str:
        return f"{filename}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised with every problem found; never shown as a traceback."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format(self.filename) for p in self.problems]
        count = len(self.problems)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in {self.filename}")
        return "\n".join(lines)
