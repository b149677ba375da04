from fwguide import scoring
from fwguide.rules import rule
from fwguide.rules._common import guide_or_none


def disagreements(guide) -> list[tuple[list, object, list[str]]]:
    """(steps, outcome, the scorer's first place) for every path where the scorer, with the path's
    weights and team, does not rank the recommended framework first."""
    out = []
    for steps in guide.paths():
        outcome = guide.nodes[steps[-1][1].next]
        first = scoring.first_place(scoring.rank(guide, scoring.path_weights(guide, steps), scoring.path_team(steps)))
        if outcome.recommend not in first:
            out.append((steps, outcome, first))
    return out


@rule("scorer-agreement", "On every path where the weighted scorer, set by the path's answers, ranks "
                          "another framework first, the outcome explains why in its scorer_note for "
                          "that framework.")
def check_scorer_agreement(data, report, today):
    guide = guide_or_none(data)
    if guide is None:
        return
    index = {node.id: i for i, node in enumerate(guide.nodes.values())}
    for steps, outcome, first in disagreements(guide):
        for fw in first:
            if fw not in outcome.scorer_note:
                answers = " > ".join(answer.label for _node, answer in steps)
                report(("decision", "nodes", index[outcome.id], "scorer_note"),
                       f"decision.nodes[{outcome.id}]: on the path {answers} the scorer ranks {fw!r} first; "
                       f"add scorer_note.{fw} saying why the tree recommends {outcome.recommend!r}")
