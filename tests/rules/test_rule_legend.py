"""Rule legend-complete (fwguide/rules/legend.py)."""
from support import assert_problem, broken, line_no

RULE = "legend-complete"


def test_legend_must_define_every_level():
    text, problems = broken('  - id: not-available\n    label: "Not available"\n    symbol: "✗"\n'
                            '    description: "No maintained option."\n', "")
    assert_problem(problems, line_no(text, "support_levels:"), "'not-available' has no legend entry", rule=RULE)


def test_rating_scale_without_gaps():
    text, problems = broken("  - value: 2\n", "  - value: 7\n")
    assert_problem(problems, line_no(text, "rating_scale:"), "values must be 1 to 5 without gaps", rule=RULE)


def test_rating_must_be_on_the_scale():
    text, problems = broken('  - value: 5\n    label: "Excellent"\n', "")
    assert_problem(problems, line_no(text, "rating: 5"), "rating 5 is not on the rating_scale (1 to 4)", rule=RULE)


def test_legend_must_define_partial():
    text, problems = broken('  - id: partial\n    label: "Partial"\n    symbol: "◐"\n'
                            '    description: "Part of it is provided; you write the rest."\n', "")
    assert_problem(problems, line_no(text, "support_levels:"), "'partial' has no legend entry", rule=RULE)
