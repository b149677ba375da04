"""Where the project's files are: the one place their names are spelled.

Everything else (the site glue, the CLI, the export, the tests and ``bench/``)
imports these names instead of writing ``"data/frameworks.yaml"`` again.
"""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_REL = "data/frameworks.yaml"          # as maintainers and messages name it
DATA_FILE = ROOT / DATA_REL
SCHEMA_FILE = ROOT / "data" / "frameworks.schema.json"
API_SCHEMA_FILE = ROOT / "data" / "api.schema.json"
MEASUREMENTS_REL = "data/measurements.yaml"  # written by `make measure` (measure/)
MEASUREMENTS_FILE = ROOT / MEASUREMENTS_REL
MEASUREMENTS_SCHEMA_FILE = ROOT / "data" / "measurements.schema.json"
REQUIREMENTS_REL = "requirements/examples.txt"  # pins the measured stack (servers, frameworks, model)
REQUIREMENTS_FILE = ROOT / REQUIREMENTS_REL
DOCS_DIR = ROOT / "docs"
MKDOCS_FILE = ROOT / "mkdocs.yml"


def display_name(path: Path | str) -> str:
    """A path as messages show it: relative to the project (or the working directory) when inside it."""
    for base in (ROOT, Path.cwd()):
        try:
            return Path(path).resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return str(path)
