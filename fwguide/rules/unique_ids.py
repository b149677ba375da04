from fwguide.rules import rule
from fwguide.rules._common import items

_LISTS = [("support_levels", "id"), ("rating_scale", "value"), ("considerations", "id"),
          ("categories", "id"), ("features", "id"), ("frameworks", "id"), ("frameworks", "symbol"),
          ("support_levels", "symbol")]


@rule("unique-ids", "Every id (levels, considerations, categories, features, frameworks, decision nodes), "
                    "every rating value and every symbol (of a framework or a support level) is defined once, and "
                    "no level shares its symbol with a framework.")
def check_unique(data, report, today):
    for key, field in _LISTS:
        seen: dict = {}
        for i, item in items(data, key):
            value = item.get(field)
            if value in seen:
                report((key, i, field), f"{key}: {field} {value!r} is defined twice (also item {seen[value] + 1})")
            else:
                seen[value] = i
    frameworks = {fw.get("symbol"): fw.get("id") for _, fw in items(data, "frameworks")}
    for i, level in items(data, "support_levels"):
        if level.get("symbol") in frameworks:
            report(("support_levels", i, "symbol"), f"support_levels[{level.get('id')}]: symbol "
                   f"{level.get('symbol')!r} is also framework {frameworks[level.get('symbol')]!r}'s symbol")
    seen = {}
    for i, node in items(data.get("decision"), "nodes"):
        if node.get("id") in seen:
            report(("decision", "nodes", i, "id"), f"decision: node id {node.get('id')!r} is defined twice")
        seen.setdefault(node.get("id"), i)
