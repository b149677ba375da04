from fwguide.rules import rule
from fwguide.rules._common import ids, items
from fwguide.schema import level_ids


@rule("legend-complete", "The support-level legend defines every level of the closed vocabulary, "
                         "the rating scale runs 1, 2, ... without gaps, and every rating is on it.")
def check_legend(data, report, today):
    defined = ids(data, "support_levels")
    for level in level_ids() if isinstance(data.get("support_levels"), list) else []:
        if level not in defined:
            report(("support_levels",), f"support_levels: level {level!r} has no legend entry")
    values = sorted(v for v in ids(data, "rating_scale", "value") if isinstance(v, int))
    if values and values != list(range(1, len(values) + 1)):
        report(("rating_scale",), f"rating_scale: values must be 1 to {len(values)} without gaps, found {values}")
    on_scale = set(values)
    for i, fw in items(data, "frameworks") if values else []:
        rated = fw.get("considerations")
        for key, cell in (rated.items() if isinstance(rated, dict) else []):
            value = cell.get("rating") if isinstance(cell, dict) else None
            if type(value) is int and value not in on_scale:
                report(("frameworks", i, "considerations", key, "rating"),
                       f"frameworks[{fw.get('id')}].considerations.{key}: rating {value} is not on the "
                       f"rating_scale ({values[0]} to {values[-1]})")
