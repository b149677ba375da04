"""The YAML reader refuses YAML 1.1 surprises and syntax errors, with line numbers."""
import pytest

from fwguide.yamlstrict import MAX_BYTES

from support import assert_problem, fixture_text, line_no, problems_of, replace_once


def test_fixture_is_valid():
    assert problems_of(fixture_text()) == []


@pytest.mark.parametrize("word", ["no", "yes", "on", "off", "No", "YES"])
def test_unquoted_yes_no_on_off_are_rejected(word):
    text = replace_once(fixture_text(), "ai: true", f"ai: {word}")
    assert_problem(problems_of(text), line_no(text, f"ai: {word}"), f"unquoted {word!r}", "boolean")


def test_version_like_float_is_rejected():
    text = replace_once(fixture_text(), '["3.10", "3.11"]', "[3.10, 3.11]")
    problems = problems_of(text)
    assert_problem(problems, line_no(text, "[3.10, 3.11]"), "'3.10'", "3.1", "quotes")


def test_latest_version_unquoted_is_rejected():
    text = replace_once(fixture_text(), 'latest_version: "6.1"', "latest_version: 6.1")
    assert_problem(problems_of(text), line_no(text, "latest_version: 6.1"), "'6.1'")


def test_unquoted_date_is_kept_as_text_and_accepted():
    text = replace_once(fixture_text(), 'released: "2026-01-15"', "released: 2026-01-15")
    assert problems_of(text) == []


def test_duplicate_key_is_rejected_with_both_lines():
    text = replace_once(fixture_text(), '    name: "Alpha"\n', '    name: "Alpha"\n    name: "Again"\n')
    first = line_no(text, 'name: "Alpha"')
    assert_problem(problems_of(text), line_no(text, 'name: "Again"'), "duplicate key 'name'", f"line {first}")


def test_duplicate_top_level_key():
    text = fixture_text() + "schema_version: 1\n"
    assert_problem(problems_of(text), len(text.splitlines()), "duplicate key 'schema_version'")


def test_syntax_error_has_its_line():
    text = replace_once(fixture_text(), 'python_versions: ["3.10", "3.11"]', 'python_versions: ["3.10", "3.11"')
    problems = problems_of(text)
    assert len(problems) == 1 and "YAML syntax error" in problems[0].message
    assert problems[0].line >= line_no(text, 'python_versions: ["3.10", "3.11"')


def test_tab_indentation_is_a_syntax_error():
    text = replace_once(fixture_text(), "    name: \"Alpha\"", "\tname: \"Alpha\"")
    problems = problems_of(text)
    assert problems and problems[0].line == line_no(text, '\tname: "Alpha"')


def test_anchor_and_alias_are_rejected():
    text = replace_once(fixture_text(), '    summary: "A small framework."',
                        '    summary: &s "A small framework."')
    text = replace_once(text, '    summary: "A large framework."', "    summary: *s")
    problems = problems_of(text)
    assert_problem(problems, line_no(text, "&s"), "anchor '&s'")
    assert_problem(problems, line_no(text, "*s"), "alias '*s'")


@pytest.mark.parametrize("content, fragment", [
    (b"", "empty"), (b"   \n# only a comment\n", "empty"), (b"- a\n- b\n", "must be a mapping"),
    (b"just text\n", "must be a mapping"), (b"a: 1\n---\nb: 2\n", "syntax error"),
])
def test_files_that_are_not_a_mapping(content, fragment):
    problems = problems_of(content)
    assert problems and fragment in problems[0].message and problems[0].line >= 1


def test_non_utf8_bytes_report_their_line():
    raw = fixture_text().encode().replace(b"A small framework.", b"A small \xff framework.")
    problems = problems_of(raw)
    assert problems[0].line == line_no(fixture_text(), "A small framework.")
    assert "UTF-8" in problems[0].message


def test_very_large_file_is_refused():
    problems = problems_of(b"# " + b"x" * MAX_BYTES)
    assert f"the limit is {MAX_BYTES}" in problems[0].message


