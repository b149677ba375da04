"""The site's JSON API: ``export(guide) -> dict``, its JSON Schema and the files.

``export`` is pure: the same data gives byte-identical JSON, so builds are
reproducible.  The only date in the output is ``data_reviewed``, the newest
review date in the data (never the build's wall-clock time).

The published files are ``api/frameworks.json`` and ``api/frameworks.schema.json``.
No build writes them into ``docs/`` (that would make ``mkdocs serve`` rebuild twice per save):

* under MkDocs, ``fwguide/mkdocs_hooks.py`` adds them to the build from memory;
* ``python -m fwguide.export [DIR]`` writes them (default ``docs/api/``, git-ignored), only when
  their content changed.  ``make build`` and ``make serve`` run it before the builder starts, so a
  builder without the hook (Zensical) finds them in ``docs/api/``; ``site.register`` stops such a
  build when they are missing or stale.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from fwguide.model import Guide
from fwguide.problems import DataError
from fwguide.loader import load_guide
from fwguide.schema import inline_refs
from fwguide.paths import API_SCHEMA_FILE, DATA_FILE, DATA_REL, DOCS_DIR, display_name

API_VERSION = 2
SOURCE_FILE = DATA_REL
CONTENT_LICENCE = "CC-BY-4.0"
API_DIR = "api"
DATA_NAME = "frameworks.json"
SCHEMA_NAME = "frameworks.schema.json"
NAMES = (DATA_NAME, SCHEMA_NAME)


def _drop_none(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None}


def data_reviewed(guide: Guide) -> str:
    """The newest review date in the data (ISO dates sort as text)."""
    return max(fw.reviewed for fw in guide.frameworks)


def _sourced(items) -> list[dict]:
    return [{"text": s.text, "source": s.source} for s in items]


def _release_line(line) -> dict[str, Any]:
    return _drop_none({"line": line.line, "released": line.released, "latest": line.latest, "lts": line.lts,
                       "status": line.status, "mainstream_end": line.mainstream_end,
                       "security_end": line.security_end,
                       "python_versions": list(line.python_versions) or None, "note": line.note,
                       "source": line.source, "python_source": line.python_source})


def _framework(guide: Guide, fw) -> dict[str, Any]:
    cells = {f.id: fw.support[f.id] for f in guide.features}
    rated = {c.id: fw.considerations[c.id] for c in guide.rated_considerations}
    return {
        "id": fw.id, "name": fw.name, "symbol": fw.symbol, "role": fw.role, "summary": fw.summary,
        "verdict": fw.verdict,
        "homepage": fw.homepage, "docs": fw.docs, "repository": fw.repository, "package": fw.package,
        "licence": fw.licence, "licence_source": fw.licence_source,
        "latest_version": fw.latest_version, "released": fw.released,
        "python_versions": list(fw.python_versions), "version_source": fw.version_source,
        "reviewed": fw.reviewed,
        "release_policy": {"lts": fw.release_policy.lts, "text": fw.release_policy.text,
                           "sources": list(fw.release_policy.sources)},
        "release_lines": [_release_line(line) for line in fw.release_lines],
        "key_features": _sourced(fw.key_features), "ideal_uses": _sourced(fw.ideal_uses),
        "support": {k: _drop_none({"level": c.level, "package": c.package, "note": c.note, "source": c.source})
                    for k, c in cells.items()},
        "considerations": {k: {"rating": r.rating, "label": guide.rating_label(r.rating), "reason": r.reason,
                               "source": r.source} for k, r in rated.items()},
    }


def _node(node) -> dict[str, Any]:
    if node.is_outcome:
        out = {"id": node.id, "recommend": node.recommend, "title": node.title, "reason": node.reason,
               "architecture": list(node.architecture), "add": list(node.add), "why_not": dict(node.why_not),
               "reconsider": list(node.reconsider), "read_next": list(node.read_next),
               "sources": list(node.sources)}
        return out | ({"scorer_note": dict(node.scorer_note)} if node.scorer_note else {})
    return _drop_none({"id": node.id, "question": node.question, "help": node.help,
                       "answers": [_drop_none({"label": a.label, "because": a.because, "next": a.next,
                                               "team": a.team, "weights": dict(a.weights) or None})
                                   for a in node.answers]})


def _consideration(c) -> dict[str, Any]:
    out = {"id": c.id, "name": c.name, "question": c.question, "ai": c.ai}
    return out | ({"from_answers": vars(c.from_answers)} if c.from_answers else {})


def export(guide: Guide) -> dict[str, Any]:
    """Everything the pages show, as plain JSON-ready data, in the data file's order."""
    return {
        "schema_version": API_VERSION,
        "data_reviewed": data_reviewed(guide),
        "source_file": SOURCE_FILE,
        "content_licence": CONTENT_LICENCE,
        "support_levels": [{"id": lv.id, "label": lv.label, "symbol": lv.symbol, "description": lv.description}
                           for lv in guide.levels],
        "rating_scale": [{"value": v, "label": label} for v, label in sorted(guide.rating_labels.items())],
        "considerations": [_consideration(c) for c in guide.considerations],
        "categories": [{"id": c.id, "name": c.name} for c in guide.categories],
        "features": [{"id": f.id, "name": f.name, "category": f.category, "description": f.description}
                     for f in guide.features],
        "frameworks": [_framework(guide, fw) for fw in guide.frameworks],
        "decision": {"start": guide.start, "nodes": [_node(n) for n in guide.nodes.values()]},
        "scenarios": [{"id": s.id, "name": s.name, "answers": list(s.answers), "expect": s.expect,
                       "scorer_first": list(s.scorer_first), "note": s.note} for s in guide.scenarios],
    }


@cache
def api_schema() -> dict:
    return json.loads(API_SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _api_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(inline_refs(api_schema()))


def schema_problems(document: Any) -> list[str]:
    """Every way the document breaks the API schema, as 'path: message' lines."""
    validator = _api_validator()
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:200]}"
            for e in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))]


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def files(guide: Guide) -> dict[str, str]:
    """File name -> text of the published API files; raises ValueError if the export breaks its schema."""
    document = export(guide)
    problems = schema_problems(document)
    if problems:
        raise ValueError("the JSON export does not match data/api.schema.json:\n" + "\n".join(problems))
    return {DATA_NAME: dumps(document), SCHEMA_NAME: dumps(api_schema())}


def write_if_changed(path: Path, text: str) -> bool:
    """Write only when the content differs (so `mkdocs serve` does not rebuild in a loop)."""
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return True


def write_files(guide: Guide, directory: Path) -> list[Path]:
    """Write the API files into directory; return the ones that changed."""
    return [directory / name for name, text in files(guide).items() if write_if_changed(directory / name, text)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fwguide.export",
                                     description="Write api/frameworks.json and its schema into a folder.")
    parser.add_argument("directory", nargs="?", default=str(DOCS_DIR / API_DIR),
                        help=f"where to write them (default: docs/{API_DIR})")
    target = Path(parser.parse_args(argv).directory)
    data = Path(os.environ.get("FWGUIDE_DATA") or DATA_FILE)   # the same data the build reads
    try:
        guide = load_guide(data)
        changed = write_files(guide, target)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except ValueError as error:   # the export broke its own schema
        print(error, file=sys.stderr)
        return 1
    print(f"{display_name(target)}: {len(changed)} of {len(NAMES)} API file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
