from fwguide.rules import rule
from fwguide.rules._common import ids, items


def _check_answer(base, node_id, answer, frameworks, considerations, report) -> None:
    team = answer.get("team")
    if isinstance(team, str) and team not in frameworks:
        report(base + ("team",), f"decision.nodes[{node_id}]: answer {answer.get('label')!r} names team "
                                 f"{team!r}, which is not a defined framework")
    weights = answer.get("weights")
    for key in (weights if isinstance(weights, dict) else {}):
        if key not in considerations:
            report(base + ("weights", key), f"decision.nodes[{node_id}]: answer {answer.get('label')!r} weights "
                                            f"{key!r}, which is not a defined consideration")


def _check_outcome(base, node_id, node, frameworks, report) -> None:
    recommended = node.get("recommend")
    others = frameworks - {recommended}
    why_not = node.get("why_not") if isinstance(node.get("why_not"), dict) else {}
    for fw in sorted(others - set(why_not)):
        report(base + ("why_not",), f"decision.nodes[{node_id}]: why_not has no line for {fw!r}")
    for fw in sorted(set(why_not) - others):
        report(base + ("why_not", fw), f"decision.nodes[{node_id}]: why_not names {fw!r}, which is "
                                       + ("the recommended framework" if fw == recommended else "not a defined framework"))
    notes = node.get("scorer_note") if isinstance(node.get("scorer_note"), dict) else {}
    for fw in sorted(set(notes) - others):
        report(base + ("scorer_note", fw), f"decision.nodes[{node_id}]: scorer_note names {fw!r}, which is "
                                           + ("the recommended framework" if fw == recommended else "not a defined framework"))


@rule("decision-content", "Answers name only defined frameworks (team) and considerations (weights); every "
                          "outcome says why not for each framework it does not recommend, and its scorer "
                          "notes name only those frameworks.")
def check_decision_content(data, report, today):
    frameworks = {i for i in ids(data, "frameworks") if isinstance(i, str)}
    considerations = {i for i in ids(data, "considerations") if isinstance(i, str)}
    for i, node in items(data.get("decision"), "nodes"):
        base, node_id = ("decision", "nodes", i), node.get("id")
        if "recommend" in node:
            _check_outcome(base, node_id, node, frameworks, report)
        for j, answer in items(node, "answers"):
            _check_answer(base + ("answers", j), node_id, answer, frameworks, considerations, report)
