"""Rule decision-content (fwguide/rules/decision_content.py)."""
from support import assert_problem, broken, line_no

RULE = "decision-content"


def test_an_answer_names_an_undefined_team():
    text, problems = broken('          next: q-size\n', '          next: q-size\n          team: gamma\n')
    assert_problem(problems, line_no(text, "team: gamma"), "names team 'gamma', which is not a defined framework",
                   rule=RULE)


def test_an_answer_weights_an_undefined_consideration():
    text, problems = broken("weights: {project-size: 3}", "weights: {project-sizes: 3}")
    assert_problem(problems, line_no(text, "project-sizes"), "weights 'project-sizes'", rule=RULE)


def test_an_outcome_must_say_why_not_every_other_framework():
    text, problems = broken('      why_not:\n        alpha: "It does not fit this case."\n', "      why_not: {}\n")
    assert_problem(problems, line_no(text, "why_not: {}"), "decision.nodes[out-beta]: why_not has no line for 'alpha'",
                   rule=RULE)


def test_why_not_cannot_name_the_recommended_framework():
    text, problems = broken('      why_not:\n        alpha: "It does not fit this case."\n',
                            '      why_not:\n        alpha: "It does not fit this case."\n        beta: "Itself."\n')
    assert_problem(problems, line_no(text, 'beta: "Itself."'), "why_not names 'beta', which is the recommended",
                   rule=RULE)


def test_a_scorer_note_names_a_framework_not_recommended():
    text, problems = broken('      sources: ["https://docs.beta.example.org/deploy/"]\n',
                            '      sources: ["https://docs.beta.example.org/deploy/"]\n'
                            '      scorer_note:\n        gamma: "Why."\n')
    assert_problem(problems, line_no(text, 'gamma: "Why."'), "scorer_note names 'gamma', which is not a defined",
                   rule=RULE)
