from fwguide import scoring
from fwguide.rules import rule
from fwguide.rules._common import guide_or_none, items


def _replay(guide, scenario) -> tuple[list, object, str | None]:
    steps, node = guide.replay(scenario.get("answers", []))
    if node is None:
        asked = guide.nodes[steps[-1][1].next if steps else guide.start]
        extra = scenario["answers"][len(steps)]
        if asked.is_outcome:
            return steps, None, f"the answers reach {asked.id!r} before {extra!r}; remove the rest"
        return steps, None, f"answer {extra!r} is not an answer to {asked.question!r}"
    if not node.is_outcome:
        return steps, None, f"the answers stop at the question {node.question!r}; give its answer too"
    return steps, node, None


@rule("scenarios", "Each scenario's answers, replayed from the start, reach an outcome, the one it "
                   "expects; the weighted scorer with those answers' weights ranks first exactly the "
                   "frameworks it names; scenario ids are unique.")
def check_scenarios(data, report, today):
    seen: set = set()
    scenarios = list(items(data, "scenarios"))
    for i, scenario in scenarios:
        if scenario.get("id") in seen:
            report(("scenarios", i, "id"), f"scenarios: id {scenario.get('id')!r} is defined twice")
        seen.add(scenario.get("id"))
    guide = guide_or_none(data)
    if guide is None:
        return
    for i, scenario in scenarios:
        where = f"scenarios[{scenario.get('id')}]"
        steps, node, problem = _replay(guide, scenario)
        if problem:
            report(("scenarios", i, "answers"), f"{where}: {problem}")
            continue
        if node.id != scenario.get("expect"):
            report(("scenarios", i, "expect"), f"{where}: the answers reach {node.id!r}, not {scenario.get('expect')!r}")
        scores = scoring.rank(guide, scoring.path_weights(guide, steps), scoring.path_team(steps))
        first = scoring.first_place(scores)
        if sorted(first) != sorted(scenario.get("scorer_first", [])):
            report(("scenarios", i, "scorer_first"), f"{where}: the scorer ranks {', '.join(first)} first "
                                                     f"with these answers, not {', '.join(scenario.get('scorer_first', []))}")
