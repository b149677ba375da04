"""The weighted scoring rule in Python (fwguide/scoring.py)."""
import json

import pytest
import yaml

from fwguide import model, scoring
from fwguide.loader import load_guide
from support import fixture_text

# The fixture: alpha rates project-size 3 and model-serving 5; beta the other way round.


def summary(scores):
    return [(s.framework, s.points, s.possible, s.percent, s.rank) for s in scores]


def test_score_is_weighted_sum_over_best_possible(guide):
    scores = scoring.rank(guide, {"project-size": 3, "model-serving": 1})
    # beta: 3*5 + 1*3 = 18 of 3*5 + 1*5 = 20; alpha: 3*3 + 1*5 = 14 of 20
    assert summary(scores) == [("beta", 18, 20, "90.0", 1), ("alpha", 14, 20, "70.0", 2)]


def test_ignored_consideration_does_not_count(guide):
    scores = scoring.rank(guide, {"project-size": 0, "model-serving": 2})
    assert summary(scores) == [("alpha", 10, 10, "100.0", 1), ("beta", 6, 10, "60.0", 2)]
    ignored = scores[0].contributions[0]
    assert (ignored.consideration, ignored.weight, ignored.points, ignored.possible) == ("project-size", 0, 0, 0)


def test_equal_scores_share_a_rank_in_data_file_order(guide):
    scores = scoring.rank(guide, scoring.equal_weights(guide))
    assert summary(scores) == [("alpha", 16, 20, "80.0", 1), ("beta", 16, 20, "80.0", 1)]
    flipped = model.build({**guide.raw, "frameworks": list(reversed(guide.raw["frameworks"]))})
    assert [s.framework for s in scoring.rank(flipped, scoring.equal_weights(flipped))] == ["beta", "alpha"]


def test_all_weights_ignore_means_all_zero_and_tied(guide):
    scores = scoring.rank(guide, scoring.equal_weights(guide, 0))
    assert summary(scores) == [("alpha", 0, 0, "0.0", 1), ("beta", 0, 0, "0.0", 1)]


def test_rank_after_tie_skips_positions():
    data = yaml.safe_load(fixture_text())
    third = json.loads(json.dumps(data["frameworks"][0]))
    third["id"], third["name"] = "gamma", "Gamma"
    third["considerations"]["project-size"]["rating"] = 1
    data["frameworks"].append(third)
    g = model.build(data)
    assert [(s.framework, s.rank) for s in scoring.rank(g, scoring.equal_weights(g))] == [
        ("alpha", 1), ("beta", 1), ("gamma", 3)]


@pytest.mark.parametrize("points, possible, tenths", [
    (1, 3, 333), (2, 3, 667), (1, 8, 125), (1, 16, 63), (3, 16, 188), (0, 5, 0), (5, 5, 1000), (0, 0, 0)])
def test_percent_rounds_half_up_in_integers(points, possible, tenths):
    assert scoring.tenths_of_percent(points, possible) == tenths


def test_comparison_is_exact():
    assert scoring.compare((2, 3), (666, 1000)) == -1  # 66.67% beats 66.6%
    assert scoring.compare((1, 2), (5, 10)) == 0
    assert scoring.compare((1, 3), (1, 2)) == 1


@pytest.mark.parametrize("weights", [
    {"project-size": 2},                                   # missing
    {"project-size": 2, "model-serving": 2, "extra": 1},  # unknown
    {"project-size": 4, "model-serving": 2},              # above high
    {"project-size": -1, "model-serving": 2},
    {"project-size": True, "model-serving": 2},
    {"project-size": 1.5, "model-serving": 2},
])
def test_bad_weights_are_rejected(guide, weights):
    with pytest.raises(ValueError):
        scoring.rank(guide, weights)


def test_real_data_equal_weights_ranking():
    g = load_guide()
    scores = scoring.rank(g, scoring.equal_weights(g))
    assert [s.rank for s in scores] == sorted(s.rank for s in scores)
    for s in scores:
        assert s.possible == 2 * g.max_rating * len(g.considerations)
        assert s.points == sum(2 * r.rating for r in g.framework(s.framework).considerations.values())
