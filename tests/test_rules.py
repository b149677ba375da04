"""Each validation rule, broken once in the valid fixture: the message names it and its line."""
import pytest

from guidehelpers import assert_problem, fixture_text, line_no, problems_of, replace_once
from fwguide.validate import RULES


def broken(old: str, new: str) -> tuple[str, list]:
    text = replace_once(fixture_text(), old, new)
    return text, problems_of(text)


# ------------------------------------------------------------------ schema

def test_unknown_key_is_rejected_on_its_line():
    text, problems = broken('    role: primary\n', '    role: primary\n    colour: "red"\n')
    assert_problem(problems, line_no(text, "colour"), "frameworks[alpha]", "unknown key 'colour'")


def test_unknown_top_level_key():
    text = fixture_text() + "extra: 1\n"
    assert_problem(problems_of(text), len(text.splitlines()), "unknown key 'extra'")


def test_missing_required_key_points_at_its_mapping():
    text, problems = broken('    licence: "BSD-3-Clause"\n', "")
    assert_problem(problems, line_no(text, "- id: alpha"), "frameworks[alpha]", "missing required key 'licence'")


def test_wrong_type():
    text, problems = broken("rating: 3\n", 'rating: "three"\n')
    assert_problem(problems, line_no(text, '"three"'), "a whole number")


def test_value_outside_vocabulary():
    text, problems = broken("level: third-party", "level: sort-of")
    assert_problem(problems, line_no(text, "sort-of"), "support.orm.level", "not one of")


def test_rating_out_of_range():
    text, problems = broken("rating: 3\n", "rating: 9\n")
    assert_problem(problems, line_no(text, "rating: 9"), "above 5")


def test_empty_string_is_rejected():
    text, problems = broken('note: "Not provided."', 'note: ""')
    assert_problem(problems, line_no(text, 'note: ""'), "at least 1")


def test_very_long_string_is_rejected():
    text, problems = broken('summary: "A small framework."', f'summary: "{"x" * 700}"')
    assert_problem(problems, line_no(text, "xxxx"), "at most 600")


@pytest.mark.parametrize("url", ["http://alpha.example.org/", "javascript:alert(1)", "data:text/html,x",
                                 "/docs/", "https://", "https://exa mple.org/"])
def test_sources_must_be_https_urls(url):
    text, problems = broken('source: "https://alpha-sql.example.org/"', f'source: "{url}"')
    assert_problem(problems, line_no(text, f'source: "{url}"'), "support.orm.source")


def test_invalid_id_form():
    text, problems = broken("  - id: orm\n", "  - id: Big_ORM\n")
    assert any(p.line == line_no(text, "Big_ORM") for p in problems)


# ------------------------------------------------------------------ semantic rules

def test_rules_are_documented():
    names = [name for name, _ in RULES]
    assert len(names) == len(set(names)) >= 8


def test_duplicate_feature_id():
    text, problems = broken("  - id: migrations\n", "  - id: orm\n")
    second = [i for i, line in enumerate(text.splitlines(), 1) if line == "  - id: orm"][1]
    assert_problem(problems, second, "id 'orm' is defined twice")


def test_duplicate_framework_id():
    text, problems = broken("  - id: beta\n", "  - id: alpha\n")
    second = [i for i, line in enumerate(text.splitlines(), 1) if line == "  - id: alpha"][1]
    assert_problem(problems, second, "frameworks: id 'alpha' is defined twice")


def test_unknown_category():
    text, problems = broken("    category: apis\n", "    category: nowhere\n")
    assert_problem(problems, line_no(text, "category: nowhere"), "unknown category 'nowhere'")


def test_empty_category():
    text, problems = broken("    category: apis\n", "    category: data-layer\n")
    assert_problem(problems, line_no(text, "- id: apis"), "categories[apis]", "no feature")


def test_matrix_missing_cell():
    text = fixture_text()
    start = text.index("      openapi:\n        level: not-available")
    end = text.index("    considerations:", start)
    text = text[:start] + text[end:]
    assert_problem(problems_of(text), line_no(text, "    support:"), "frameworks[alpha].support", "no entry for 'openapi'")


def test_matrix_unknown_feature():
    text, problems = broken("      orm:\n        level: third-party", "      orms:\n        level: third-party")
    assert_problem(problems, line_no(text, "orms:"), "'orms' is not a defined feature")
    assert_problem(problems, line_no(text, "    support:"), "no entry for 'orm'")


