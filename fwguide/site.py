"""Glue between mkdocs-macros and the renderers (called from ``macros.define_env``)."""
from __future__ import annotations

import html
import logging
import os
import sys
from pathlib import Path

from fwguide import export, provenance, render, render_interactive
from fwguide.problems import DataError
from fwguide.validate import DATA_FILE, load_guide

log = logging.getLogger("mkdocs.plugins.fwguide")

# name -> renderer taking the guide plus the macro's arguments
MACROS = {
    "feature_matrix": render.render_feature_matrix,
    "category_table": render.render_category_table,
    "support_legend": render.render_legend,
    "considerations_table": render.render_considerations,
    "framework_identity": render.render_identity,
    "framework_summary": render.render_framework_summary,
    "key_features": render.render_key_features,
    "ideal_uses": render.render_ideal_uses,
    "frameworks_overview": render.render_framework_overview,
    "decision_flowchart": render.render_flowchart,
    "decision_tree_text": render.render_decision_text,
    "sources_list": render.render_sources,
    "reviewed_stamp": render.render_reviewed,
    "validation_rules": provenance.render_rules,
    "schema_keys": provenance.render_schema_keys,
    "decision_guide": render_interactive.render_guide,
    "weighted_scorer": render_interactive.render_scorer,
    "scoring_rule": render_interactive.render_scoring_rule,
    "ranking_table": render_interactive.render_ranking_table,
}


# Macros whose tables do not come from the data file get no provenance footer.
NOT_FROM_DATA = {"validation_rules", "schema_keys"}
# Data macros without a <table> that still get the footer.
ALSO_FOOTED = {"decision_tree_text"}


def serving() -> bool:
    """True under `mkdocs serve`, where a data error must not stop the server."""
    if os.environ.get("FWGUIDE_SERVE") in ("0", "1"):
        return os.environ["FWGUIDE_SERVE"] == "1"
    return "serve" in sys.argv[1:2] and Path(sys.argv[0]).name.startswith("mkdocs")


def data_path(env) -> Path:
    override = os.environ.get("FWGUIDE_DATA")
    if override:
        return Path(override)
    return Path(env.project_dir) / DATA_FILE.relative_to(DATA_FILE.parent.parent)


def _bind(renderer, guide):
    def macro(*args, **kwargs):
        return renderer(guide, *args, **kwargs)
    macro.__name__ = renderer.__name__
    macro.__doc__ = renderer.__doc__
    return macro


def _with_footer(name: str, macro, guide, repo: provenance.Repository):
    """Every generated table says which file it comes from, links to edit it and when it was reviewed."""
    if name in NOT_FROM_DATA:
        return macro
    framework_ids = {fw.id for fw in guide.frameworks}

    def footed(*args, **kwargs):
        out = macro(*args, **kwargs)
        if "<table" not in str(out) and name not in ALSO_FOOTED:
            return out
        framework_id = next((a for a in [*args, *kwargs.values()] if isinstance(a, str) and a in framework_ids),
                            None)
        return f"{out}\n{provenance.footer(guide, repo, framework_id)}"
    footed.__name__, footed.__doc__ = macro.__name__, macro.__doc__
    return footed


def _write_api(env, guide) -> None:
    """Publish api/frameworks.json and its schema: written into docs/api/ (git-ignored) only when
    changed, so MkDocs copies them as static files and `mkdocs serve` does not rebuild in a loop."""
    try:
        export.write_files(guide, Path(env.conf["docs_dir"]) / export.API_DIR)
    except ValueError as error:  # the export broke its own schema: a bug, never silently published
        if not serving():
            raise SystemExit(str(error)) from None
        log.error(str(error))


def _error_page(report: str):
    def macro(*args, **kwargs):
        return ('<div class="admonition failure"><p class="admonition-title">'
                'The data file has problems; fix them and save to reload</p>'
                f"<pre><code>{html.escape(report)}</code></pre></div>")
    return macro


def register(env) -> None:
    try:
        guide = load_guide(data_path(env))
    except DataError as error:
        report = error.report()
        if not serving():
            # A plain exit: the report alone, no traceback; `mkdocs build` exits 1.
            raise SystemExit(report) from None
        log.error("\n" + report)
        for name in MACROS:
            env.macro(_error_page(report), name)
        env.variables["guide"] = None
        return
    repo = provenance.Repository.from_config(env.conf)
    for name, renderer in MACROS.items():
        env.macro(_with_footer(name, _bind(renderer, guide), guide, repo), name)
    env.variables["guide"] = guide
    _write_api(env, guide)
