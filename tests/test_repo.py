"""Repository rules: pinned dependencies, the schema wired to the data file, the two-command set-up."""
from __future__ import annotations

import json
import re
import sys

import jsonschema
import yaml

from fwguide.measured import read_pins
from fwguide.paths import REQUIREMENTS_FILE

from support import ROOT, schema_objects


def test_data_file_points_editors_at_its_schema():
    first = (ROOT / "data/frameworks.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./frameworks.schema.json"


def test_schema_is_valid_draft_2020_12_and_closed():
    schema = json.loads((ROOT / "data/frameworks.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)

    for obj in schema_objects(schema):
        assert obj.get("additionalProperties") is False, sorted(obj["properties"])


REQUIREMENTS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.\-]*)==([0-9][0-9A-Za-z.\-+]*) \\$")
HASH = re.compile(r"^    --hash=sha256:[0-9a-f]{64}( \\)?$")


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(name: str) -> dict[str, str]:
    """requirements/NAME.txt as {normalized name: version}, checking the hashed format line by line:
    every requirement is `name==version \\` followed by one or more sha256 hashes."""
    lines = (REQUIREMENTS / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    found: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip() or line.lstrip().startswith("#"):
            i += 1
            continue
        match = PIN.match(line)
        assert match, f"requirements/{name}.txt:{i + 1}: not an exact pin followed by hashes: {line!r}"
        i += 1
        hashes = 0
        while i < len(lines) and HASH.match(lines[i]):
            hashes += 1
            last = not lines[i].endswith("\\")
            i += 1
            if last:
                break
        assert hashes, f"requirements/{name}.txt: {match.group(1)} has no --hash"
        found[normalized(match.group(1))] = match.group(2)
    return found


def test_every_requirement_is_pinned_exactly_with_hashes():
    site, examples, test = pins("site"), pins("examples"), pins("test")
    assert site["mkdocs"].startswith("1.6.")
    assert site["mkdocs-material"].startswith("9.")
    assert site["mkdocs-macros-plugin"].startswith("1.5.")
    assert {"pyyaml", "jsonschema", "packaging"} <= set(site)
    assert {"flask", "django", "fastapi", "scikit-learn", "gunicorn", "uvicorn"} <= set(examples)
    assert {"pytest", "playwright", "hypothesis", "axe-playwright-python", "httpx"} <= set(test)
    for line in "".join((REQUIREMENTS / f"{n}.in").read_text(encoding="utf-8") for n in ("site", "examples", "test")
                        ).splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry and not entry.startswith(("-r ", "-c ")):
            assert re.fullmatch(r"[A-Za-z0-9_.\-]+==[0-9][0-9A-Za-z.\-+]*", entry), f"unpinned input: {entry!r}"


def test_the_sets_agree_and_the_test_set_holds_everything():
    site, examples, test = pins("site"), pins("examples"), pins("test")
    for name, part in (("site", site), ("examples", examples)):
        assert {k: test.get(k) for k in part} == part, f"requirements/{name}.txt and test.txt disagree"


def test_the_site_set_is_light():
    site = pins("site")
    heavy = {"django", "flask", "fastapi", "scikit-learn", "scipy", "numpy", "pytest", "playwright", "hypothesis"}
    assert not heavy & set(site), heavy & set(site)


def test_the_site_set_covers_every_import_of_the_site_build():
    """What fwguide/ and macros.py import from outside the standard library comes with site.txt."""
    import ast
    from importlib.metadata import packages_distributions

    owners = packages_distributions()
    site = pins("site")
    sources = [ROOT / "macros.py", *sorted((ROOT / "fwguide").rglob("*.py"))]
    missing = []
    for source in sources:
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for name in names:
                top = name.split(".")[0]
                if top in sys.stdlib_module_names or top in ("fwguide", "macros"):
                    continue
                dists = {normalized(d) for d in owners.get(top, [])}
                if not dists & set(site):
                    missing.append(f"{source.relative_to(ROOT)}: {name} ({', '.join(sorted(dists)) or 'unknown'})")
    assert not missing, missing


def test_installed_versions_match_the_pins():
    from importlib.metadata import PackageNotFoundError, version
    for name, pinned in pins("test").items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            raise AssertionError(f"{name} {pinned} is pinned but not installed") from None
        assert installed == pinned, f"{name}: installed {installed}, pinned {pinned}"


def makefile_rule(target: str) -> tuple[str, list[str]]:
    """(prerequisites, recipe lines) of a Makefile rule."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(target)}:(.*)\n((?:\t.*\n)*)", makefile, re.M)
    assert match, target
    return match.group(1).strip(), [ln.strip() for ln in match.group(2).splitlines()]


def test_site_targets_install_only_the_site_pins_and_test_installs_everything():
    for target in ("serve", "build", "check", "freshness", "linkcheck"):
        assert makefile_rule(target)[0].split(" $(if ")[0] == "$(SITE)", target   # build: + Zensical's own env
    for target in ("test", "test-fast", "bench"):
        assert makefile_rule(target)[0] == "$(STAMP)", target
    site_deps, site_recipe = makefile_rule("$(SITE)")
    assert site_deps.startswith("requirements/site.txt") and "-r requirements/site.txt" in site_recipe[0]
    test_deps, test_recipe = makefile_rule("$(STAMP)")
    assert test_deps.startswith("requirements/test.txt") and "-r requirements/test.txt" in test_recipe[0]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PIP +:= .*pip install .*--require-hashes", makefile, re.M)
    assert not (ROOT / "requirements.txt").exists()   # one place for the pins


def test_dependabot_watches_the_actions_and_the_pins():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    watched = {(u["package-ecosystem"], u["directory"]) for u in config["updates"]}
    assert {("github-actions", "/"), ("pip", "/requirements")} <= watched
    assert all(u.get("schedule", {}).get("interval") for u in config["updates"])


def test_makefile_offers_the_documented_targets():
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "test", "build", "check"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert "tools/build.py --builder $(BUILDER)" in makefile and "127.0.0.1:8000" in makefile
    assert "--strict" in (ROOT / "tools" / "build.py").read_text()


def test_make_measure_is_offered_and_stays_out_of_make_test():
    makefile = (ROOT / "Makefile").read_text()
    recipe = re.search(r"^measure:.*\n\t(.+)$", makefile, re.M)
    assert recipe and recipe.group(1).endswith("python -m measure")
    test_recipe = re.search(r"^test:.*\n\t(.+)$", makefile, re.M).group(1)
    assert "measure" not in test_recipe
    pins = read_pins(REQUIREMENTS_FILE)
    assert {"gunicorn", "uvicorn", "gevent"} <= set(pins)   # the servers measured, pinned


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    quick = readme[: readme.index("## ", readme.index("## Quick start") + 3)]
    assert "make serve" in quick and "make test" in quick


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
