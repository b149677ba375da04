"""Command line: ``python -m fwguide check [FILE]`` validates the data alone."""
from __future__ import annotations

import argparse
import sys

from fwguide.problems import DataError
from fwguide.validate import DATA_FILE, RULES, display_name, load_guide


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fwguide")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the data file and list every problem")
    check.add_argument("file", nargs="?", default=str(DATA_FILE))
    sub.add_parser("rules", help="list the validation rules")
    args = parser.parse_args(argv)
    if args.command == "rules":
        for name, text in RULES:
            print(f"{name}: {text}")
        return 0
    try:
        guide = load_guide(args.file)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    print(f"{display_name(args.file)}: OK ({len(guide.frameworks)} frameworks, {len(guide.features)} features in "
          f"{len(guide.categories)} categories, {len(guide.considerations)} considerations, "
          f"{len(guide.nodes)} decision nodes, {len(guide.paths())} decision paths)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
