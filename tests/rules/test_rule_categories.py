"""Rule references-resolve (fwguide/rules/categories.py)."""
from support import assert_problem, broken, line_no

RULE = "references-resolve"


def test_unknown_category():
    text, problems = broken("    category: apis\n", "    category: nowhere\n")
    assert_problem(problems, line_no(text, "category: nowhere"), "unknown category 'nowhere'", rule=RULE)


def test_a_mistyped_category_gets_a_suggestion():
    text, problems = broken("    category: apis\n", "    category: apsi\n")
    assert_problem(problems, line_no(text, "category: apsi"), "unknown category 'apsi' (did you mean 'apis'?)",
                   rule=RULE)


def test_empty_category():
    text, problems = broken("    category: apis\n", "    category: data-layer\n")
    assert_problem(problems, line_no(text, "- id: apis"), "categories[apis]", "no feature", rule=RULE)
