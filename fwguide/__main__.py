"""Command line: ``python -m fwguide check [FILE]`` validates the data, the measured figures
(data/measurements.yaml) and the pages that use them;
``python -m fwguide rules`` lists the validation rules; ``python -m fwguide macros`` the macros."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fwguide.pages import page_problems, read_config
from fwguide.paths import DATA_FILE, MEASUREMENTS_FILE, MKDOCS_FILE, ROOT, display_name
from fwguide.problems import DataError
from fwguide.site import load_both


def _check(file: str) -> int:
    try:
        guide = load_both(Path(file), MEASUREMENTS_FILE)
        config = read_config(MKDOCS_FILE)
        docs_dir = ROOT / str(config.get("docs_dir") or "docs")
        problems = page_problems(guide, docs_dir, config.get("nav"))
        if problems:
            raise DataError(display_name(Path(file)), problems)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{display_name(Path(file))}: OK ({len(guide.frameworks)} frameworks, {len(guide.features)} features in "
          f"{len(guide.categories)} categories, {len(guide.considerations)} considerations, "
          f"{len(guide.nodes)} decision nodes, {len(guide.paths())} decision paths; "
          f"{len(guide.ids('figure'))} measured figures); the pages' macro calls match the data")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fwguide")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data file and the pages' macro calls; list every problem")
    check.add_argument("file", nargs="?", default=str(DATA_FILE))
    sub.add_parser("rules", help="list the validation rules")
    sub.add_parser("macros", help="list the macros pages can call")
    args = parser.parse_args(argv)
    if args.command == "rules":
        from fwguide.rules import RULES
        for r in RULES:
            print(f"{r.name}: {r.text}")
        return 0
    if args.command == "macros":
        from fwguide.registry import macros
        for m in macros().values():
            print(f"{m.signature()}{'  [footer]' if m.footer else ''}")
        return 0
    return _check(args.file)


if __name__ == "__main__":
    sys.exit(main())
