"""Publishing the JSON API without writing into the watched folders (fwguide/mkdocs_hooks.py,
fwguide/site.py, `python -m fwguide.export`, the Makefile's build and serve targets).

Under MkDocs the hook adds api/*.json to the build from memory; a build never changes a file
that `mkdocs serve` watches, so one save gives one rebuild (bench/run.py counts the rebuilds in
`mkdocs serve`'s log as well).  A builder without the hook (Zensical ignores `hooks:`; here
MkDocs with the `hooks:` entry removed stands in for it) publishes docs/api/ as the export
wrote it, and a strict build stops with one line when those files are missing or stale."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from fwguide import export, site
from fwguide.loader import load_guide
from support import DATA, ROOT, strict_build

WATCHED_PARTS = ["docs", "data", "fwguide", "examples", "macros.py", "mkdocs.yml"]
STALE_LINE = re.compile(r"^docs/api/frameworks\.json(, frameworks\.schema\.json)? missing or out of date: "
                        r"run `python -m fwguide\.export` before building \(make build and make serve do\)$", re.M)


def watched_files(project: Path) -> dict[str, str]:
    """Every file `mkdocs serve` watches in the project (docs_dir, mkdocs.yml and `watch:`), with a
    hash of its content and its modification time.  Python's bytecode caches are left out."""
    config = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", '""', (project / "mkdocs.yml").read_text(encoding="utf-8")))
    assert set(config["watch"]) | {"docs", "mkdocs.yml"} <= set(WATCHED_PARTS)
    out = {}
    for part in WATCHED_PARTS:
        root = project / part
        for path in ([root] if root.is_file() else sorted(root.rglob("*"))):
            if path.is_file() and "__pycache__" not in path.parts:
                out[path.relative_to(project).as_posix()] = (
                    f"{hashlib.sha256(path.read_bytes()).hexdigest()} {path.stat().st_mtime_ns}")
    return out


def published(site_dir: Path) -> dict[str, str]:
    return {name: (site_dir / export.API_DIR / name).read_text(encoding="utf-8") for name in export.NAMES}


def expected(project: Path) -> dict[str, str]:
    return export.files(load_guide(project / DATA))


def without_hooks(project: Path) -> None:
    """The project's mkdocs.yml without its `hooks:` entry: what a builder that ignores hooks sees."""
    config = project / "mkdocs.yml"
    text, count = re.subn(r"^hooks:\n(?:  - .*\n)+", "", config.read_text(encoding="utf-8"), flags=re.M)
    assert count == 1
    config.write_text(text, encoding="utf-8")


def edit_summary(project: Path, summary: str) -> None:
    """Change the first framework summary in the project's data (still valid data)."""
    text = (project / DATA).read_text(encoding="utf-8")
    old = re.search(r'^(\s+summary: ")([^"\n]*)(")', text, re.M)
    (project / DATA).write_text(text[:old.start(2)] + summary + text[old.end(2):], encoding="utf-8")


def run_export(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fwguide.export"], cwd=project, capture_output=True, text=True,
                          timeout=120)


# ------------------------------------------------------------------ the configuration

def test_mkdocs_runs_the_hook_and_the_makefile_exports_before_every_builder():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^hooks:\n  - fwguide/mkdocs_hooks\.py$", config, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^EXPORT := \$\(BIN\)/python -m fwguide\.export$", makefile, re.M)
    serve = re.search(r"^serve:.*\n((?:\t.*\n)*)", makefile, re.M).group(1).split("\n")
    steps = [line.strip() for line in serve if line.strip()]
    at = next(i for i, s in enumerate(steps) if s.startswith("$(BIN)/mkdocs serve"))
    assert any(s.lstrip("-@") == "$(EXPORT)" for s in steps[:at]), steps
    build = re.search(r"^build:.*\n((?:\t.*\n)*)", makefile, re.M).group(1)
    assert "tools/build.py --builder $(BUILDER)" in build   # which exports before either builder:
    from tools import build as route
    source = (ROOT / "tools" / "build.py").read_text(encoding="utf-8")
    assert source.index('"fwguide.export"') < source.index("builder_command(args.builder")
    assert route.builder_command("mkdocs", None)[2:4] == ["mkdocs", "build"]


def test_the_hook_flag_is_what_site_looks_for():
    from fwguide import mkdocs_hooks as hooks
    assert getattr(hooks, site.HOOK_FLAG) is True

    class Env:
        def __init__(self, conf):
            self.conf = conf
    assert site.api_in_memory(Env({"hooks": {"fwguide/mkdocs_hooks.py": hooks}}))
    assert not site.api_in_memory(Env({"hooks": ["fwguide/mkdocs_hooks.py"]}))   # unvalidated: not loaded
    assert not site.api_in_memory(Env({"hooks": {}})) and not site.api_in_memory(Env({}))


