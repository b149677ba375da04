"""``python -m measure [--smoke] [--out FILE]``: measure, write the results file, check it.

Exit status 0 when the file was written, passes the checks the build applies, and no process
the run started is left; 1 otherwise.
"""
from __future__ import annotations

import argparse
import dataclasses
import shlex
import sys
import time
from pathlib import Path

from measure import procs
from measure.run import SMOKE, Plan, Run, write

DEFAULT_OUT = procs.ROOT / "data" / "measurements.yaml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m measure", description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="one server, a few requests: seconds, for make test")
    parser.add_argument("--out", type=Path, default=None, help=f"results file (default {DEFAULT_OUT}; "
                                                                  "--smoke needs one)")
    parser.add_argument("--repeats", type=int, default=None, help="repeats of the full run (default 3)")
    args = parser.parse_args(argv)
    if args.smoke and args.out is None:
        parser.error("--smoke writes a throwaway file: give --out (the published results come from a full run)")
    out = args.out or DEFAULT_OUT
    plan = SMOKE if args.smoke else Plan()
    if args.repeats is not None:
        plan = dataclasses.replace(plan, repeats=args.repeats)
    procs.install_exit_handlers()
    began = time.monotonic()
    try:
        argv = sys.argv[1:] if argv is None else argv
        command = "make measure" if not argv else shlex.join(["python", "-m", "measure", *argv])
        document = Run(plan, command=command).run()
    except RuntimeError as error:   # a server that would not start: its command and its output
        print(f"measure: {error}", file=sys.stderr)
        return 1
    finally:
        procs.stop_everything()
    write(document, out)
    from fwguide.measured import check_file
    problems = check_file(out, published=not args.smoke)
    for line in problems:
        print(line, file=sys.stderr)
    left = procs.leftovers()
    if left:
        print(f"processes left behind: {left}", file=sys.stderr)
    print(f"wrote {out} in {time.monotonic() - began:.0f} s"
          f"{'' if not problems else f' with {len(problems)} problem(s)'}")
    return 1 if problems or left or document["leftover_processes"] else 0


if __name__ == "__main__":
    sys.exit(main())
