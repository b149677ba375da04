from fwguide.rules import rule
from fwguide.rules._common import items

_LISTS = [("support_levels", "id"), ("rating_scale", "value"), ("considerations", "id"),
          ("categories", "id"), ("features", "id"), ("frameworks", "id"), ("frameworks", "symbol")]


@rule("unique-ids", "Every id (levels, considerations, categories, features, frameworks, decision nodes), "
                    "every rating value and every framework symbol is defined once.")
def check_unique(data, report, today):
    for key, field in _LISTS:
        seen: dict = {}
        for i, item in items(data, key):
            value = item.get(field)
            if value in seen:
                report((key, i, field), f"{key}: {field} {value!r} is defined twice (also item {seen[value] + 1})")
            else:
                seen[value] = i
    seen = {}
    for i, node in items(data.get("decision"), "nodes"):
        if node.get("id") in seen:
            report(("decision", "nodes", i, "id"), f"decision: node id {node.get('id')!r} is defined twice")
        seen.setdefault(node.get("id"), i)
