"""Glue between mkdocs-macros and the renderers (called from ``macros.define_env``).

``register(env)`` loads and checks the data and the pages that use it, then
registers every macro declared in ``registry``: each call checks its arguments,
passes links relative to the current page where the renderer takes them, and
appends the provenance footer where the declaration asks for one.

On bad data, ``mkdocs build`` stops with the problem list alone (no traceback);
``mkdocs serve`` keeps running, logs the list and shows it once at the top of
every page (``overrides/main.html`` reads ``config.extra.fwguide_problems``).
"""
from __future__ import annotations

import dataclasses
import inspect
import logging
import os
import sys
from pathlib import Path

from fwguide import export, provenance
from fwguide.loader import load_guide
from fwguide.measured import load_measured
from fwguide.model import Guide
from fwguide.pages import call_problem, nav_titles, page_problems
from fwguide.paths import DATA_REL, MEASUREMENTS_REL, display_name
from fwguide.problems import CallProblem, DataError
from fwguide.registry import Macro, macros
from fwguide.render.links import PageLinks
from fwguide.repository import Repository

log = logging.getLogger("mkdocs.plugins.fwguide")
PROBLEMS_KEY = "fwguide_problems"   # config.extra key the theme shows as a banner under `serve`


def serving() -> bool:
    """True under `mkdocs serve`, where a data error must not stop the server."""
    if os.environ.get("FWGUIDE_SERVE") in ("0", "1"):
        return os.environ["FWGUIDE_SERVE"] == "1"
    return "serve" in sys.argv[1:2] and Path(sys.argv[0]).name.startswith("mkdocs")


def data_path(env) -> Path:
    override = os.environ.get("FWGUIDE_DATA")
    return Path(override) if override else Path(env.project_dir) / DATA_REL


def _page_links(env) -> PageLinks:
    page = getattr(env, "page", None)
    src = page.file.src_uri if page is not None else "index.md"
    return PageLinks(src, bool(env.conf.get("use_directory_urls", True)), nav_titles(env.conf.get("nav")))


def _page_name(env) -> str:
    """The page being rendered, as a path from the project folder (docs/ai/apis.md)."""
    page = getattr(getattr(env, "page", None), "file", None)
    if page is None:
        return "a page"
    path = Path(env.conf["docs_dir"]) / page.src_uri
    try:
        return path.relative_to(env.project_dir).as_posix()
    except ValueError:
        return display_name(path)


def _fail(message: str) -> None:
    """Stop a build with the message alone: a plain SystemExit, which mkdocs-macros does not catch
    (it would print a traceback for an ordinary exception) and `mkdocs build` turns into exit 1."""
    raise SystemExit(message)


def _bind(m: Macro, guide: Guide, repo: Repository, env):
    def call(*args, **kwargs):
        problem = call_problem(guide, m, list(args), dict(kwargs))
        if problem:
            _fail(f"{_page_name(env)}: {problem}")
        if m.takes_links:
            kwargs["links"] = _page_links(env)
        try:
            out = m.render(guide, *args, **kwargs)
        except CallProblem as error:
            _fail(f"{_page_name(env)}: {error}")
        if not m.footer:
            return out
        bound = inspect.signature(m.render).bind(guide, *args, **kwargs)
        framework_id = bound.arguments.get(m.framework_param) if m.framework_param else None
        return f"{out}\n{provenance.footer(guide, repo, framework_id)}"
    call.__name__, call.__doc__ = m.render.__name__, m.render.__doc__
    return call


def _write_api(guide: Guide, env) -> None:
    """Publish api/frameworks.json and its schema: written into docs/api/ (git-ignored) only when
    changed, so MkDocs copies them as static files and `mkdocs serve` does not rebuild in a loop."""
    try:
        export.write_files(guide, Path(env.conf["docs_dir"]) / export.API_DIR)
    except ValueError as error:  # the export broke its own schema: a bug, never silently published
        if not serving():
            _fail(str(error))
        log.error(str(error))


def measurements_path(env) -> Path:
    override = os.environ.get("FWGUIDE_MEASUREMENTS")
    return Path(override) if override else Path(env.project_dir) / MEASUREMENTS_REL


def load_both(data: Path, measurements: Path) -> Guide:
    """The guide with its measured figures attached; one DataError listing the problems of both
    files (each line naming its file) when either is bad."""
    problems, guide, measured = [], None, None
    try:
        guide = load_guide(data)
    except DataError as error:
        problems += error.problems
    try:
        measured = load_measured(measurements)
    except DataError as error:
        problems += [dataclasses.replace(p, file=p.file or error.filename) for p in error.problems]
    if problems:
        raise DataError(display_name(data), problems)
    return dataclasses.replace(guide, measured=measured)


def _load(env) -> Guide:
    guide = load_both(data_path(env), measurements_path(env))
    problems = page_problems(guide, Path(env.conf["docs_dir"]), env.conf.get("nav"))
    if problems:
        raise DataError(display_name(data_path(env)), problems)
    return guide


def _show_problems(env, report: str) -> None:
    """Under `serve`: log the list, show it on every page, and render every macro as nothing."""
    log.error("\n" + report)
    env.conf["extra"][PROBLEMS_KEY] = report
    for name in macros():
        env.macro(lambda *args, **kwargs: "", name)


def register(env) -> None:
    env.conf["extra"].pop(PROBLEMS_KEY, None)
    try:
        guide = _load(env)
    except DataError as error:
        if not serving():
            _fail(error.report())
        _show_problems(env, error.report())
        return
    repo = Repository.from_config(env.conf)
    for name, m in macros().items():
        env.macro(_bind(m, guide, repo, env), name)
    _write_api(guide, env)
