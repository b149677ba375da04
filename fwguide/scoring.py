"""The weighted scorer's rule, in pure functions.  The browser copy of this rule is
``docs/assets/javascripts/decision-guide.js`` (``rank``); tests check both agree.

Rule: each consideration gets a weight from 0 (ignore) to 3 (high).  A framework's
score is ``sum(weight x rating) / sum(weight x max rating)``, shown as a percentage
rounded half up to one decimal.  Higher scores rank first; equal scores (compared
exactly, not after rounding) share a rank and keep the order of the data file.
When every weight is 0 nothing is compared: every framework scores 0 and shares rank 1.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cmp_to_key
from typing import Mapping

from fwguide.model import Guide

WEIGHT_LABELS: tuple[str, ...] = ("ignore", "low", "medium", "high")  # index = weight
MAX_WEIGHT = len(WEIGHT_LABELS) - 1
EQUAL_WEIGHT = 2  # "medium": the starting point and the no-JavaScript table


@dataclass(frozen=True)
class Contribution:
    consideration: str  # consideration id
    weight: int
    rating: int
    points: int         # weight x rating
    possible: int       # weight x max rating


@dataclass(frozen=True)
class Score:
    framework: str      # framework id
    points: int
    possible: int
    tenths: int         # percentage x 10, rounded half up
    rank: int
    contributions: tuple[Contribution, ...]

    @property
    def percent(self) -> str:
        return f"{self.tenths // 10}.{self.tenths % 10}"


def equal_weights(guide: Guide, weight: int = EQUAL_WEIGHT) -> dict[str, int]:
    return {c.id: weight for c in guide.considerations}


def check_weights(guide: Guide, weights: Mapping[str, int]) -> None:
    known = {c.id for c in guide.considerations}
    if set(weights) != known:
        raise ValueError(f"weights must name exactly the considerations {sorted(known)}")
    for key, value in weights.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WEIGHT:
            raise ValueError(f"weight for {key!r} must be an integer from 0 to {MAX_WEIGHT}")


def tenths_of_percent(points: int, possible: int) -> int:
    """round(1000 * points / possible) with halves rounded up, in integers (no float drift)."""
    if possible == 0:
        return 0
    return (2000 * points + possible) // (2 * possible)


def contributions(guide: Guide, framework_id: str, weights: Mapping[str, int]) -> tuple[Contribution, ...]:
    fw = guide.framework(framework_id)
    out = []
    for c in guide.considerations:
        weight, rating = weights[c.id], fw.considerations[c.id].rating
        out.append(Contribution(c.id, weight, rating, weight * rating, weight * guide.max_rating))
    return tuple(out)


def compare(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Order of two (points, possible) scores, highest first; exact, by cross-multiplication."""
    left, right = a[0] * b[1], b[0] * a[1]
    return -1 if left > right else 1 if left < right else 0


def rank(guide: Guide, weights: Mapping[str, int]) -> list[Score]:
    check_weights(guide, weights)
    rows = []
    for fw in guide.frameworks:
        parts = contributions(guide, fw.id, weights)
        rows.append((fw.id, sum(p.points for p in parts), sum(p.possible for p in parts), parts))
    # sorted() is stable: equal scores keep the data file's order.
    rows.sort(key=cmp_to_key(lambda a, b: compare(a[1:3], b[1:3])))
    scores: list[Score] = []
    for position, (fw_id, points, possible, parts) in enumerate(rows, 1):
        tied = bool(scores) and compare((scores[-1].points, scores[-1].possible), (points, possible)) == 0
        scores.append(Score(fw_id, points, possible, tenths_of_percent(points, possible),
                            scores[-1].rank if tied else position, parts))
    return scores
