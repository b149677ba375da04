"""Rule scorer-agreement (fwguide/rules/scorer_agreement.py): wherever the scorer, set by a path's
answers, ranks another framework first, the outcome's scorer_note says why."""
from fwguide.rules.scorer_agreement import disagreements
from support import assert_problem, broken, fixture_guide, line_no, problems_of


RULE = "scorer-agreement"


def test_the_fixture_tree_agrees_with_its_scorer():
    assert disagreements(fixture_guide()) == []


def test_a_disagreement_without_a_note_is_reported_on_the_outcome():
    # Alpha now rates 5 for project size: the "Yes" path (project size weighted high) ranks alpha first,
    # while the tree recommends beta there.
    text, problems = broken('        rating: 3\n        reason: "Structure is up to you."',
                            '        rating: 5\n        reason: "Structure is up to you."')
    assert_problem(problems, line_no(text, "    - id: out-beta"),
                   "on the path Yes the scorer ranks 'alpha' first; add scorer_note.alpha", rule=RULE)


def test_a_note_for_that_framework_settles_it():
    text, problems = broken('        rating: 3\n        reason: "Structure is up to you."',
                            '        rating: 5\n        reason: "Structure is up to you."')
    text = text.replace('      sources: ["https://docs.beta.example.org/deploy/"]\n',
                        '      sources: ["https://docs.beta.example.org/deploy/"]\n'
                        '      scorer_note:\n        alpha: "Accounts decide it."\n', 1)
    left = [p.message for p in problems_of(text) if p.rule == RULE]
    assert left and not any(m.startswith("decision.nodes[out-beta]:") for m in left)
