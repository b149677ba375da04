"""Rule unique-ids (fwguide/rules/unique_ids.py), broken once per kind of id."""
from support import assert_problem, broken, line_no

RULE = "unique-ids"


def test_duplicate_feature_id():
    text, problems = broken("  - id: migrations\n", "  - id: orm\n")
    assert_problem(problems, line_no(text, "  - id: orm", nth=2), "id 'orm' is defined twice", rule=RULE)


def test_duplicate_framework_id():
    text, problems = broken("  - id: beta\n", "  - id: alpha\n")
    assert_problem(problems, line_no(text, "  - id: alpha", nth=2), "frameworks: id 'alpha' is defined twice",
                   rule=RULE)


def test_duplicate_decision_node():
    text, problems = broken("    - id: out-beta\n", "    - id: out-alpha\n")
    assert_problem(problems, line_no(text, "    - id: out-alpha", nth=2), "node id 'out-alpha' is defined twice",
                   rule=RULE)


def test_duplicate_rating_value():
    text, problems = broken("  - value: 2\n", "  - value: 1\n")
    assert_problem(problems, line_no(text, "  - value: 1", nth=2), "value 1 is defined twice", rule=RULE)


def test_duplicate_framework_symbol():
    text, problems = broken('    symbol: "*"\n', '    symbol: "+"\n')
    assert_problem(problems, line_no(text, 'symbol: "+"', nth=2), "frameworks: symbol '+' is defined twice", rule=RULE)


def test_duplicate_level_symbol():
    text, problems = broken('    symbol: "◐"\n', '    symbol: "✓"\n')
    assert_problem(problems, line_no(text, 'symbol: "✓"', nth=2), "support_levels: symbol '✓' is defined twice",
                   rule=RULE)


def test_a_level_symbol_must_not_be_a_framework_symbol():
    text, problems = broken('    symbol: "◐"\n', '    symbol: "+"\n')
    assert_problem(problems, line_no(text, 'symbol: "+"'), "support_levels[partial]: symbol '+' is also framework "
                   "'alpha'", rule=RULE)
