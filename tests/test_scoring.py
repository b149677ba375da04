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
    assert summary(scores) == [("beta", 18, 20, 90, 1), ("alpha", 14, 20, 70, 2)]


def test_ignored_consideration_does_not_count(guide):
    scores = scoring.rank(guide, {"project-size": 0, "model-serving": 2})
    assert summary(scores) == [("alpha", 10, 10, 100, 1), ("beta", 6, 10, 60, 2)]
    ignored = scores[0].contributions[0]
    assert (ignored.consideration, ignored.weight, ignored.points, ignored.possible) == ("project-size", 0, 0, 0)


def test_equal_scores_share_a_rank_in_data_file_order(guide):
    scores = scoring.rank(guide, scoring.equal_weights(guide))
    assert summary(scores) == [("alpha", 16, 20, 80, 1), ("beta", 16, 20, 80, 1)]
    flipped = model.build({**guide.raw, "frameworks": list(reversed(guide.raw["frameworks"]))})
    assert [s.framework for s in scoring.rank(flipped, scoring.equal_weights(flipped))] == ["beta", "alpha"]


def test_all_weights_ignore_means_all_zero_and_tied(guide):
    scores = scoring.rank(guide, scoring.equal_weights(guide, 0))
    assert summary(scores) == [("alpha", 0, 0, 0, 1), ("beta", 0, 0, 0, 1)]


def test_rank_after_tie_skips_positions():
    data = yaml.safe_load(fixture_text())
    third = json.loads(json.dumps(data["frameworks"][0]))
    third["id"], third["name"] = "gamma", "Gamma"
    third["considerations"]["project-size"]["rating"] = 1
    data["frameworks"].append(third)
    g = model.build(data)
    assert [(s.framework, s.rank) for s in scoring.rank(g, scoring.equal_weights(g))] == [
        ("alpha", 1), ("beta", 1), ("gamma", 3)]


@pytest.mark.parametrize("points, possible, percent", [
    (1, 3, 33), (2, 3, 67), (1, 8, 13), (1, 200, 1), (1, 201, 0), (3, 8, 38), (0, 5, 0), (5, 5, 100), (0, 0, 0)])
def test_whole_percent_rounds_half_up_in_integers(points, possible, percent):
    assert scoring.whole_percent(points, possible) == percent


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
    unknown = next(c.from_answers.unknown for c in g.considerations if c.from_answers)
    for s in scores:
        assert s.possible == 2 * g.max_rating * len(g.considerations)
        assert s.points == 2 * unknown + sum(2 * r.rating for r in g.framework(s.framework).considerations.values())


def team_guide():
    """The fixture plus a consideration rated from the reader's answers."""
    data = yaml.safe_load(fixture_text())
    data["considerations"].append({"id": "team", "name": "Team", "question": "Known?", "ai": False,
                                   "from_answers": {"known": 5, "other": 1, "unknown": 3}})
    return model.build(data)


def test_a_consideration_rated_from_answers_follows_the_team():
    g = team_guide()
    weights = {"project-size": 2, "model-serving": 2, "team": 3}
    assert summary(scoring.rank(g, weights)) == [("alpha", 25, 35, 71, 1), ("beta", 25, 35, 71, 1)]
    assert summary(scoring.rank(g, weights, team="beta")) == [("beta", 31, 35, 89, 1), ("alpha", 19, 35, 54, 2)]
    with pytest.raises(ValueError, match="unknown team"):
        scoring.rank(g, weights, team="gamma")


def test_a_path_sets_weights_in_order_and_the_last_team_counts(guide):
    yes, no = guide.nodes["q-users"].answers
    steps = [(guide.nodes["q-users"], yes)]
    assert scoring.path_weights(guide, steps) == {"project-size": 3, "model-serving": 2}
    assert scoring.path_weights(guide, []) == scoring.equal_weights(guide)
    later = type(no)("Later", "q-size", weights={"project-size": 1}, team="beta")
    assert scoring.path_weights(guide, steps + [(guide.nodes["q-size"], later)])["project-size"] == 1
    assert scoring.path_team(steps + [(guide.nodes["q-size"], later)]) == "beta"
    assert scoring.path_team(steps) is None


def test_leads_name_what_puts_the_first_ahead(guide):
    scores = scoring.rank(guide, {"project-size": 3, "model-serving": 1})   # beta 18, alpha 14
    assert scoring.first_place(scores) == ["beta"] and scoring.leads(scores) == ["project-size"]
    tied = scoring.rank(guide, scoring.equal_weights(guide))
    assert scoring.first_place(tied) == ["alpha", "beta"] and scoring.leads(tied) == []
