"""Repository rules: pinned dependencies, the schema wired to the data file, the two-command set-up."""
from __future__ import annotations

import json
import os
import re

import jsonschema
import yaml

from support import ROOT


def test_data_file_points_editors_at_its_schema():
    first = (ROOT / "data/frameworks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./frameworks.schema.json"


def test_schema_is_valid_draft_2020_12_and_closed():
    schema = json.loads((ROOT / "data/frameworks.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)

    def objects(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                yield node
            for value in node.values():
                yield from objects(value)
        elif isinstance(node, list):
            for value in node:
                yield from objects(value)

    for obj in objects(schema):
        assert obj.get("additionalProperties") is False, sorted(obj["properties"])


def test_every_requirement_is_pinned_exactly():
    lines = [ln.strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    pins = dict(ln.split("==") for ln in lines)
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.\-+]*", ln) for ln in lines), lines
    lower = {k.lower(): v for k, v in pins.items()}
    assert lower["mkdocs"].startswith("1.6.")
    assert lower["mkdocs-material"].startswith("9.")
    assert lower["mkdocs-macros-plugin"].startswith("1.5.")
    assert "pyyaml" in lower and "pytest" in lower


def test_installed_versions_match_the_pins():
    from importlib.metadata import version
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if "==" in line:
            name, pinned = line.strip().split("==")
            assert version(name) == pinned, f"{name}: installed {version(name)}, pinned {pinned}"


def test_makefile_offers_the_documented_targets():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "test", "build", "check"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "--strict" in makefile and "127.0.0.1:8000" in makefile


def test_make_measure_is_offered_and_stays_out_of_make_test():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^measure:.*\n\t(.+)$", makefile, re.M)
    assert recipe and recipe.group(1).endswith("python -m measure")
    test_recipe = re.search(r"^test:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "measure" not in test_recipe
    pins = {ln.split("==")[0].lower() for ln in (ROOT / "requirements.txt").read_text().splitlines() if "==" in ln}
    assert {"gunicorn", "uvicorn", "gevent"} <= pins   # the servers measured, pinned


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme[: readme.index("## ", readme.index("## Quick start") + 3)]
    assert "make serve" in quick and "make test" in quick


def test_ci_script_runs_make_test_and_installs_chromium():
    script = (ROOT / ".ci/run").read_text()
    assert os.access(ROOT / ".ci/run", os.X_OK)
    assert "make test" in script and "chromium" in script and "set -euo pipefail" in script


def test_serve_watches_data_macros_and_package():
    class Loader(yaml.BaseLoader):
        pass
    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    assert {"data", "macros.py", "fwguide"} <= set(config["watch"])
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["on_error_fail"] == "true" and macros["on_undefined"] == "strict"
    assert config["theme"]["font"] == "false"


def test_macros_module_only_defines_define_env():
    source = (ROOT / "macros.py").read_text()
    defs = re.findall(r"^def (\w+)", source, re.M)
    assert defs == ["define_env"]
