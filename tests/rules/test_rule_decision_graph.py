"""Rule decision-graph (fwguide/rules/decision_graph.py)."""
from fwguide.rules import decision_graph
from support import assert_problem, broken, fixture_text, line_no, problems_of

RULE = "decision-graph"


def test_unknown_start_node():
    text, problems = broken("  start: q-users", "  start: q-nowhere")
    assert_problem(problems, line_no(text, "q-nowhere"), "decision.start", "not a defined node", rule=RULE)


def test_answer_to_unknown_node():
    text, problems = broken("next: out-alpha", "next: out-gamma")
    assert_problem(problems, line_no(text, "out-gamma"), "leads to 'out-gamma'", rule=RULE)


def test_a_mistyped_node_gets_a_suggestion():
    text, problems = broken("next: out-alpha", "next: out-alpah")
    assert_problem(problems, line_no(text, "out-alpah"), "(did you mean 'out-alpha'?)", rule=RULE)
    text, problems = broken("recommend: alpha", "recommend: alhpa")
    assert_problem(problems, line_no(text, "alhpa"), "(did you mean 'alpha'?)", rule=RULE)


def test_outcome_names_unknown_framework():
    text, problems = broken("recommend: alpha", "recommend: gamma")
    assert_problem(problems, line_no(text, "recommend: gamma"), "'gamma', which is not a defined framework",
                   rule=RULE)


def test_cycle_is_rejected():
    text, problems = broken("next: out-beta-large", "next: q-users")
    cycles = [p for p in problems if p.rule == RULE and "cycle" in p.message]
    assert len(cycles) == 1 and "q-users -> q-size -> q-users" in cycles[0].message


def test_unreachable_node():
    text, problems = broken("          next: out-beta\n", "          next: out-beta-large\n")
    assert_problem(problems, line_no(text, "- id: out-beta"), "out-beta", "not reachable", rule=RULE)


def test_repeated_answer_label():
    text, problems = broken('        - label: "No"\n          next: q-size', '        - label: "Yes"\n          next: q-size')
    assert_problem(problems, line_no(text, '- label: "Yes"', nth=2), "answer 'Yes' is given twice", rule=RULE)


def test_too_many_paths(monkeypatch):
    monkeypatch.setattr(decision_graph, "MAX_PATHS", 2)  # the fixture's tree has 3 paths
    text = fixture_text()
    assert_problem(problems_of(text), line_no(text, "  start: q-users"), "3 paths lead from the start",
                   "at most 2", rule=RULE)


def test_answers_that_look_the_same_are_refused():
    """Two answers differing only in case, spacing or invisible characters look alike on the page."""
    for other in ("yes", "YES", "Ye\\u200bs", "Yes "):
        text, problems = broken('        - label: "No"\n          next: q-size',
                                f'        - label: "{other}"\n          next: q-size')
        assert_problem(problems, line_no(text, f'- label: "{other}"'), "looks the same as answer 'Yes'", rule=RULE)


def test_a_cut_off_subtree_is_reported_once_at_its_head():
    """One mistyped `next` cuts q-size and the two outcomes below it off: the report names q-size,
    counts the rest, and does not list them one by one."""
    text, problems = broken("          next: q-size\n", "          next: q-sise\n")
    lost = [p for p in problems if p.rule == RULE and "not reachable" in p.message]
    assert len(lost) == 1, [p.message for p in lost]
    assert_problem(problems, line_no(text, "- id: q-size"), "decision.nodes[q-size]: not reachable",
                   "(nor are the 2 nodes below it)", rule=RULE)


def test_an_unreachable_loop_reports_each_node():
    """Two nodes that lead only to each other have no head: both are named."""
    text, problems = broken("scenarios:\n", "    - id: q-a\n      question: \"A?\"\n      answers:\n"
                            "        - label: \"Yes\"\n          next: q-b\n        - label: \"No\"\n          next: q-b\n"
                            "    - id: q-b\n      question: \"B?\"\n      answers:\n"
                            "        - label: \"Yes\"\n          next: q-a\n        - label: \"No\"\n          next: out-alpha\n"
                            "scenarios:\n")
    for node in ("q-a", "q-b"):
        assert_problem(problems, line_no(text, f"- id: {node}"), f"decision.nodes[{node}]: not reachable", rule=RULE)
