"""Rule release-timeline (fwguide/rules/releases.py): the release and support timeline."""
import datetime as dt

import yaml

from fwguide.loader import validate
from fwguide.paths import DATA_FILE
from fwguide.rules.releases import period
from support import assert_problem, broken, fixture_text, line_no, problems_of

RULE = "release-timeline"


def test_the_fixture_and_the_real_data_pass_today():
    assert problems_of(fixture_text()) == []
    assert validate(DATA_FILE.read_bytes(), today=dt.date.today())[1] == []   # fails once a line expires


def test_a_month_stands_for_the_whole_month():
    assert period("2027-02") == (dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert period("2028-02") == (dt.date(2028, 2, 1), dt.date(2028, 2, 29))
    assert period("2027-04-07") == (dt.date(2027, 4, 7), dt.date(2027, 4, 7))
    assert period("2027-13") is None and period("2027-02-30") is None


def test_a_support_end_that_has_passed_must_be_marked_ended():
    text, problems = broken('        security_end: "2028-12"', '        security_end: "2026-10"')
    assert_problem(problems, line_no(text, "        status: supported", 2),
                   "release_lines[6.1]", "security support ended on 2026-10; set status: ended", rule=RULE)


def test_the_build_fails_the_day_after_a_line_expires_until_the_data_says_so():
    """The same data passes on the last day of the month and fails on the next day."""
    raw = fixture_text().encode()

    def ended(today):
        return [p for p in validate(raw, today=today)[1] if "release_lines[6.1]: security support ended" in p.message]

    assert ended(dt.date(2028, 12, 31)) == []
    assert [p.rule for p in ended(dt.date(2029, 1, 1))] == [RULE]
    fixed = raw.replace(b'        status: supported\n        mainstream_end: "2028-04"',
                        b'        status: ended\n        mainstream_end: "2028-04"')
    assert fixed != raw and [p for p in validate(fixed, today=dt.date(2029, 1, 1))[1]
                             if "release_lines[6.1]" in p.message] == []


def test_the_real_data_fails_the_day_after_its_next_support_end():
    """Whatever the data says today: the day after the first security end date of a line still
    marked as getting fixes, the check fails and names that line."""
    data = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    ends = sorted((period(line["security_end"])[1], fw["id"], line["line"]) for fw in data["frameworks"]
                  for line in fw["release_lines"] if line["status"] != "ended" and "security_end" in line)
    last_day, fw_id, name = ends[0]
    problems = validate(DATA_FILE.read_bytes(), today=last_day + dt.timedelta(days=1))[1]
    assert any(f"frameworks[{fw_id}].release_lines[{name}]: security support ended" in p.message
               for p in problems), problems


def test_mainstream_end_that_has_passed_cannot_stay_supported():
    text, problems = broken('        mainstream_end: "2028-04"', '        mainstream_end: "2026-09"')
    assert_problem(problems, line_no(text, "        status: supported", 2),
                   "mainstream support ended on 2026-09; set status: extended", rule=RULE)


def test_a_line_marked_ended_before_its_end_date_is_refused():
    text, problems = broken("        status: extended", "        status: ended")
    assert_problem(problems, line_no(text, "        status: ended", 2),
                   "marked ended, but security support runs until 2028-04", rule=RULE)


def test_an_ended_line_needs_its_end_date():
    text, problems = broken('        security_end: "2025-10-20"\n', "")
    assert_problem(problems, line_no(text, "        status: ended"), "an ended line needs security_end", rule=RULE)


def test_extended_before_the_mainstream_end_is_refused():
    text, problems = broken('        mainstream_end: "2025-12-03"', '        mainstream_end: "2026-12-20"')
    assert_problem(problems, line_no(text, "        status: extended"),
                   "marked extended, but mainstream support runs until 2026-12-20", rule=RULE)


def test_an_impossible_or_future_release_date():
    text, problems = broken('        released: "2025-10-20"', '        released: "2025-02-30"')
    assert_problem(problems, line_no(text, "2025-02-30"), "is not a real date or month", rule=RULE)
    text, problems = broken('        released: "2025-10-20"', '        released: "2027-01"')
    assert_problem(problems, line_no(text, '"2027-01"'), "is in the future", rule=RULE)


def test_dates_out_of_order():
    text, problems = broken('        security_end: "2028-04"', '        security_end: "2025-06"')
    assert_problem(problems, line_no(text, '"2025-06"'), "security_end 2025-06 is before mainstream_end", rule=RULE)


def test_latest_must_belong_to_its_line():
    text, problems = broken('        latest: "5.2.8"', '        latest: "5.3.1"')
    assert_problem(problems, line_no(text, '"5.3.1"'), "5.3.1 is not a release of the 5.2 line", rule=RULE)


def test_the_framework_latest_version_is_a_current_line():
    text, problems = broken('        latest: "3.10.1"', '        latest: "3.10.0"')
    assert_problem(problems, line_no(text, 'latest_version: "3.10.1"'),
                   "latest_version 3.10.1 is not the latest of any entry", rule=RULE)


def test_the_current_line_has_the_framework_python_versions():
    text, problems = broken('        python_versions: ["3.10", "3.11"]', '        python_versions: ["3.10"]')
    assert_problem(problems, line_no(text, '        python_versions: ["3.10"]'),
                   "python_versions differ from the framework's python_versions", rule=RULE)


def test_a_line_that_gets_fixes_lists_python_versions():
    text, problems = broken('        python_versions: ["3.10", "3.11", "3.12", "3.13"]\n', "")
    assert_problem(problems, line_no(text, '      - line: "5.2"'), "gives its python_versions", rule=RULE)
    text, problems = broken('        released: "2025-10-20"\n', "")
    assert_problem(problems, line_no(text, '      - line: "3.10"'), "gives its released", rule=RULE)


def test_lines_newest_first_and_once_each():
    text, problems = broken('      - line: "3.9"', '      - line: "3.11"')
    assert_problem(problems, line_no(text, "    release_lines:"), "newest first", rule=RULE)
    text, problems = broken('      - line: "3.9"', '      - line: "3.10"')
    assert_problem(problems, line_no(text, '      - line: "3.10"', 2), "listed twice", rule=RULE)


def test_lts_lines_need_an_lts_policy():
    text, problems = broken("      lts: true\n", "      lts: false\n")
    assert_problem(problems, line_no(text, "        lts: true"), "release_policy.lts", rule=RULE)

