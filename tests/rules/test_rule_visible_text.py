"""Rule visible-text (fwguide/rules/visible_text.py): text shows at least one visible character."""
import pytest

from fwguide.rules.visible_text import TEXT_KEYS, TEXT_LIST_KEYS, TEXT_MAP_KEYS
from fwguide.schema import schema
from support import assert_problem, broken, line_no

RULE = "visible-text"


@pytest.mark.parametrize("invisible", [
    "\\u200b", "\\u200b\\u2060\\ufeff",   # zero-width space, word joiner, BOM
    "\\u3164",                           # Hangul filler: a "letter" that draws nothing
    "\\u0301\\u0301",                    # combining marks with nothing to combine with
    "\\u202e\\u202c",                    # a direction override and its end
    "\\U000e0041",                       # a tag character
])
def test_a_name_of_invisible_characters_is_refused(invisible):
    text, problems = broken('name: "Alpha"', f'name: "{invisible}"')
    assert_problem(problems, line_no(text, f'name: "{invisible}"'), "frameworks[alpha].name", "shows nothing",
                   rule=RULE)


def test_every_text_field_is_checked():
    text, problems = broken('note: "Through an extension."', 'note: "\\u2800\\u200b"')
    assert_problem(problems, line_no(text, "\\u2800"), "support.orm.note", "shows nothing", rule=RULE)
    text, problems = broken('        - label: "No"', '        - label: "\\u115f"')
    assert_problem(problems, line_no(text, "\\u115f"), "answers[1].label", "shows nothing", rule=RULE)


@pytest.mark.parametrize("visible", ["\\u05d0\\u05d1", "\\U0001F600", "e\\u0301", "\\u200bAlpha", "\\u00bd"])
def test_text_with_something_visible_passes(visible):
    _text, problems = broken('name: "Alpha"', f'name: "{visible}"')
    assert [p for p in problems if p.rule == RULE] == []


def test_blank_text_is_left_to_the_schema():
    _text, problems = broken('name: "Alpha"', 'name: "   "')
    assert [p.rule for p in problems] == [None]  # one problem (the schema's form), not two


TEXT_REFS = ("#/$defs/label", "#/$defs/text")


def _is_text(sub: dict) -> bool:
    return sub.get("$ref") in TEXT_REFS or sub.get("minLength") == 1 and "pattern" in sub


def _text_properties(node, out, lists, maps):
    if isinstance(node, dict):
        for key, sub in (node.get("properties") or {}).items():
            if not isinstance(sub, dict):
                continue
            items = schema()["$defs"]["bullets"]["items"] if sub.get("$ref") == "#/$defs/bullets" else sub.get("items")
            if _is_text(sub):
                out.add(key)
            elif isinstance(items, dict) and _is_text(items):
                lists.add(key)
            elif isinstance(sub.get("additionalProperties"), dict) and _is_text(sub["additionalProperties"]):
                maps.add(key)
        for value in node.values():
            _text_properties(value, out, lists, maps)
    return out, lists, maps


def test_the_rule_knows_every_text_field_of_the_schema():
    assert _text_properties(schema(), set(), set(), set()) == (TEXT_KEYS, TEXT_LIST_KEYS, TEXT_MAP_KEYS)


def test_text_in_lists_and_maps_is_checked_too():
    text, problems = broken('      architecture: ["Load the model once per process."]', '      architecture: ["\\u200b"]')
    assert_problem(problems, line_no(text, 'architecture: ["\\u200b"]'), "architecture[0]", "shows nothing", rule=RULE)
    text, problems = broken('        alpha: "It does not fit this case."', '        alpha: "\\u3164"')
    assert_problem(problems, line_no(text, 'alpha: "\\u3164"'), "why_not.alpha", "shows nothing", rule=RULE)
