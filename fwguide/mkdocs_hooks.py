"""MkDocs hooks (``hooks:`` in mkdocs.yml): publish the JSON API from memory.

``on_files`` adds ``api/frameworks.json`` and ``api/frameworks.schema.json`` to the build as
generated files, made from the guide that ``fwguide.site.register`` loaded for this very build
(mkdocs-macros runs it in ``on_config``, before ``on_files``), and drops any copy found in
``docs/api/``.  So ``mkdocs build`` and ``mkdocs serve`` always publish JSON that matches the data,
with or without ``python -m fwguide.export`` run first, and nothing is written into ``docs/``: a
save under ``mkdocs serve`` causes one rebuild, not two.

Zensical ignores ``hooks:``; it publishes ``docs/api/`` as ``python -m fwguide.export`` wrote it,
and ``site.register`` stops its build when those files are missing or stale.

MkDocs loads this file by path (not as ``fwguide.mkdocs_hooks``), with ``fwguide/`` first on
``sys.path`` while it runs the module, so the package is imported only inside the hook, from the
project folder.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

PUBLISHES_API = True   # fwguide.site.api_in_memory looks for this flag (site.HOOK_FLAG)
PROJECT = Path(__file__).resolve().parent.parent
log = logging.getLogger("mkdocs.hooks.fwguide")


def _fwguide():
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    from fwguide import export, site   # the modules macros.py imported for this build
    return export, site


def on_files(files, config):
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    export, site = _fwguide()
    with site.work("export"):
        for name in (export.DATA_NAME, export.SCHEMA_NAME):
            found = files.get_file_from_path(f"{export.API_DIR}/{name}")
            if found is not None:   # a copy written by `python -m fwguide.export`: replaced below
                files.remove(found)
        guide = site.current_guide()
        if guide is None:   # `serve` with bad data: the pages show why; publish nothing stale
            log.warning("api/*.json not published: the data has problems (listed above)")
            return files
        try:
            texts = export.files(guide)
        except ValueError as error:   # the export broke its own schema: a bug, never published
            if site.serving():
                log.error(str(error))
                return files
            raise PluginError(str(error)) from None
        for name, text in texts.items():
            files.append(File.generated(config, f"{export.API_DIR}/{name}", content=text))
    return files
