from fwguide.rules import rule
from fwguide.rules._common import items


def _rated_from_answers(data) -> set:
    return {c.get("id") for _, c in items(data, "considerations") if "from_answers" in c}


@rule("complete-matrix", "Every framework gives a support cell for every feature and a rating for "
                         "every consideration (except one rated from the reader's answers, which it "
                         "does not rate), and names no feature or consideration that is not defined.")
def check_matrix(data, report, today):
    from_answers = _rated_from_answers(data)
    for table, defined_in in (("support", "features"), ("considerations", "considerations")):
        skip = from_answers if table == "considerations" else set()
        known = [item.get("id") for _, item in items(data, defined_in)]
        defined = list(dict.fromkeys(i for i in known if isinstance(i, str) and i not in skip))  # data order
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
                if key in skip:
                    report(("frameworks", i, table, key), f"frameworks[{name}].{table}: {key!r} is rated from "
                                                          f"the reader's answers (from_answers); remove this rating")
                elif key not in defined_set:
                    report(("frameworks", i, table, key),
                           f"frameworks[{name}].{table}: {key!r} is not a defined {defined_in[:-1]}")
