"""Check and build many data files in one process: the batch behind test_adv_agreement.py.

``python agree_runner.py PROJECT CASES.json RESULTS.json``: for each case (a name, the bytes of a data
file in base64, and a site folder), write the bytes to PROJECT/data/frameworks.yaml, then run

* ``python -m fwguide check`` (its ``main``, in this process), and
* a strict build, ``mkdocs build --strict`` without the command-line wrapper: ``load_config`` with
  ``strict=True``, the plugins' start-up and shut-down events, and ``mkdocs.commands.build.build``,

and record each one's exit status and what it wrote.  Running both in one process spares the
second of interpreter, MkDocs and theme start-up per build, which is most of a failing build's time.
"""
from __future__ import annotations

import base64
import contextlib
import importlib
import io
import json
import logging
import os
import sys
from pathlib import Path


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record):
        self.lines.append(record.getMessage())


def check() -> dict:
    err, out = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            rc = importlib.import_module("fwguide.__main__").main(["check"])
        except SystemExit as stop:
            rc = stop.code if isinstance(stop.code, int) else 1
        except Exception as error:  # noqa: BLE001 - a traceback is exactly what the test must see
            rc, err = 99, io.StringIO(f"Traceback: {type(error).__name__}: {error}")
    return {"rc": rc, "stderr": err.getvalue(), "stdout": out.getvalue()}


def build(project: Path, site: Path) -> dict:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, MkDocsException

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    err = io.StringIO()
    rc, message = 0, ""
    try:
        with contextlib.redirect_stderr(err):
            config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(site))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except SystemExit as stop:  # how fwguide.site stops a build on bad data
        rc, message = 1, str(stop.code)
    except (Abort, MkDocsException) as error:
        rc, message = 1, f"Aborted: {error}"
    except Exception as error:  # noqa: BLE001
        rc, message = 99, f"Traceback: {type(error).__name__}: {error}"
    finally:
        logger.removeHandler(collect)
    return {"rc": rc, "stderr": message, "warnings": collect.lines, "captured": err.getvalue()[-2000:]}


def main(project: str, cases_file: str, results_file: str) -> None:
    project_dir = Path(project).resolve()
    os.chdir(project_dir)
    sys.path.insert(0, str(project_dir))
    os.environ.pop("FWGUIDE_DATA", None)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    results = {}
    for name, data, site in json.loads(Path(cases_file).read_text(encoding="utf-8")):
        (project_dir / "data" / "frameworks.yaml").write_bytes(base64.b64decode(data))
        results[name] = {"check": check(), "build": build(project_dir, Path(site))}
    Path(results_file).write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:4])
