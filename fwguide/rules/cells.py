from fwguide.rules import rule
from fwguide.rules._common import items

NEEDS_PACKAGE = ("official-extension", "third-party")
TAKES_NO_PACKAGE = ("built-in", "not-available")
MAY_NAME_PACKAGE = ("partial",)   # the building block may be a package, or part of the framework itself


@rule("cell-consistency", "A cell provided by an official extension or a third-party package names that "
                          "package; a built-in or unavailable feature names none; a partial one may name "
                          "the package that provides its part.")
def check_cells(data, report, today):
    for i, fw in items(data, "frameworks"):
        support = fw.get("support")
        for key, cell in (support.items() if isinstance(support, dict) else []):
            if not isinstance(cell, dict):
                continue
            level, package = cell.get("level"), cell.get("package")
            path = ("frameworks", i, "support", key)
            if level in NEEDS_PACKAGE and not package:
                report(path, f"frameworks[{fw.get('id')}].support.{key}: level {level!r} needs 'package'")
            if level in TAKES_NO_PACKAGE and package:
                report(path + ("package",), f"frameworks[{fw.get('id')}].support.{key}: level {level!r} "
                                            f"takes no 'package'")
