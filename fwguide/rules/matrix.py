from fwguide.rules import rule
from fwguide.rules._common import items


@rule("complete-matrix", "Every framework gives a support cell for every feature and a rating for "
                         "every consideration, and names no feature or consideration that is not defined.")
def check_matrix(data, report, today):
    for table, defined_in in (("support", "features"), ("considerations", "considerations")):
        known = [item.get("id") for _, item in items(data, defined_in)]
        defined = list(dict.fromkeys(i for i in known if isinstance(i, str)))  # data order, for the messages
        defined_set = set(defined)
        for i, fw in items(data, "frameworks"):
            cells = fw.get(table)
            if not isinstance(cells, dict):
                continue
            name = fw.get("id")
            for key in defined:
                if key not in cells:
                    report(("frameworks", i, table), f"frameworks[{name}].{table}: no entry for {key!r}")
            for key in cells:
                if key not in defined_set:
                    report(("frameworks", i, table, key),
                           f"frameworks[{name}].{table}: {key!r} is not a defined {defined_in[:-1]}")
