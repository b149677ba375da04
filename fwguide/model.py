"""Typed, read-only view of valid data.  Built only after validation passed."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NewType

# Ids by kind.  A macro parameter annotated with one of these must name an id of that kind
# (see ``registry``), so a page that names a missing id fails with the page and the id.
FrameworkId = NewType("FrameworkId", str)
CategoryId = NewType("CategoryId", str)
FeatureId = NewType("FeatureId", str)
ConsiderationId = NewType("ConsiderationId", str)
FigureKey = NewType("FigureKey", str)   # a measured figure in data/measurements.yaml (fwguide.measured)
ID_KINDS: dict[Any, str] = {FrameworkId: "framework", CategoryId: "category", FeatureId: "feature",
                            ConsiderationId: "consideration", FigureKey: "figure"}


@dataclass(frozen=True)
class Level:
    id: str
    label: str
    symbol: str          # shown before the label in every cell: a level never relies on colour
    description: str


@dataclass(frozen=True)
class FromAnswers:
    """A consideration rated from the reader's answers: ``known`` for the framework their team knows
    best, ``other`` for the rest, ``unknown`` for every framework when no answer says."""
    known: int
    other: int
    unknown: int


@dataclass(frozen=True)
class Consideration:
    id: str
    name: str
    question: str
    ai: bool
    from_answers: FromAnswers | None = None


@dataclass(frozen=True)
class Category:
    id: str
    name: str


@dataclass(frozen=True)
class Feature:
    id: str
    name: str
    category: str
    description: str


@dataclass(frozen=True)
class Sourced:
    text: str
    source: str


@dataclass(frozen=True)
class Cell:
    level: str
    note: str
    source: str
    package: str | None = None


@dataclass(frozen=True)
class Rated:
    rating: int
    reason: str
    source: str


@dataclass(frozen=True)
class ReleasePolicy:
    lts: bool               # the project names long-term support releases
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ReleaseLine:
    """One feature release line (6.1, 3.1, ...).  Dates are YYYY-MM-DD or YYYY-MM (a month)."""
    line: str
    latest: str
    lts: bool
    status: str             # "supported" | "extended" | "ended", checked against today by a rule
    source: str
    released: str | None = None
    mainstream_end: str | None = None
    security_end: str | None = None
    python_versions: tuple[str, ...] = ()
    note: str | None = None
    python_source: str | None = None


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    symbol: str
    role: str
    summary: str
    verdict: str          # when to pick it, a phrase that follows its name ("when ...", "for ...")
    homepage: str
    docs: str
    repository: str
    package: str
    licence: str
    licence_source: str
    latest_version: str
    released: str
    python_versions: tuple[str, ...]
    version_source: str
    reviewed: str
    release_policy: ReleasePolicy
    release_lines: tuple[ReleaseLine, ...]
    key_features: tuple[Sourced, ...]
    ideal_uses: tuple[Sourced, ...]
    support: dict[str, Cell]
    considerations: dict[str, Rated]


@dataclass(frozen=True)
class Answer:
    label: str
    next: str
    because: str | None = None
    team: str | None = None                 # the framework this answer says the team knows best
    weights: dict[str, int] = field(default_factory=dict)   # how it sets the scorer's weights


@dataclass(frozen=True)
class Node:
    """A question (question, help, answers) or an outcome (recommend and the result's sections)."""
    id: str
    question: str | None = None
    help: str | None = None
    answers: tuple[Answer, ...] = ()
    recommend: str | None = None
    title: str | None = None
    reason: str | None = None
    architecture: tuple[str, ...] = ()
    add: tuple[str, ...] = ()
    why_not: dict[str, str] = field(default_factory=dict)
    reconsider: tuple[str, ...] = ()
    read_next: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    scorer_note: dict[str, str] = field(default_factory=dict)

    @property
    def is_outcome(self) -> bool:
        return self.recommend is not None


Step = tuple[Node, Answer]   # a question and the answer chosen


@dataclass(frozen=True)
class Scenario:
    id: str
    name: str
    answers: tuple[str, ...]   # answer labels, in order from the start
    expect: str                # the outcome node they must reach
    scorer_first: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class Guide:
    levels: tuple[Level, ...]
    rating_labels: dict[int, str]
    considerations: tuple[Consideration, ...]
    categories: tuple[Category, ...]
    features: tuple[Feature, ...]
    frameworks: tuple[Framework, ...]
    start: str
    nodes: dict[str, Node]
    scenarios: tuple[Scenario, ...] = ()
    raw: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)
    lines: dict[tuple, int] = field(repr=False, compare=False, default_factory=dict)
    # The measured figures (fwguide.measured.Measured), attached by the site and the CLI after both
    # files passed their checks; None when only data/frameworks.yaml was read.
    measured: Any = field(repr=False, compare=False, default=None)

    def ids(self, kind: str) -> tuple[str, ...]:
        """The ids of one kind ("framework", "category", "feature", "consideration", "outcome", "figure"),
        in data order (figure keys come from the measurements, none when they are not attached)."""
        if kind == "figure":
            return tuple(self.measured.figures) if self.measured is not None else ()
        items = {"framework": self.frameworks, "category": self.categories, "feature": self.features,
                 "consideration": self.considerations, "outcome": self.outcomes}[kind]
        return tuple(item.id for item in items)

    def line_of(self, *path: Any) -> int:
        """The line of a data path in the file, e.g. ``line_of("frameworks", 0)``; 1 if unknown."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def level(self, level_id: str) -> Level:
        return next(level for level in self.levels if level.id == level_id)

    @property
    def rated_considerations(self) -> tuple[Consideration, ...]:
        """The considerations each framework rates (not those rated from the reader's answers)."""
        return tuple(c for c in self.considerations if c.from_answers is None)

    @property
    def outcomes(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes.values() if n.is_outcome)

    def framework(self, framework_id: str) -> Framework:
        for fw in self.frameworks:
            if fw.id == framework_id:
                return fw
        raise KeyError(f"unknown framework {framework_id!r}")

    def features_in(self, category_id: str) -> tuple[Feature, ...]:
        return tuple(f for f in self.features if f.category == category_id)

    def rating_label(self, value: int) -> str:
        return self.rating_labels[value]

    @property
    def max_rating(self) -> int:
        return max(self.rating_labels)

    def replay(self, labels: tuple[str, ...] | list[str]) -> tuple[list[Step], Node | None]:
        """Follow answer labels from the start: the steps taken and the node reached (None when a
        label does not fit the question it meets, or labels remain after an outcome)."""
        steps: list[Step] = []
        node = self.nodes[self.start]
        for label in labels:
            answer = next((a for a in node.answers if a.label == label), None)
            if answer is None:
                return steps, None
            steps.append((node, answer))
            node = self.nodes[answer.next]
        return steps, node

    def path_of(self, steps: list[Step]) -> str:
        """The URL form of a path: the 1-based answer chosen at each question (2.1.3)."""
        return ".".join(str(node.answers.index(answer) + 1) for node, answer in steps)

    def paths(self) -> list[list[tuple[Node, Answer]]]:
        """Every path from the start to an outcome, as (question, answer) steps."""
        found: list[list[tuple[Node, Answer]]] = []

        def walk(node_id: str, trail: list[tuple[Node, Answer]]) -> None:
            node = self.nodes[node_id]
            if node.is_outcome:
                found.append(trail)
                return
            for answer in node.answers:
                walk(answer.next, trail + [(node, answer)])

        walk(self.start, [])
        return found


def _sourced(items: list[dict]) -> tuple[Sourced, ...]:
    return tuple(Sourced(i["text"], i["source"]) for i in items)


def _policy(d: dict) -> ReleasePolicy:
    return ReleasePolicy(d["lts"], d["text"], tuple(d["sources"]))


def _release_line(d: dict) -> ReleaseLine:
    return ReleaseLine(line=d["line"], released=d.get("released"), latest=d["latest"], lts=d["lts"], status=d["status"],
                       source=d["source"], mainstream_end=d.get("mainstream_end"), security_end=d.get("security_end"),
                       python_versions=tuple(d.get("python_versions", ())), note=d.get("note"),
                       python_source=d.get("python_source"))


def _framework(d: dict) -> Framework:
    return Framework(
        id=d["id"], name=d["name"], symbol=d["symbol"], role=d["role"], summary=d["summary"], verdict=d["verdict"],
        homepage=d["homepage"],
        docs=d["docs"], repository=d["repository"], package=d["package"], licence=d["licence"],
        licence_source=d["licence_source"], latest_version=d["latest_version"], released=d["released"],
        python_versions=tuple(d["python_versions"]), version_source=d["version_source"],
        reviewed=d["reviewed"], release_policy=_policy(d["release_policy"]),
        release_lines=tuple(_release_line(x) for x in d["release_lines"]),
        key_features=_sourced(d["key_features"]),
        ideal_uses=_sourced(d["ideal_uses"]),
        support={k: Cell(c["level"], c["note"], c["source"], c.get("package")) for k, c in d["support"].items()},
        considerations={k: Rated(c["rating"], c["reason"], c["source"]) for k, c in d["considerations"].items()},
    )


def _node(d: dict) -> Node:
    answers = tuple(Answer(a["label"], a["next"], a.get("because"), a.get("team"), dict(a.get("weights", {})))
                    for a in d.get("answers", []))
    return Node(d["id"], d.get("question"), d.get("help"), answers, d.get("recommend"), d.get("title"),
                d.get("reason"), tuple(d.get("architecture", ())), tuple(d.get("add", ())),
                dict(d.get("why_not", {})), tuple(d.get("reconsider", ())), tuple(d.get("read_next", ())),
                tuple(d.get("sources", ())), dict(d.get("scorer_note", {})))


def _consideration(d: dict) -> Consideration:
    rule = d.get("from_answers")
    return Consideration(d["id"], d["name"], d["question"], d["ai"],
                         FromAnswers(rule["known"], rule["other"], rule["unknown"]) if rule else None)


def build(data: dict, lines: dict[tuple, int] | None = None) -> Guide:
    return Guide(
        levels=tuple(Level(x["id"], x["label"], x["symbol"], x["description"]) for x in data["support_levels"]),
        rating_labels={x["value"]: x["label"] for x in data["rating_scale"]},
        considerations=tuple(_consideration(x) for x in data["considerations"]),
        categories=tuple(Category(x["id"], x["name"]) for x in data["categories"]),
        features=tuple(Feature(x["id"], x["name"], x["category"], x["description"]) for x in data["features"]),
        frameworks=tuple(_framework(x) for x in data["frameworks"]),
        start=data["decision"]["start"],
        nodes={x["id"]: _node(x) for x in data["decision"]["nodes"]},
        scenarios=tuple(Scenario(x["id"], x["name"], tuple(x["answers"]), x["expect"], tuple(x["scorer_first"]),
                                 x["note"]) for x in data.get("scenarios", ())),
        raw=data,
        lines=dict(lines or {}),
    )
