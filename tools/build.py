"""Build the site with either builder, the same way everywhere (Makefile, deploy workflow, tests):

    python tools/build.py [--builder mkdocs|zensical] [--zensical PATH]

1. check the data and the pages (`python -m fwguide check`): a mistake stops here with the
   `data/frameworks.yaml:LINE: message` list and exit 1, before either builder runs (Zensical would
   print it wrapped in Python tracebacks; see README, "Builders");
2. publish the JSON API into docs/api/ (`python -m fwguide.export`; Zensical collects docs/ before
   any macro runs, so the files must be there first);
3. build strictly into site/: `mkdocs build --strict` or `zensical build --strict`.

Run from the project folder.  Exit status: 1 for a data problem, otherwise the builder's own.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

BUILDERS = ("mkdocs", "zensical")


def builder_command(builder: str, zensical: str | None) -> list[str]:
    if builder == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    program = zensical or shutil.which("zensical") or str(Path(".venv-zensical/bin/zensical"))
    return [program, "build", "--strict", "--config-file", "mkdocs.yml"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/build.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--builder", choices=BUILDERS, default=os.environ.get("BUILDER") or "mkdocs")
    parser.add_argument("--zensical", help="the zensical program (default: on PATH, else .venv-zensical/bin)")
    args = parser.parse_args(argv)
    for step in ([sys.executable, "-m", "fwguide", "check"], [sys.executable, "-m", "fwguide.export", "docs/api"]):
        done = subprocess.run(step)
        if done.returncode:
            return 1
    return subprocess.run(builder_command(args.builder, args.zensical)).returncode


if __name__ == "__main__":
    sys.exit(main())
