"""Rule real-dates (fwguide/rules/dates.py)."""
from support import assert_problem, broken, line_no

RULE = "real-dates"


def test_impossible_date():
    text, problems = broken('released: "2026-01-15"', 'released: "2026-02-30"')
    assert_problem(problems, line_no(text, "2026-02-30"), "not a real date", rule=RULE)


def test_date_in_future():
    text, problems = broken('reviewed: "2026-11-01"', 'reviewed: "2027-01-01"')
    assert_problem(problems, line_no(text, "2027-01-01"), "in the future", rule=RULE)


def test_release_after_review():
    text, problems = broken('released: "2026-08-01"', 'released: "2026-11-20"')
    assert_problem(problems, line_no(text, "2026-11-20"), "is after reviewed", rule=RULE)


def test_python_versions_in_order():
    text, problems = broken('["3.12", "3.13"]', '["3.13", "3.12"]')
    assert_problem(problems, line_no(text, '["3.13", "3.12"]'), "oldest first", rule=RULE)
