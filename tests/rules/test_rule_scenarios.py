"""Rule scenarios (fwguide/rules/scenarios.py): each scenario replays to its expected outcome and
its scorer_first matches the scorer with the answers' weights."""
from support import assert_problem, broken, line_no

RULE = "scenarios"


def test_a_scenario_reaching_another_outcome():
    text, problems = broken("    expect: out-alpha", "    expect: out-beta-large")
    assert_problem(problems, line_no(text, "expect: out-beta-large"),
                   "scenarios[small-api]: the answers reach 'out-alpha', not 'out-beta-large'", rule=RULE)


def test_an_answer_that_the_question_does_not_offer():
    text, problems = broken('answers: ["No", "No"]', 'answers: ["No", "Maybe"]')
    assert_problem(problems, line_no(text, '"Maybe"'), "answer 'Maybe' is not an answer to 'Is it a large project?'",
                   rule=RULE)


def test_answers_that_stop_before_an_outcome():
    text, problems = broken('answers: ["No", "No"]', 'answers: ["No"]')
    assert_problem(problems, line_no(text, 'answers: ["No"]'), "the answers stop at the question", rule=RULE)


def test_answers_that_go_on_after_the_outcome():
    text, problems = broken('answers: ["No", "No"]', 'answers: ["Yes", "No"]')
    assert_problem(problems, line_no(text, 'answers: ["Yes", "No"]'), "reach 'out-beta' before 'No'", rule=RULE)


def test_the_scorers_first_place_is_pinned():
    text, problems = broken('scorer_first: ["alpha", "beta"]', 'scorer_first: ["alpha"]')
    assert_problem(problems, line_no(text, 'scorer_first: ["alpha"]'), "the scorer ranks alpha, beta first", rule=RULE)


def test_scenario_ids_are_unique():
    extra = ('  - id: small-api\n    name: "Again"\n    answers: ["Yes"]\n    expect: out-beta\n'
             '    scorer_first: ["beta"]\n    note: "Twice."\n')
    text, problems = broken('    note: "Nothing here needs accounts."\n', '    note: "Nothing here needs accounts."\n' + extra)
    assert_problem(problems, line_no(text, "  - id: small-api", nth=2), "id 'small-api' is defined twice", rule=RULE)
