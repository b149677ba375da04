"""mkdocs-macros entry point: loads the data and registers the macros.

All work happens inside ``define_env`` (Zensical, the successor of Material for
MkDocs, calls only that, once per page).  The data model, validation and
renderers live in the ``fwguide`` package beside this file.
"""
from __future__ import annotations


def define_env(env):
    import sys
    from pathlib import Path

    here = Path(__file__).resolve().parent
    if str(here) not in sys.path:
        sys.path.insert(0, str(here))
    # `mkdocs serve` re-runs define_env after every change: re-import the package when one of its
    # files changed, so edits to fwguide/ take effect without restarting the server (and pages
    # built one after another by Zensical do not pay for a re-import each).
    sources = sorted(here.joinpath("fwguide").rglob("*.py"))
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sources)
    loaded = sys.modules.get("fwguide")
    if loaded is not None and getattr(loaded, "_source_stamp", None) != stamp:
        for name in [m for m in sys.modules if m == "fwguide" or m.startswith("fwguide.")]:
            del sys.modules[name]
    import fwguide
    from fwguide import site

    fwguide._source_stamp = stamp
    site.register(env)
