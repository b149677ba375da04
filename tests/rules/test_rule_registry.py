"""The rules package: every rule registers by being defined, once, and has its own test module here."""
from pathlib import Path

import pytest

from fwguide import rules
from fwguide.loader import validate
from fwguide.paths import ROOT
from support import fixture_text

HERE = Path(__file__).parent


def test_every_rule_module_registers_one_rule_and_names_are_unique():
    modules = sorted(p.stem for p in (ROOT / "fwguide" / "rules").glob("*.py") if not p.stem.startswith("_"))
    assert sorted(r.module for r in rules.RULES) == modules
    assert len({r.name for r in rules.RULES}) == len(rules.RULES)


@pytest.mark.parametrize("rule", rules.RULES, ids=lambda r: r.name)
def test_every_rule_is_broken_in_its_own_test_module(rule):
    module = HERE / f"test_rule_{rule.module}.py"
    assert module.is_file(), f"add {module.relative_to(ROOT)} with a failing case for {rule.name!r}"
    assert f'RULE = "{rule.name}"' in module.read_text(encoding="utf-8")


def test_a_rule_defined_twice_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        rules.rule(rules.RULES[0].name, "again")(lambda data, report, today: None)


def test_a_new_rule_runs_without_being_listed_anywhere_else(monkeypatch):
    monkeypatch.setattr(rules, "RULES", list(rules.RULES))

    @rules.rule("no-alpha", "No framework may be called alpha.")
    def check(data, report, today):
        for i, fw in enumerate(data["frameworks"]):
            if fw["id"] == "alpha":
                report(("frameworks", i, "id"), "alpha is not allowed")

    problems = validate(fixture_text().encode())[1]
    assert [(p.rule, p.message) for p in problems] == [("no-alpha", "alpha is not allowed")]


def test_a_rule_that_crashes_on_malformed_data_says_so_once(monkeypatch):
    monkeypatch.setattr(rules, "RULES", list(rules.RULES))
    rules.rule("crashes", "Always crashes.")(lambda data, report, today: 1 / 0)
    problems = validate(fixture_text().encode())[1]
    assert [p.message for p in problems] == ["could not check rule 'crashes' (ZeroDivisionError); "
                                             "fix the problems above first"]