def test_missing_consideration_rating():
    text = fixture_text()
    start = text.index("      model-serving:\n        rating: 5")
    end = text.index("  - id: beta", start)
    text = text[:start] + text[end:]
    assert_problem(problems_of(text), line_no(text, "    considerations:"), "no entry for 'model-serving'")


def test_third_party_needs_package():
    text, problems = broken('        package: "Alpha-SQL"\n', "")
    assert_problem(problems, line_no(text, "      orm:"), "support.orm", "needs 'package'")


def test_built_in_takes_no_package():
    text, problems = broken("        level: built-in\n        note: \"Part of the framework.\"",
                            "        level: built-in\n        package: \"beta-orm\"\n        note: \"Part of the framework.\"")
    assert_problem(problems, line_no(text, "beta-orm"), "takes no 'package'")


def test_built_in_claim_must_cite_the_framework_itself():
    text, problems = broken('source: "https://docs.beta.example.org/orm/"', 'source: "https://blog.example.com/orm/"')
    assert_problem(problems, line_no(text, "blog.example.com"), "frameworks[beta].support.orm.source",
                   "framework's own")


def test_version_source_must_be_official():
    text, problems = broken('version_source: "https://pypi.org/project/alpha/"',
                            'version_source: "https://pypi.org/project/other/"')
    assert_problem(problems, line_no(text, "project/other"), "version_source")


def test_legend_must_define_every_level():
    text, problems = broken('  - id: not-available\n    label: "Not available"\n    description: "No maintained option."\n', "")
    assert_problem(problems, line_no(text, "support_levels:"), "'not-available' has no legend entry")


def test_rating_scale_without_gaps():
    text, problems = broken("  - value: 2\n", "  - value: 7\n")
    assert any("rating" in p.message for p in problems)


def test_impossible_date():
    text, problems = broken('released: "2026-01-15"', 'released: "2026-02-30"')
    assert_problem(problems, line_no(text, "2026-02-30"), "not a real date")


def test_date_in_future():
    text, problems = broken('reviewed: "2026-11-01"', 'reviewed: "2027-01-01"')
    assert_problem(problems, line_no(text, "2027-01-01"), "in the future")


def test_release_after_review():
    text, problems = broken('released: "2026-08-01"', 'released: "2026-11-20"')
    assert_problem(problems, line_no(text, "2026-11-20"), "is after reviewed")


def test_python_versions_in_order():
    text, problems = broken('["3.12", "3.13"]', '["3.13", "3.12"]')
    assert_problem(problems, line_no(text, '["3.13", "3.12"]'), "oldest first")


def test_unknown_start_node():
    text, problems = broken("  start: q-users", "  start: q-nowhere")
    assert_problem(problems, line_no(text, "q-nowhere"), "decision.start", "not a defined node")


def test_answer_to_unknown_node():
    text, problems = broken("next: out-alpha", "next: out-gamma")
    assert_problem(problems, line_no(text, "out-gamma"), "leads to 'out-gamma'")


def test_outcome_names_unknown_framework():
    text, problems = broken("recommend: alpha", "recommend: gamma")
    assert_problem(problems, line_no(text, "recommend: gamma"), "'gamma', which is not a defined framework")


def test_cycle_is_rejected():
    text, problems = broken("next: out-beta-large", "next: q-users")
    assert any("cycle" in p.message and "q-users" in p.message for p in problems)


def test_unreachable_node():
    text, problems = broken("          next: out-beta\n", "          next: out-beta-large\n")
    assert_problem(problems, line_no(text, "- id: out-beta\n".strip()), "out-beta", "not reachable")


def test_question_needs_two_answers():
    text, problems = broken('        - label: "No"\n          next: q-size\n', "")
    assert any("at least 2" in p.message for p in problems)


def test_outcome_needs_reason():
    text, problems = broken('      reason: "Small and quick."\n', "")
    assert_problem(problems, line_no(text, "- id: out-alpha"), "missing required key 'reason'")


def test_repeated_answer_label():
    text, problems = broken('        - label: "No"\n          next: q-size', '        - label: "Yes"\n          next: q-size')
    assert any("given twice" in p.message for p in problems)


def test_every_problem_is_reported_at_once():
    text = replace_once(fixture_text(), "level: third-party", "level: sort-of")
    text = replace_once(text, "recommend: alpha", "recommend: gamma")
    text = replace_once(text, "ai: true", "ai: no")
    problems = problems_of(text)
    messages = " | ".join(p.message for p in problems)
    assert "sort-of" in messages and "gamma" in messages and "'no'" in messages
