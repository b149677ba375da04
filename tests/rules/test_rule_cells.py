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


def test_not_available_takes_no_package():
    text, problems = broken("        level: not-available\n        note: \"Not provided.\"",
                            "        level: not-available\n        package: \"alpha-api\"\n        note: \"Not provided.\"")
    assert_problem(problems, line_no(text, "alpha-api"), "takes no 'package'", rule=RULE)


def test_partial_may_name_a_package_or_not():
    for package in ("", '        package: "alpha-sse"\n'):
        _text, problems = broken("        level: not-available\n        note: \"Not provided.\"\n",
                                 f"        level: partial\n{package}        note: \"A building block.\"\n")
        assert [p for p in problems if p.rule == RULE] == []
        assert problems == [], problems
