"""The browser's scoring rule (docs/assets/javascripts/scoring.js) agrees with the Python rule
(fwguide/scoring.py) on hundreds of weightings. Runs the script in the Node.js that ships inside
the Playwright package: no browser and no site build, so it is part of every test run."""
from __future__ import annotations

import itertools
import json
import random
import subprocess

import pytest
import yaml

from fwguide import model, scoring
from fwguide.loader import load_guide
from fwguide.render.interactive import scorer_payload
from support import ROOT, fixture_text

SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "scoring.js"
RUNNER = """
const scoring = require(process.argv[1]);
let input = "";
process.stdin.on("data", d => input += d).on("end", () => {
  const { data, weightings } = JSON.parse(input);
  const out = weightings.map(([w, team]) => {
    const rows = scoring.rank(data, w, team);
    return [rows.map(r => [r.id, r.points, r.possible, r.percent, r.rank]), scoring.leads(rows, 2)];
  });
  process.stdout.write(JSON.stringify(out));
});
"""


def node() -> str:
    from playwright._impl._driver import compute_driver_executable
    return str(compute_driver_executable()[0])


def js_ranks(guide: model.Guide, weightings: list[tuple[dict, str | None]]) -> list:
    result = subprocess.run([node(), "-e", RUNNER, str(SCRIPT)], capture_output=True, text=True, timeout=60,
                            input=json.dumps({"data": scorer_payload(guide), "weightings": weightings}))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def py_ranks(guide: model.Guide, weightings: list[tuple[dict, str | None]]) -> list:
    out = []
    for weights, team in weightings:
        scores = scoring.rank(guide, weights, team)
        out.append([[[s.framework, s.points, s.possible, s.percent, s.rank] for s in scores], scoring.leads(scores)])
    return out


def random_weightings(guide: model.Guide, count: int, seed: int) -> list[tuple[dict, str | None]]:
    rng = random.Random(seed)
    ids = [c.id for c in guide.considerations]
    teams = [None, *guide.ids("framework")]
    fixed = [(dict.fromkeys(ids, w), None) for w in range(scoring.MAX_WEIGHT + 1)]   # all equal, all ignored
    return fixed + [({i: rng.randint(0, scoring.MAX_WEIGHT) for i in ids}, rng.choice(teams)) for _ in range(count)]


def tied_guide() -> model.Guide:
    """Three frameworks, two with the same ratings, so ties and skipped ranks occur."""
    data = yaml.safe_load(fixture_text())
    third = json.loads(json.dumps(data["frameworks"][0]))
    third["id"], third["name"] = "gamma", "Gamma"
    data["frameworks"].append(third)
    return model.build(data)


@pytest.mark.parametrize("name, guide_of, count", [
    ("real data", lambda: load_guide(), 300),
    ("fixture", lambda: model.build(yaml.safe_load(fixture_text())), 50),
    ("ties", tied_guide, 50),
])
def test_javascript_and_python_rank_alike(name, guide_of, count):
    guide = guide_of()
    weightings = random_weightings(guide, count, seed=len(name))
    assert js_ranks(guide, weightings) == py_ranks(guide, weightings)


def test_the_path_weights_and_team_agree_on_every_path_of_the_real_tree():
    guide = load_guide()
    runner = """
const scoring = require(process.argv[1]);
let input = "";
process.stdin.on("data", d => input += d).on("end", () => {
  const { data, paths } = JSON.parse(input);
  process.stdout.write(JSON.stringify(paths.map(a => [scoring.pathWeights(data, a), scoring.pathTeam(a)])));
});
"""
    paths = [[{"weights": answer.weights, "team": answer.team} for _node, answer in steps] for steps in guide.paths()]
    result = subprocess.run([node(), "-e", runner, str(SCRIPT)], capture_output=True, text=True, timeout=60,
                            input=json.dumps({"data": scorer_payload(guide), "paths": paths}))
    assert result.returncode == 0, result.stderr
    expected = [[scoring.path_weights(guide, steps), scoring.path_team(steps)] for steps in guide.paths()]
    assert json.loads(result.stdout) == expected


def test_every_weighting_of_the_fixture_agrees():
    guide = model.build(yaml.safe_load(fixture_text()))
    ids = [c.id for c in guide.considerations]
    weightings = [(dict(zip(ids, ws)), None) for ws in itertools.product(range(scoring.MAX_WEIGHT + 1), repeat=len(ids))]
    assert js_ranks(guide, weightings) == py_ranks(guide, weightings)


def test_the_comparison_catches_a_different_rule(tmp_path, monkeypatch):
    """The check itself can fail: a script that rounds differently is caught."""
    broken = tmp_path / "scoring.js"
    broken.write_text(SCRIPT.read_text(encoding="utf-8").replace("(200 * points + possible)", "(200 * points)"))
    monkeypatch.setattr(__import__(__name__), "SCRIPT", broken)
    guide = load_guide()
    weightings = random_weightings(guide, 50, seed=7)
    assert js_ranks(guide, weightings) != py_ranks(guide, weightings)
