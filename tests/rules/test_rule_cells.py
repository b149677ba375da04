"""Rule cell-consistency (fwguide/rules/cells.py)."""
from support import assert_problem, broken, line_no

RULE = "cell-consistency"


def test_third_party_needs_package():
    text, problems = broken('        package: "Alpha-SQL"\n', "")
    assert_problem(problems, line_no(text, "      orm:"), "support.orm", "needs 'package'", rule=RULE)


def test_built_in_takes_no_package():
    text, problems = broken("        level: built-in\n        note: \"Part of the framework.\"",
                            "        level: built-in\n        package: \"beta-orm\"\n        note: \"Part of the framework.\"")
    assert_problem(problems, line_no(text, "beta-orm"), "takes no 'package'", rule=RULE)
