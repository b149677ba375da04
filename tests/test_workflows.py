"""GitHub Actions workflows: valid against GitHub's workflow schema (vendored, offline) and
following the house rules.  Every rule has a negative test that feeds it a broken workflow."""
from __future__ import annotations

import json
import re
from functools import cache

import jsonschema
import pytest
import yaml

from support import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
SCHEMA = ROOT / "tests" / "schemas" / "github-workflow.json"
FILES = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
SHA = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"#\s*v[0-9]+(\.[0-9]+)*\b")
# (workflow file, job) -> the write permissions it may hold; everything else reads at most.
ALLOWED_WRITES = {("deploy.yml", "deploy"): {"pages", "id-token"}}
NEEDS_CONCURRENCY = {"deploy.yml"}


@cache
def schema() -> dict:
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def load(text: str) -> dict:
    """Parse a workflow.  YAML 1.1 (PyYAML) reads the key `on` as the boolean True: map it back."""
    data = yaml.safe_load(text)
    if isinstance(data, dict) and True in data:
        data["on"] = data.pop(True)
    return data


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([A-Za-z][A-Za-z0-9_-]*):", text, re.M))


def schema_problems(text: str) -> list[str]:
    validator = jsonschema.Draft7Validator(schema())
    return [f"schema: {'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:160]}"
            for e in validator.iter_errors(load(text))]


def _steps(data: dict):
    for job_id, job in (data.get("jobs") or {}).items():
        for step in (job or {}).get("steps") or []:
            yield job_id, step


def rule_problems(name: str, text: str) -> list[str]:
    """Every house rule the workflow text breaks, one message each."""
    data = load(text)
    problems = []
    lines = text.splitlines()
    jobs = data.get("jobs") or {}
    # 1. every action pinned to a full commit SHA, with a '# vX' comment naming the version
    uses = [(job_id, step["uses"]) for job_id, step in _steps(data) if "uses" in step]
    uses += [(job_id, job["uses"]) for job_id, job in jobs.items() if isinstance(job, dict) and "uses" in job]
    for job_id, ref in uses:
        if ref.startswith("./"):
            continue  # an action in this repository
        if not SHA.match(ref):
            problems.append(f"{name}: jobs.{job_id}: '{ref}' is not pinned to a full 40-character commit SHA")
            continue
        on_line = [line for line in lines if ref in line and "uses:" in line]
        if not on_line or not all(VERSION_COMMENT.search(line.split(ref, 1)[1]) for line in on_line):
            problems.append(f"{name}: jobs.{job_id}: '{ref}' needs a '# vX' comment naming its version")
    # 2. permissions declared at the top and in every job; writes only where allowed
    if "permissions" not in data:
        problems.append(f"{name}: no top-level 'permissions' (use 'permissions: {{}}' and grant per job)")
    elif data["permissions"] not in ({}, None) and not isinstance(data["permissions"], dict):
        problems.append(f"{name}: top-level permissions {data['permissions']!r} are too broad")
    elif any(v == "write" for v in (data["permissions"] or {}).values()):
        problems.append(f"{name}: top-level permissions grant write access; grant it to the job that needs it")
    for job_id, job in jobs.items():
        if not isinstance(job, dict) or "permissions" not in job:
            problems.append(f"{name}: jobs.{job_id}: no 'permissions'")
            continue
        granted = job["permissions"]
        if isinstance(granted, str):
            problems.append(f"{name}: jobs.{job_id}: permissions {granted!r} are too broad; list each scope")
            continue
        allowed = ALLOWED_WRITES.get((name, job_id), set())
        for scope, level in (granted or {}).items():
            if level == "write" and scope not in allowed:
                problems.append(f"{name}: jobs.{job_id}: '{scope}: write' is not needed here")
    # 3. checkout never leaves the token in .git/config
    for job_id, step in _steps(data):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            if (step.get("with") or {}).get("persist-credentials") is not False:
                problems.append(f"{name}: jobs.{job_id}: actions/checkout needs 'persist-credentials: false'")
    # 4. concurrency
    if name in NEEDS_CONCURRENCY and not (data.get("concurrency") or {}).get("group"):
        problems.append(f"{name}: no top-level 'concurrency' group")
    # 5. `make X` steps name real Makefile targets
    targets = makefile_targets()
    for job_id, step in _steps(data):
        for target in re.findall(r"\bmake\s+([A-Za-z][A-Za-z0-9_-]*)", str(step.get("run", ""))):
            if target not in targets:
                problems.append(f"{name}: jobs.{job_id}: 'make {target}' is not a Makefile target")
    return problems


