"""Problems found in the data, reported the way a compiler reports errors."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    line: int
    message: str
    rule: str | None = field(default=None, compare=False)  # the semantic rule that found it, if any
    file: str | None = None  # another file than the data file (a page), if so
    # the data path of the one value the problem is about, if so (the loader reports a value the
    # reader refused once, not again from the schema); not part of the problem's identity
    path: tuple | None = field(default=None, compare=False)

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


MAX_LISTED = 2000  # problems a report lists; one line each (see fwguide/yamlstrict.py for the reason)
UNLISTED = "unlisted"  # the rule name of the line that counts problems found but not kept


def unlisted(line: int, count: int) -> Problem:
    """Stands for ``count`` problems found but not kept (their number travels in ``path``)."""
    what = "problems are" if count != 1 else "problem is"
    return Problem(line, f"at least {count} more {what} not listed (a report lists at most {MAX_LISTED}); "
                         f"fix these first", UNLISTED, path=(count,))


def cap(problems: list[Problem]) -> list[Problem]:
    """At most MAX_LISTED problems, then one line saying how many more were found."""
    more = sum(p.path[0] for p in problems if p.rule == UNLISTED)
    kept = [p for p in problems if p.rule != UNLISTED]
    more += max(0, len(kept) - MAX_LISTED)
    kept = kept[:MAX_LISTED]
    if more:
        kept.append(unlisted(max((p.line for p in kept), default=1), more))
    return kept


class CallProblem(Exception):
    """A macro call that the data cannot honour, found while rendering (a page's claim about the
    measured figures that they contradict): the build stops naming the page, never a traceback."""