def test_stale_api_names_missing_and_changed_files(tmp_path):
    guide = load_guide()
    assert site.stale_api(guide, tmp_path) == list(export.NAMES)
    export.write_files(guide, tmp_path)
    assert site.stale_api(guide, tmp_path) == []
    (tmp_path / export.DATA_NAME).write_text("{}", encoding="utf-8")
    assert site.stale_api(guide, tmp_path) == [export.DATA_NAME]


# ------------------------------------------------------------------ MkDocs with the hook

@pytest.mark.build
def test_a_build_publishes_fresh_json_and_changes_no_watched_file(project_copy):
    assert not (project_copy / "docs" / "api").exists()
    before = watched_files(project_copy)
    result, site_dir = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert published(site_dir) == expected(project_copy)
    assert watched_files(project_copy) == before   # so `mkdocs serve` has nothing to rebuild for
    assert not (project_copy / "docs" / "api").exists()


@pytest.mark.build
def test_the_hook_replaces_a_stale_copy_in_docs_api_without_touching_it(project_copy):
    api = project_copy / "docs" / "api"
    api.mkdir()
    (api / export.DATA_NAME).write_text('{"stale": true}\n', encoding="utf-8")
    edit_summary(project_copy, "A summary edited after the export.")
    result, site_dir = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert published(site_dir) == expected(project_copy)
    assert "A summary edited after the export." in published(site_dir)[export.DATA_NAME]
    assert (api / export.DATA_NAME).read_text(encoding="utf-8") == '{"stale": true}\n'
    assert not (api / export.SCHEMA_NAME).exists()


@pytest.mark.build
def test_serve_with_bad_data_publishes_no_json(project_copy):
    api = project_copy / "docs" / "api"
    assert run_export(project_copy).returncode == 0    # yesterday's good export, now stale
    text = (project_copy / DATA).read_text(encoding="utf-8")
    (project_copy / DATA).write_text(text.replace('level: "built-in"', 'level: "builtin"', 1), encoding="utf-8")
    result, site_dir = strict_build(project_copy, env={"FWGUIDE_SERVE": "1"})   # serve's code path
    assert "api/*.json not published: the data has problems" in result.stderr
    assert not (site_dir / export.API_DIR).exists()
    assert (api / export.DATA_NAME).exists()


# ------------------------------------------------------------- a builder without hooks

@pytest.mark.build
def test_without_the_hook_a_strict_build_stops_in_one_line_until_the_export_runs(project_copy):
    without_hooks(project_copy)
    result, _ = strict_build(project_copy)                       # a fresh clone: no docs/api/
    assert result.returncode == 1
    assert STALE_LINE.search(result.stderr), result.stderr[-2000:]
    assert "Traceback" not in result.stderr

    done = run_export(project_copy)
    assert done.returncode == 0 and done.stdout == "docs/api: 2 of 2 API file(s) updated\n", done
    result, site_dir = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert published(site_dir) == expected(project_copy)

    edit_summary(project_copy, "A summary edited after the export.")   # the export is not re-run
    result, _ = strict_build(project_copy)
    assert result.returncode == 1
    assert re.search(r"^docs/api/frameworks\.json missing or out of date: ", result.stderr, re.M), result.stderr[-2000:]
    assert run_export(project_copy).stdout == "docs/api: 1 of 2 API file(s) updated\n"
    assert strict_build(project_copy)[0].returncode == 0


@pytest.mark.build
def test_without_the_hook_serve_warns_about_stale_json_and_keeps_going(project_copy):
    without_hooks(project_copy)
    result, site_dir = strict_build(project_copy, env={"FWGUIDE_SERVE": "1"})
    assert re.search(r"WARNING .*docs/api/frameworks\.json, frameworks\.schema\.json missing or out of date",
                     result.stderr), result.stderr[-2000:]
    assert (site_dir / "index.html").exists()


def test_export_reads_the_data_the_build_reads(tmp_path):
    data = tmp_path / "frameworks.yaml"
    data.write_text((ROOT / "tests" / "fixtures" / "valid.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fwguide.export", str(tmp_path / "out")], cwd=ROOT,
                          env={**os.environ, "FWGUIDE_DATA": str(data)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    written = json.loads((tmp_path / "out" / export.DATA_NAME).read_text(encoding="utf-8"))
    assert written == export.export(load_guide(data))


def test_export_with_bad_data_prints_the_problems_and_exits_1(tmp_path):
    data = tmp_path / "frameworks.yaml"
    data.write_text((ROOT / DATA).read_text(encoding="utf-8").replace('level: "built-in"', 'level: "builtin"', 1),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fwguide.export", str(tmp_path / "out")], cwd=ROOT,
                          env={**os.environ, "FWGUIDE_DATA": str(data)},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "is not one of built-in" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_mkdocs_is_the_only_builder_that_skips_the_check():
    """The one-line check runs wherever the hook is absent; the hook itself never writes a file."""
    source = (ROOT / "fwguide" / "mkdocs_hooks.py").read_text(encoding="utf-8")
    assert "write_text" not in source and "write_files" not in source and "open(" not in source
    assert "_write_api" not in (ROOT / "fwguide" / "site.py").read_text(encoding="utf-8")
