"""The command lines (fwguide/__main__.py and fwguide/export.py's main)."""
import os
import subprocess
import sys

from fwguide import export
from fwguide.registry import macros
from fwguide.rules import RULES
from support import ROOT


def run(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=60)


def test_cli_lists_the_rules():
    out = run("fwguide", "rules")
    assert out.returncode == 0
    assert out.stdout.splitlines() == [f"{r.name}: {r.text}" for r in RULES]


def test_cli_lists_the_macros_with_their_arguments():
    out = run("fwguide", "macros")
    assert out.returncode == 0 and len(out.stdout.splitlines()) == len(macros())
    assert "category_table(category_id)  [footer]" in out.stdout.splitlines()


def test_cli_check_passes_on_the_real_data_and_pages():
    out = run("fwguide", "check")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("data/frameworks.yaml: OK") and "macro calls match" in out.stdout


def test_cli_check_reports_bad_data_with_lines_and_exits_1(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 1\nframeworks: yes\n", encoding="utf-8")
    out = run("fwguide", "check", str(bad))
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert f"{bad}:2: unquoted 'yes'" in out.stderr


def test_export_help_prints_usage_and_writes_nothing(tmp_path):
    out = run("fwguide.export", "--help", cwd=tmp_path)
    assert out.returncode == 0 and "usage: python -m fwguide.export" in out.stdout
    assert list(tmp_path.iterdir()) == []


def test_export_writes_the_two_files_into_a_folder(tmp_path):
    out = run("fwguide.export", str(tmp_path / "api"))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in (tmp_path / "api").iterdir()) == sorted([export.DATA_NAME, export.SCHEMA_NAME])
