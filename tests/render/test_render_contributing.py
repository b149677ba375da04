"""The Contributing page's tables (fwguide/render/contributing.py), generated from the rules and schema."""
import html

import pytest

from fwguide import rules
from fwguide.render import contributing
from fwguide.schema import schema
from support import parse_tables


def test_rules_table_lists_every_registered_rule(monkeypatch):
    rows = parse_tables(contributing.render_rules()).tables[0][1:]
    assert [r[0][1] for r in rows] == [r.name for r in rules.RULES]
    monkeypatch.setattr(rules, "RULES", [*rules.RULES, rules.Rule("new-rule", "A <new> rule.", print, "x")])
    assert "<code>new-rule</code></th><td>A &lt;new&gt; rule.</td>" in contributing.render_rules()


def test_schema_keys_table_is_generated_from_the_schema():
    out = contributing.render_schema_keys()
    rows = parse_tables(out).tables[0][1:]
    keys = [k for k in schema()["properties"] if not k.startswith("$")]
    assert [r[0][1] for r in rows] == keys
    required = dict((r[0][1], r[1][1]) for r in rows)
    assert all(required[k] == ("yes" if k in schema()["required"] else "no") for k in keys)
    assert "list of mappings with keys id, name" in out


@pytest.mark.build
def test_contributing_page_lists_every_rule_and_schema_key(built_site):
    page = html.unescape((built_site / "contributing" / "index.html").read_text(encoding="utf-8"))
    for r in rules.RULES:
        assert r.name in page and r.text in page
    for key in schema()["properties"]:
        if not key.startswith("$"):
            assert f"<code>{key}</code>" in page
    for command in ("make check", "make test", "make serve"):
        assert command in page
