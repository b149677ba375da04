"""The Contributing page's tables, generated from the rules and the schema so they cannot drift."""
from __future__ import annotations

from fwguide.model import Guide
from fwguide.registry import macro
from fwguide.render.html import card_label, h, head, table, th_row
from fwguide.render.matrix import CARDS
from fwguide.schema import schema

_TYPES = {"object": "mapping", "array": "list", "string": "text", "integer": "whole number",
          "boolean": "true or false", "number": "number"}


@macro("validation_rules", footer=False)
def render_rules(guide: Guide | None = None) -> str:
    """The semantic validation rules, from the rules package (a table)."""
    from fwguide.rules import RULES
    rows = [f"<tr>{th_row(f'<code>{h(r.name)}</code>')}<td>{h(r.text)}</td></tr>" for r in RULES]
    return table(f"Checks beyond the schema ({len(RULES)} rules)", head("Rule", "What it requires"), rows,
                 "fwg-rules")


def _resolve(node: dict, data_schema: dict) -> dict:
    ref = node.get("$ref", "")
    return data_schema["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node


def _shape(prop: dict, data_schema: dict) -> str:
    prop = _resolve(prop, data_schema)
    if "const" in prop:
        return f"always {prop['const']!r}"
    kind = prop.get("type")
    if kind == "array":
        items = _resolve(prop.get("items", {}), data_schema)
        keys = items.get("required") or list(items.get("properties", {}))
        return f"list of mappings with keys {', '.join(keys)}" if keys else "list"
    if kind == "object":
        keys = prop.get("required") or list(prop.get("properties", {}))
        return f"mapping with keys {', '.join(keys)}" if keys else "mapping"
    return _TYPES.get(kind, "value") if isinstance(kind, str) else "value"


@macro("schema_keys", footer=False)
def render_schema_keys(guide: Guide | None = None) -> str:
    """The data file's top-level keys, from data/frameworks.schema.json (a table)."""
    data_schema = schema()
    required = set(data_schema.get("required", []))
    columns = ("Key", "Required", "Shape", "Meaning")
    rows = []
    for key, prop in data_schema.get("properties", {}).items():
        if key.startswith("$"):
            continue
        values = ("yes" if key in required else "no", _shape(prop, data_schema), prop.get("description") or "—")
        cells = "".join(f"<td>{card_label(name)}{h(value)}</td>" for name, value in zip(columns[1:], values))
        rows.append(f"<tr>{th_row(f'<code>{h(key)}</code>')}{cells}</tr>")
    return table("Top-level keys of the data file, from its JSON Schema", head(*columns), rows,
                 f"fwg-schema-keys {CARDS}")