def test_explicit_python_tag_is_refused():
    text = replace_once(fixture_text(), 'summary: "A small framework."', "summary: !!python/name:os.system ''")
    assert_problem(problems_of(text), line_no(text, "!!python"), "tag")


# ------------------------------------------------------------------ issue 13: limits and hidden problems

def test_a_schema_problem_about_a_refused_value_is_not_reported_twice():
    text = replace_once(fixture_text(), "ai: true", "ai: yes")
    problems = [p for p in problems_of(text) if p.line == line_no(text, "ai: yes")]
    assert [p.message for p in problems] == ['unquoted \'yes\' is read as a boolean by YAML 1.1; '
                                             'write "yes" in quotes, or true/false']


def test_other_problems_on_a_refused_values_line_are_all_listed():
    text = replace_once(fixture_text(), '    ai: true\n', '    ai: yes\n    colour: {a: 1}\n')
    text = replace_once(text, 'python_versions: ["3.10", "3.11"]', 'python_versions: [3.10, "3.9.x"]')
    problems = problems_of(text)
    line = line_no(text, "python_versions: [3.10")
    assert_problem(problems, line, "'3.10' is read as the number 3.1")
    assert_problem(problems, line, "python_versions[1]", '"3.9.x" does not have the expected form')
    assert_problem(problems, line_no(text, "colour:"), "unknown key 'colour'")


def test_problems_before_a_syntax_error_are_listed_with_it():
    text = replace_once(fixture_text(), "ai: true", "ai: yes")
    text = replace_once(text, 'python_versions: ["3.10", "3.11"]', 'python_versions: ["3.10", "3.11"')
    problems = problems_of(text)
    assert_problem(problems, line_no(text, "ai: yes"), "unquoted 'yes'")
    assert any("YAML syntax error" in p.message for p in problems)


def test_values_read_for_their_problems_only_are_not_kept():
    from fwguide.yamlstrict import read_yaml
    data, lines, problems = read_yaml(b"a: 1\na: {b: yes}\n? [x, on]\n: 2\nc: 3\n")
    assert data == {"a": 1, "c": 3}
    assert sorted((p.line, p.message.split(";")[0]) for p in problems) == [
        (2, "duplicate key 'a' (first defined on line 1)"), (2, "unquoted 'yes' is read as a boolean by YAML 1.1"),
        (3, "a key must be plain text, not a list or mapping"), (3, "unquoted 'on' is read as a boolean by YAML 1.1")]
    assert lines[("a",)] == 1 and lines[("c",)] == 5


def test_a_second_document_is_a_syntax_error_on_its_line():
    from fwguide.yamlstrict import read_yaml
    _data, _lines, problems = read_yaml(b"a: 1\n---\nb: 2\n")
    assert [(p.line, p.message) for p in problems] == [
        (2, "YAML syntax error: expected a single document in the stream, but found another document")]


@pytest.mark.parametrize("escape, code", [("\\U00110000", None), ("\\UFFFFFFFF", None), ("\\ud800", "D800"),
                                          ("\\udfff", "DFFF")])
def test_escapes_that_are_not_characters_are_reported_on_their_line(escape, code):
    text = replace_once(fixture_text(), 'summary: "A large framework."', f'summary: "A large {escape} framework."')
    problems = problems_of(text)
    line = line_no(text, escape)
    if code:
        assert_problem(problems, line, f"U+{code}, half of a UTF-16 surrogate pair")
    else:
        assert_problem(problems, line, f"the escape {escape} is outside the Unicode range")


def test_whole_numbers_longer_than_the_limit_are_refused():
    from fwguide.yamlstrict import MAX_INT_DIGITS
    ok = replace_once(fixture_text(), "rating: 3\n", "rating: " + "0" * 0 + "3" * MAX_INT_DIGITS + "\n")
    assert not any("digits" in p.message for p in problems_of(ok))
    text = replace_once(fixture_text(), "rating: 3\n", "rating: " + "3" * (MAX_INT_DIGITS + 1) + "\n")
    assert_problem(problems_of(text), line_no(text, "rating: 333"), f"{MAX_INT_DIGITS + 1} digits",
                   f"at most {MAX_INT_DIGITS}")
