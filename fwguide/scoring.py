"""The weighted scorer's rule, in pure functions.  The browser copy of this rule is
``docs/assets/javascripts/scoring.js``; ``tests/test_scoring_js.py`` checks both agree.

Rule: each consideration gets a weight from 0 (ignore) to 3 (high).  A framework's rating for a
consideration is its rating in the data or, for a consideration rated from the reader's answers
(team experience), ``known`` for the framework the team knows best, ``other`` for the rest and
``unknown`` for all when the team is not known.  A framework's score is
``sum(weight x rating) / sum(weight x max rating)``, shown as a whole percentage rounded half up.
Higher scores rank first; equal scores (compared exactly, not after rounding) share a rank and keep
the order of the data file.  When every weight is 0 nothing is compared: every framework scores 0
and shares rank 1.

The decision tree sets weights too: every consideration starts at medium and each answer on the
reader's path overrides the ones it names (a later answer wins); the last answer that names a team
sets the team.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cmp_to_key
from typing import Mapping

from fwguide.model import Consideration, Guide, Step

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
    percent: int        # whole percentage, rounded half up
    rank: int
    contributions: tuple[Contribution, ...]


def equal_weights(guide: Guide, weight: int = EQUAL_WEIGHT) -> dict[str, int]:
    return {c.id: weight for c in guide.considerations}


def path_weights(guide: Guide, steps: list[Step]) -> dict[str, int]:
    """The weights a path through the tree sets: medium, then each answer's overrides in order."""
    weights = equal_weights(guide)
    for _node, answer in steps:
        weights.update(answer.weights)
    return weights


def path_team(steps: list[Step]) -> str | None:
    """The framework the reader's team knows best, by the last answer on the path that says."""
    teams = [answer.team for _node, answer in steps if answer.team]
    return teams[-1] if teams else None


def check_weights(guide: Guide, weights: Mapping[str, int]) -> None:
    known = {c.id for c in guide.considerations}
    if set(weights) != known:
        raise ValueError(f"weights must name exactly the considerations {sorted(known)}")
    for key, value in weights.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_WEIGHT:
            raise ValueError(f"weight for {key!r} must be an integer from 0 to {MAX_WEIGHT}")


def rating(guide: Guide, framework_id: str, consideration: Consideration, team: str | None) -> int:
    rule = consideration.from_answers
    if rule is None:
        return guide.framework(framework_id).considerations[consideration.id].rating
    if team is None:
        return rule.unknown
    return rule.known if framework_id == team else rule.other


def whole_percent(points: int, possible: int) -> int:
    """round(100 * points / possible) with halves rounded up, in integers (no float drift)."""
    if possible == 0:
        return 0
    return (200 * points + possible) // (2 * possible)


def contributions(guide: Guide, framework_id: str, weights: Mapping[str, int],
                  team: str | None = None) -> tuple[Contribution, ...]:
    out = []
    for c in guide.considerations:
        weight, rated = weights[c.id], rating(guide, framework_id, c, team)
        out.append(Contribution(c.id, weight, rated, weight * rated, weight * guide.max_rating))
    return tuple(out)


def compare(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Order of two (points, possible) scores, highest first; exact, by cross-multiplication."""
    left, right = a[0] * b[1], b[0] * a[1]
    return -1 if left > right else 1 if left < right else 0


def rank(guide: Guide, weights: Mapping[str, int], team: str | None = None) -> list[Score]:
    check_weights(guide, weights)
    if team is not None and team not in guide.ids("framework"):
        raise ValueError(f"unknown team framework {team!r}")
    rows = []
    for fw in guide.frameworks:
        parts = contributions(guide, fw.id, weights, team)
        rows.append((fw.id, sum(p.points for p in parts), sum(p.possible for p in parts), parts))
    # sorted() is stable: equal scores keep the data file's order.
    rows.sort(key=cmp_to_key(lambda a, b: compare(a[1:3], b[1:3])))
    scores: list[Score] = []
    for position, (fw_id, points, possible, parts) in enumerate(rows, 1):
        tied = bool(scores) and compare((scores[-1].points, scores[-1].possible), (points, possible)) == 0
        scores.append(Score(fw_id, points, possible, whole_percent(points, possible),
                            scores[-1].rank if tied else position, parts))
    return scores


def first_place(scores: list[Score]) -> list[str]:
    """The frameworks that share rank 1."""
    return [s.framework for s in scores if s.rank == 1]


def leads(scores: list[Score], limit: int = 2) -> list[str]:
    """Why the first ranks first: the considerations (at most ``limit``) that add most to its lead
    over the next framework, largest first; empty when the first two are tied or nothing is weighted."""
    if len(scores) < 2 or scores[0].rank == scores[1].rank:
        return []
    first, second = scores[0].contributions, scores[1].contributions
    gains = [(a.points - b.points, i, a.consideration) for i, (a, b) in enumerate(zip(first, second))
             if a.points > b.points]
    gains.sort(key=lambda g: (-g[0], g[1]))
    return [consideration for _gain, _i, consideration in gains[:limit]]
