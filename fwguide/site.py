"""Glue between mkdocs-macros and the renderers (called from ``macros.define_env``).

``register(env)`` loads and checks the data and the pages that use it, then
registers every macro declared in ``registry``: each call checks its arguments,
passes links relative to the current page where the renderer takes them, and
appends the provenance footer where the declaration asks for one.

On bad data, ``mkdocs build`` stops with the problem list alone (no traceback);
``mkdocs serve`` keeps running, logs the list and shows it once at the top of
every page (``overrides/main.html`` reads ``config.extra.fwguide_problems``).

The JSON API (``api/*.json``) is never written from here, so a build never changes the folders
``mkdocs serve`` watches.  Under MkDocs, ``fwguide/mkdocs_hooks.py`` adds the files to the build in
memory from the guide loaded here (``current_guide``).  A builder without that hook (Zensical)
copies ``docs/api/`` as written beforehand by ``python -m fwguide.export``; ``register`` then checks
that those files match the data and stops a build with one line when they do not.
"""
from __future__ import annotations

import dataclasses
import inspect
import logging
import os
import sys
import time
from contextlib import contextmanager
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
    return "serve" in sys.argv[1:2] and Path(sys.argv[0]).name.startswith(("mkdocs", "zensical"))


def data_path(env) -> Path:
    override = os.environ.get("FWGUIDE_DATA")
    return Path(override) if override else Path(env.project_dir) / DATA_REL


def _page_src(env) -> str | None:
    """The source path (under docs/) of the page being rendered: MkDocs' ``page.file.src_uri``, or
    Zensical's ``page.path``; None outside a page."""
    page = getattr(env, "page", None)
    if page is None:
        return None
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else getattr(page, "path", None)


def _docs_dir(env) -> Path:
    docs = Path(env.conf["docs_dir"])   # absolute under MkDocs, relative to the project under Zensical
    return docs if docs.is_absolute() else Path(env.project_dir) / docs


def _page_links(env) -> PageLinks:
    return PageLinks(_page_src(env) or "index.md", bool(env.conf.get("use_directory_urls", True)),
                     nav_titles(env.conf.get("nav")))


def _page_name(env) -> str:
    """The page being rendered, as a path from the project folder (docs/ai/apis.md)."""
    src = _page_src(env)
    if src is None:
        return "a page"
    path = _docs_dir(env) / src
    try:
        return path.relative_to(Path(env.project_dir).resolve()).as_posix()
    except ValueError:
        return display_name(path)


def _fail(message: str) -> None:
    """Stop a build with the message alone: a plain SystemExit, which mkdocs-macros does not catch
    (it would print a traceback for an ordinary exception) and `mkdocs build` turns into exit 1."""
    raise SystemExit(message)


def _bind(m: Macro, guide: Guide, repo: Repository, env):
    def call(*args, **kwargs):
        with work("render"):
            return _call(*args, **kwargs)

    def _call(*args, **kwargs):
        problem = call_problem(guide, m, list(args), dict(kwargs))
        if problem:
            _fail(f"{_page_name(env)}: {problem}")
        if m.takes_links:
            kwargs["links"] = _page_links(env)
        if m.takes_docs_dir:
            kwargs["docs_dir"] = _docs_dir(env)
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


HOOK_FLAG = "PUBLISHES_API"   # set by fwguide/mkdocs_hooks.py: the build publishes the API in memory


def api_in_memory(env) -> bool:
    """True when the builder runs fwguide/mkdocs_hooks.py (MkDocs: ``hooks`` is then a dict of the
    loaded modules); False under Zensical, which ignores ``hooks:``."""
    hooks = env.conf.get("hooks") if hasattr(env.conf, "get") else None
    return isinstance(hooks, dict) and any(getattr(m, HOOK_FLAG, False) for m in hooks.values())


def stale_api(guide: Guide, directory: Path) -> list[str]:
    """The API files in ``directory`` that are missing or differ from what the data gives."""
    return [name for name, text in export.files(guide).items()
            if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text]


_API_CHECKED: set[tuple] = set()


