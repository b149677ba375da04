"""Rule complete-matrix (fwguide/rules/matrix.py)."""
from support import assert_problem, broken, fixture_text, line_no, problems_of

RULE = "complete-matrix"


def test_matrix_missing_cell():
    text = fixture_text()
    start = text.index("      openapi:\n        level: not-available")
    end = text.index("    considerations:", start)
    text = text[:start] + text[end:]
    assert_problem(problems_of(text), line_no(text, "    support:"), "frameworks[alpha].support",
                   "no entry for 'openapi'", rule=RULE)


def test_matrix_unknown_feature():
    text, problems = broken("      orm:\n        level: third-party", "      orms:\n        level: third-party")
    assert_problem(problems, line_no(text, "orms:"), "'orms' is not a defined feature", rule=RULE)
    assert_problem(problems, line_no(text, "    support:"), "no entry for 'orm'", rule=RULE)


def test_missing_consideration_rating():
    text = fixture_text()
    start = text.index("      model-serving:\n        rating: 5")
    end = text.index("  - id: beta", start)
    text = text[:start] + text[end:]
    assert_problem(problems_of(text), line_no(text, "    considerations:"), "no entry for 'model-serving'",
                   rule=RULE)
