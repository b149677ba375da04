"""mkdocs-macros entry point: loads the data once per build and registers the macros.

All work happens inside ``define_env`` (Zensical, the successor of Material for
MkDocs, calls only that).  The data model, validation and renderers live in
the ``fwguide`` package beside this file.
"""
from __future__ import annotations


def define_env(env):
    import sys
    from pathlib import Path

    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    # `mkdocs serve` re-runs define_env on every change: re-import the package
    # so edits to fwguide/ take effect without restarting the server.
    for name in [m for m in sys.modules if m == "fwguide" or m.startswith("fwguide.")]:
        del sys.modules[name]
    from fwguide import site

    site.register(env)
