"""Problems found in the data, reported the way a compiler reports errors."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str
    rule: str | None = field(default=None, compare=False)  # the semantic rule that found it, if any
    file: str | None = None  # another file than the data file (a page), if so

    def format(self, filename: str) -> str:
        return f"{self.file or filename}:{self.line}: {self.message}"


class DataError(Exception):
    """Raised with every problem found; never shown as a traceback."""

    def __init__(self, filename: str, problems: list[Problem]):
        self.filename = filename
        self.problems = sorted(set(problems), key=lambda p: (p.file is not None, p.file or "", p.line, p.message))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.format(self.filename) for p in self.problems]
        count = len(self.problems)
        files = list(dict.fromkeys(p.file or self.filename for p in self.problems)) or [self.filename]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found in {', '.join(files)}")
        return "\n".join(lines)


class CallProblem(Exception):
    """A macro call that the data cannot honour, found while rendering (a page's claim about the
    measured figures that they contradict): the build stops naming the page, never a traceback."""