def _check_api(guide: Guide, env) -> None:
    """Without the MkDocs hook the builder publishes docs/api/ as it finds it: stop a build (or warn
    under serve) when those files are missing or stale.  Once per data and file state (Zensical
    calls define_env once per page)."""
    directory = _docs_dir(env) / export.API_DIR
    stamps = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(directory.glob("*.json")))
    key = (_fingerprint(env), stamps)
    if key in _API_CHECKED:
        return
    try:
        stale = stale_api(guide, directory)
    except ValueError as error:  # the export broke its own schema: a bug, never silently published
        stale, message = ["(schema)"], str(error)
    else:
        shown = display_name(directory)
        message = (f"{shown}/{', '.join(stale)} missing or out of date: run `python -m fwguide.export` "
                   "before building (make build and make serve do)")
    if not stale:
        _API_CHECKED.clear()
        _API_CHECKED.add(key)
        return
    if not serving():
        _fail(message)
    log.warning(message)


_CACHE: dict[tuple, Guide | DataError] = {}
_SHOWN: set[tuple] = set()   # problem lists already logged (Zensical renders page by page)
_CURRENT: list[Guide | None] = [None]   # the guide of the latest register(), None after bad data
# CPU seconds the project's own code spent in this process, read by bench/run.py's probe: "load"
# (read and validate the data, check the pages), "render" (every macro call), "export" (the JSON
# API); keys with a dot ("load.data") break a part down and are not added to the total.
WORK: dict[str, float] = {}


@contextmanager
def work(kind: str):
    """Add the CPU time (time.process_time) of the block to WORK[kind]."""
    start = time.process_time()
    try:
        yield
    finally:
        WORK[kind] = WORK.get(kind, 0.0) + time.process_time() - start


def current_guide() -> Guide | None:
    """The guide the latest ``register`` loaded, or None when the data had problems."""
    return _CURRENT[0]


def _fingerprint(env) -> tuple:
    """What the loaded guide depends on: the data file and the pages (their names, sizes and times).
    Zensical calls define_env once per page; this keeps it to one load per change."""
    files = [data_path(env), measurements_path(env), *sorted(_docs_dir(env).rglob("*.md"))]
    stats = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists())
    return (str(data_path(env)), str(_docs_dir(env)), repr(env.conf.get("nav")), stats)


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
    """The checked guide, or the DataError listing what is wrong; both kept until a file changes."""
    with work("load.fingerprint"):
        key = _fingerprint(env)
    if key not in _CACHE:
        _CACHE.clear()
        try:
            with work("load.data"):
                guide = load_both(data_path(env), measurements_path(env))
            with work("load.pages"):
                problems = page_problems(guide, _docs_dir(env), env.conf.get("nav"))
            _CACHE[key] = DataError(display_name(data_path(env)), problems) if problems else guide
        except DataError as error:
            _CACHE[key] = error
    if isinstance(_CACHE[key], DataError):
        raise _CACHE[key]
    return _CACHE[key]


def _show_problems(env, report: str) -> None:
    """Under `serve`: log the list (once per change), show it on every page, render every macro as nothing."""
    if (report, _fingerprint(env)) not in _SHOWN:
        _SHOWN.add((report, _fingerprint(env)))
        log.error("\n" + report)
    env.conf["extra"][PROBLEMS_KEY] = report
    for name in macros():
        env.macro(lambda *args, **kwargs: "", name)


def register(env) -> None:
    with work("load"):
        guide = _register(env)
    if guide is not None and not api_in_memory(env):
        with work("export"):
            _check_api(guide, env)


def _register(env) -> Guide | None:
    env.conf["extra"].pop(PROBLEMS_KEY, None)
    _CURRENT[0] = None
    try:
        guide = _load(env)
    except DataError as error:
        if not serving():
            _fail(error.report())
        _show_problems(env, error.report())
        return None
    _CURRENT[0] = guide
    repo = Repository.from_config(env.conf)
    for name, m in macros().items():
        env.macro(_bind(m, guide, repo, env), name)
    return guide
