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


def test_partial_may_name_a_package_or_not_on_an_unavailable_cell():
    for package in ("", '        package: "alpha-sse"\n'):
        _text, problems = broken("        level: not-available\n        note: \"Not provided.\"\n",
                                 f"        level: partial\n{package}        note: \"A building block.\"\n")
        assert [p for p in problems if p.rule == RULE] == []
        assert problems == [], problems


def test_partial_may_name_a_package_or_none():
    """A partial cell is valid with the package that provides its part, and without one."""
    with_package, problems = broken("        level: third-party\n        package: \"Alpha-SQL\"",
                                    "        level: partial\n        package: \"Alpha-SQL\"")
    assert "level: partial" in with_package and not [p for p in problems if p.rule == RULE]
    _, problems = broken("        level: third-party\n        package: \"Alpha-SQL\"\n", "        level: partial\n")
    assert not problems


def test_partial_is_in_neither_list_of_the_rule():
    from fwguide.rules import cells
    from fwguide.schema import level_ids
    assert set(cells.NEEDS_PACKAGE) | set(cells.TAKES_NO_PACKAGE) | set(cells.MAY_NAME_PACKAGE) == set(level_ids())
