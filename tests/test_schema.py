"""The JSON Schema check (fwguide/schema.py): each kind of schema error, worded for the data, on its line."""
import pytest

from support import assert_problem, broken, fixture_text, line_no, problems_of


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


def test_quoted_yes_in_a_true_false_field_says_how_to_write_it():
    text, problems = broken("    ai: true\n", '    ai: "yes"\n')
    assert_problem(problems, line_no(text, 'ai: "yes"'), "expected true or false", "write true or false")


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
    assert_problem(problems, line_no(text, "Big_ORM"), "features[Big_ORM].id", "does not have the expected form")


def test_an_id_with_a_trailing_newline_is_refused():
    # ECMA-262 semantics: '$' matches only at the very end, not before a final newline.
    text, problems = broken("  start: q-users", '  start: "q-users\\n"')
    assert_problem(problems, line_no(text, "  start:"), "decision.start", "expected form")


def test_question_needs_two_answers():
    text, problems = broken('        - label: "No"\n          next: q-size\n', "")
    assert_problem(problems, line_no(text, "    - id: q-users") + 2, "1 items; at least 2 needed")


def test_outcome_needs_reason():
    text, problems = broken('      reason: "Small and quick."\n', "")
    assert_problem(problems, line_no(text, "- id: out-alpha"), "missing required key 'reason'")


def test_every_problem_is_reported_at_once():
    text = fixture_text().replace("level: third-party", "level: sort-of", 1)
    text = text.replace("recommend: alpha", "recommend: gamma", 1)
    text = text.replace("ai: true", "ai: no", 1)
    messages = " | ".join(p.message for p in problems_of(text))
    assert "sort-of" in messages and "gamma" in messages and "'no'" in messages


# ------------------------------------------------------------------ inlined references

def test_inlining_references_changes_no_message(tmp_path):
    """schema.inline_refs (for speed) reports the same errors, on the same paths and with the same
    subschema, as the schema with its $refs."""
    import copy

    import jsonschema
    import yaml

    from fwguide import schema as fs
    from support import fixture_text

    original = fs._Validator(fs.schema())
    inlined = fs._Validator(fs.inline_refs(fs.schema()))
    assert "$ref" not in str({k: v for k, v in fs.inline_refs(fs.schema()).items() if k != "$defs"})
    base = yaml.safe_load(fixture_text())
    breakages = [
        lambda d: d["frameworks"][0]["support"]["orm"].update(level="builtin"),
        lambda d: d["frameworks"][0].update(homepage="ftp://x"),
        lambda d: d["frameworks"][0].pop("summary"),
        lambda d: d["features"][0].update(id="Bad Id", extra=1),
        lambda d: d["decision"]["nodes"][0].update(answers=[]),
        lambda d: d["considerations"][0].update(ai="yes"),
        lambda d: d.update(schema_version="1"),
    ]
    for breakage in breakages:
        data = copy.deepcopy(base)
        breakage(data)

        def seen(validator):
            return sorted((list(e.absolute_path), e.validator, e.message, e.schema.get("description"))
                          for e in validator.iter_errors(data))
        assert seen(original) == seen(inlined) != []
    recursive = {"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}}}},
                 "type": "object", "properties": {"root": {"$ref": "#/$defs/node"}}}
    flat = fs.inline_refs(recursive)
    assert flat["properties"]["root"]["properties"]["next"] == {"$ref": "#/$defs/node"}   # a cycle stays a $ref
    jsonschema.Draft202012Validator(flat).validate({"root": {"next": {"next": {}}}})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(flat).validate({"root": {"next": {"next": 1}}})


def test_the_integer_items_shortcut_reports_what_jsonschema_reports():
    """fwguide.schema skips jsonschema's per-item descent for arrays of in-range plain ints; on every
    other array it defers to jsonschema, so the errors are the same with and without the shortcut."""
    import jsonschema

    from fwguide.schema import _Validator
    schemas = [{"type": "array", "items": {"type": "integer", "minimum": 0}},
               {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 10}},
               {"type": "array", "items": {"type": "integer"}},
               {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "integer", "minimum": 0}},
               {"type": "array", "items": {"type": "integer", "exclusiveMinimum": 0}}]
    arrays = [[], [0, 1, 2], [1, 10], [-1, 3], [11], [True, 1], [1.0, 2], [1.5], ["1"], [None], ["x", 1], [0, 0]]
    for schema_doc in schemas:
        for array in arrays:
            ours = sorted(e.message for e in _Validator(schema_doc).iter_errors(array))
            theirs = sorted(e.message for e in jsonschema.Draft202012Validator(schema_doc).iter_errors(array))
            assert ours == theirs, (schema_doc, array, ours, theirs)
