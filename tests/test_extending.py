"""What the Contributing page promises: a framework, a feature, a rule or a macro is added by
touching the files it names, and nothing else. Each test adds one to a project copy and builds."""
from __future__ import annotations

import html
import subprocess
import sys
import textwrap

import pytest
import yaml

from fwguide.paths import DATA_REL
from support import strict_build

pytestmark = pytest.mark.build


def page(site, name: str) -> str:
    return html.unescape((site / name / "index.html").read_text(encoding="utf-8"))


def add_framework(project, framework_id="zeta-web", name="Zeta Web") -> None:
    """Step 1 on the Contributing page: the framework's entry in the data (a copy of the first one) and its
    line in every outcome's why_not; here one outcome also recommends it."""
    path = project / DATA_REL
    data = yaml.safe_load(path.read_text())
    clone = yaml.safe_load(yaml.safe_dump(data["frameworks"][0]))
    clone.update(id=framework_id, name=name, symbol="●")
    for rated in clone["considerations"].values():
        rated["rating"] = 1       # so the scorer never ranks it first where the tree recommends another
    data["frameworks"].append(clone)
    for node in data["decision"]["nodes"]:   # every outcome says why not the new framework, in one line
        if "recommend" in node:
            node["why_not"][framework_id] = f"{name} is new here."
    outcome = next(n for n in data["decision"]["nodes"] if "recommend" in n)
    outcome["why_not"][outcome["recommend"]] = outcome["why_not"].pop(framework_id).replace(name, "It")
    outcome["recommend"] = framework_id
    outcome["scorer_note"] = {fw["id"]: f"{name} is chosen here for this test." for fw in data["frameworks"]
                              if fw["id"] != framework_id}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def add_feature(project) -> None:
    """A feature is its entry in the data and one cell per framework."""
    path = project / DATA_REL
    data = yaml.safe_load(path.read_text())
    data["features"].append({"id": "brand-new-feature", "name": "Brand new feature",
                             "category": data["categories"][0]["id"], "description": "Added by a test."})
    for fw in data["frameworks"]:
        fw["support"]["brand-new-feature"] = {"level": "not-available", "note": "Added by a test.",
                                              "source": fw["docs"]}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def test_a_framework_is_its_data_one_page_line_and_one_nav_entry_and_a_feature_is_data_alone(project_copy):
    add_framework(project_copy)
    add_feature(project_copy)
    (project_copy / "docs/frameworks/zeta-web.md").write_text('# Zeta Web\n\n{{ framework_page("zeta-web") }}\n')
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("      - FastAPI (reference): frameworks/fastapi.md\n",
                                                 "      - FastAPI (reference): frameworks/fastapi.md\n"
                                                 "      - Zeta Web: frameworks/zeta-web.md\n"))
    result, site = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert '<th scope="col">Zeta Web</th>' in page(site, "comparison") and "Brand new feature" in page(site, "comparison")
    assert '<th scope="col">Zeta Web</th>' in page(site, "considerations")
    assert "●</span> Zeta Web: " in page(site, "decision")   # its outcome, marked with its symbol
    own = page(site, "frameworks/zeta-web")
    assert "Zeta Web at a glance" in own and 'id="key-features"' in own and 'id="ideal-uses"' in own


def test_a_framework_without_its_page_stops_the_build_and_the_check_saying_what_to_add(project_copy):
    add_framework(project_copy)
    result, _ = strict_build(project_copy)
    check = subprocess.run([sys.executable, "-m", "fwguide", "check"], cwd=project_copy, capture_output=True,
                           text=True)
    for out in (result.stderr, check.stderr):
        assert "frameworks[zeta-web]: has no page docs/frameworks/zeta-web.md" in out, out
        assert '{{ framework_page("zeta-web") }}' in out and "Traceback" not in out
    assert result.returncode != 0 and check.returncode == 1


def test_a_rule_is_one_module_in_the_rules_package(project_copy):
    (project_copy / "fwguide/rules/no_zeta.py").write_text(textwrap.dedent('''
        from fwguide.rules import rule
        from fwguide.rules._common import items


        @rule("no-zeta", "No framework is called Zeta.")
        def check_no_zeta(data, report, today):
            for i, fw in items(data, "frameworks"):
                if fw.get("name") == "Zeta":
                    report(("frameworks", i, "name"), f"frameworks[{fw.get('id')}]: Zeta is not allowed")
    '''))
    result, site = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert "no-zeta" in page(site, "contributing") and "No framework is called Zeta." in page(site, "contributing")
    path = project_copy / DATA_REL
    path.write_text(path.read_text().replace('name: "Flask"', 'name: "Zeta"', 1))
    check = subprocess.run([sys.executable, "-m", "fwguide", "check"], cwd=project_copy, capture_output=True,
                           text=True)
    assert check.returncode == 1 and "frameworks[flask]: Zeta is not allowed" in check.stderr


def test_a_macro_is_one_decorated_renderer_and_the_page_that_calls_it(project_copy):
    (project_copy / "fwguide/render/counts.py").write_text(textwrap.dedent('''
        from fwguide.model import Guide
        from fwguide.registry import macro
        from fwguide.render.html import block


        @macro("framework_count", footer=False)
        def render_framework_count(guide: Guide) -> str:
            return block("fwg-count", f"<p>{len(guide.frameworks)} frameworks compared.</p>")
    '''))
    comparison = project_copy / "docs/comparison.md"
    comparison.write_text(comparison.read_text() + "\n{{ framework_count() }}\n")
    result, site = strict_build(project_copy)
    assert result.returncode == 0, result.stderr
    assert "3 frameworks compared." in page(site, "comparison")