# ------------------------------------------------------------ the real files

def test_the_workflows_are_there():
    assert {p.name for p in FILES} >= {"ci.yml", "deploy.yml", "freshness.yml"}


def test_the_vendored_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(schema())
    assert "$ref" not in json.dumps(schema()).replace('"$ref": "#', "")  # no remote references: offline


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(path):
    assert schema_problems(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_workflow_follows_the_house_rules(path):
    assert rule_problems(path.name, path.read_text(encoding="utf-8")) == []


def test_deploy_builds_strictly_and_deploys_with_pages_actions():
    data = load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert set(data["on"]) == {"push", "workflow_dispatch"} and data["on"]["push"]["branches"] == ["main"]
    assert data["permissions"] == {}
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"] == {"name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    runs = [s.get("run", "") for s in build["steps"]]
    assert "make build" in runs
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"].rstrip("/") == "site"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") and s.get("id") == "deployment"
               for s in deploy["steps"])
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    for forbidden in ("git push", "gh-deploy", "ghp-import", "peaceiris"):
        assert forbidden not in text


def test_freshness_runs_weekly_and_on_demand():
    data = load((WORKFLOWS / "freshness.yml").read_text(encoding="utf-8"))
    assert set(data["on"]) == {"schedule", "workflow_dispatch"}
    cron = data["on"]["schedule"][0]["cron"].split()
    assert len(cron) == 5 and cron[2] == "*" and cron[3] == "*" and cron[4] != "*"  # one day a week
    runs = [s.get("run", "") for _, s in _steps(data)]
    assert "make freshness" in runs


def test_ci_runs_the_tests_on_push_and_pull_request():
    data = load((WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    assert {"push", "pull_request"} <= set(data["on"])
    assert "make test" in [s.get("run", "") for _, s in _steps(data)]


# ------------------------------------------------- each rule catches a break

def deploy_text() -> str:
    return (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")


def broken(old: str, new: str, text: str | None = None) -> str:
    text = deploy_text() if text is None else text
    assert old in text, old
    return text.replace(old, new, 1)


def assert_reports(text: str, fragment: str) -> None:
    problems = rule_problems("deploy.yml", text)
    assert any(fragment in p for p in problems), problems


def test_on_is_read_as_on_not_true():
    assert "on" in load(deploy_text()) and True not in load(deploy_text())
    assert yaml.safe_load(deploy_text()).get(True)  # what plain PyYAML does


def test_schema_catches_a_misspelt_key_and_a_bad_permission():
    for text in (broken("    runs-on: ubuntu-24.04\n", "    run-on: ubuntu-24.04\n"),
                 broken("      contents: read\n", "      contents: reed\n")):
        problems = schema_problems(text)
        assert problems and all(p.startswith("schema: jobs/build:") for p in problems), problems


def test_rule_catches_an_action_pinned_to_a_tag():
    assert_reports(broken("actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0",
                          "actions/deploy-pages@v4"), "not pinned to a full 40-character commit SHA")


def test_rule_catches_a_short_sha():
    assert_reports(broken("@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128", "@cd2ce8f"), "not pinned")


def test_rule_catches_a_sha_without_version_comment():
    assert_reports(broken("a128 # v5.0.0", "a128"), "needs a '# vX' comment")


def test_rule_catches_missing_top_level_permissions():
    assert_reports(broken("permissions: {}\n", ""), "no top-level 'permissions'")


def test_rule_catches_broad_top_level_permissions():
    assert_reports(broken("permissions: {}\n", "permissions: write-all\n"), "too broad")


def test_rule_catches_a_job_without_permissions():
    assert_reports(broken("    permissions:\n      contents: read\n", ""), "jobs.build: no 'permissions'")


def test_rule_catches_an_unneeded_write_permission():
    assert_reports(broken("      contents: read\n", "      contents: write\n"), "'contents: write' is not needed")


def test_rule_catches_checkout_that_keeps_credentials():
    assert_reports(broken("persist-credentials: false", "persist-credentials: true"), "persist-credentials: false")
    assert_reports(broken("        with:\n          persist-credentials: false\n", ""), "persist-credentials")


def test_rule_catches_deploy_without_concurrency():
    text = re.sub(r"concurrency:\n(  .*\n)+", "", deploy_text())
    assert "concurrency" not in text.replace("# One deployment", "")
    assert_reports(text, "no top-level 'concurrency'")


def test_rule_catches_an_unknown_make_target():
    assert_reports(broken("run: make build", "run: make biuld"), "'make biuld' is not a Makefile target")
