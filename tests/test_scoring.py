"""The weighted scoring rule (fwguide.scoring) and the renderers of the interactive
decision page (fwguide.render_interactive): payloads, shells, rule text, ranking table."""
import json
import re

import pytest
import yaml

from fwguide import model, render_interactive as ri, scoring
from fwguide.escape import clean
from fwguide.validate import DATA_FILE, load_guide
from guidehelpers import fixture_text

# The fixture: alpha rates project-size 3 and model-serving 5; beta the other way round.


@pytest.fixture
def guide():
    return model.build(yaml.safe_load(fixture_text()))


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
    g = load_guide(DATA_FILE)
    scores = scoring.rank(g, scoring.equal_weights(g))
    assert [s.rank for s in scores] == sorted(s.rank for s in scores)
    for s in scores:
        assert s.possible == 2 * g.max_rating * len(g.considerations)
        assert s.points == sum(2 * r.rating for r in g.framework(s.framework).considerations.values())


# ------------------------------------------------------------------ renderers

def embedded_json(html: str, element_id: str):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html)
    assert match, f"no JSON script #{element_id}"
    return json.loads(match.group(1))


def assert_markdown_safe(html: str) -> None:
    assert "\n\n" not in html
    for line in html.split("\n"):
        assert line.startswith("<"), line


def test_guide_shell_is_hidden_until_enhanced_and_carries_the_tree(guide):
    html = ri.render_guide(guide)
    assert re.search(r"<div [^>]*data-decision-guide[^>]* hidden>", html)
    assert "<noscript>" in html and 'href="#decision-tree-as-text"' in html
    payload = embedded_json(html, ri.GUIDE_DATA_ID)
    assert payload == ri.guide_payload(guide)
    assert payload["start"] == guide.start and set(payload["nodes"]) == set(guide.nodes)
    for node in guide.nodes.values():
        if node.is_outcome:
            assert payload["nodes"][node.id] == {"recommend": node.recommend, "reason": node.reason}
        else:
            assert [a["next"] for a in payload["nodes"][node.id]["answers"]] == [a.next for a in node.answers]
    assert payload["frameworks"]["alpha"] == {"name": "Alpha", "href": "../frameworks/alpha/"}
    assert_markdown_safe(html)


def test_scorer_offers_a_weight_for_every_consideration_including_ai(guide):
    html = ri.render_scorer(guide)
    assert re.search(r"<div [^>]*data-scorer[^>]* hidden>", html)
    weights = re.findall(r'<select id="fwg-weight-([\w-]+)" data-weight="([\w-]+)"', html)
    assert [w for _, w in weights] == [c.id for c in guide.considerations]
    assert any(c.ai for c in guide.considerations)
    for c in guide.considerations:
        assert f'<label for="fwg-weight-{c.id}">{c.name}</label>' in html
    for label in scoring.WEIGHT_LABELS:
        assert f">{label} (" in html
    assert html.count('value="2" selected') == len(guide.considerations)
    payload = embedded_json(html, ri.SCORER_DATA_ID)
    assert payload["frameworks"][0]["ratings"] == {"project-size": 3, "model-serving": 5}
    assert payload["maxRating"] == 5 and payload["weightLabels"] == list(scoring.WEIGHT_LABELS)
    assert_markdown_safe(html)


def test_rule_in_words_names_weights_maximum_and_tie_order(guide):
    html = ri.render_scoring_rule(guide)
    assert "ignore = 0, low = 1, medium = 2, high = 3" in html
    assert "weight × 5" in html and "order of the data file (Alpha, Beta)" in html
    assert_markdown_safe(html)


def test_ranking_table_ranks_with_equal_weights_and_explains(guide):
    data = yaml.safe_load(fixture_text())
    data["frameworks"][1]["considerations"]["model-serving"]["rating"] = 4  # beta now 9 of 10 points
    g = model.build(data)
    html = ri.render_ranking_table(g)
    rows = re.findall(r'<tr data-framework="(\w+)"><td>([^<]+)</td>.*?data-score="([\d.]+)"', html)
    assert rows == [("beta", "1", "90.0"), ("alpha", "2", "80.0")]
    assert "<caption>Ranking with every consideration weighted equally (medium)</caption>" in html
    assert "Model serving: weight medium (2) × rating 4 (Good) = 8 of 10" in html
    assert "data-scorer-static" in html
    assert_markdown_safe(html)


def test_ranking_table_marks_ties(guide):
    html = ri.render_ranking_table(guide)
    assert html.count("<td>1 (tied)</td>") == 2


def test_hostile_data_stays_inert_in_json_and_html(guide):
    from test_render import HOSTILE

    data = yaml.safe_load(fixture_text())
    data["frameworks"][0]["name"] = HOSTILE
    data["considerations"][0]["name"] = HOSTILE
    data["decision"]["nodes"][0]["question"] = HOSTILE
    hostile = model.build(data)
    for html in (ri.render_guide(hostile), ri.render_scorer(hostile), ri.render_ranking_table(hostile),
                 ri.render_scoring_rule(hostile)):
        assert "<script>" not in html and "</script> |" not in html
        assert_markdown_safe(html)
    question = hostile.nodes[hostile.start].question
    shown = embedded_json(ri.render_guide(hostile), ri.GUIDE_DATA_ID)["nodes"][hostile.start]["question"]
    # The words arrive as data (the script inserts them as text), exactly as the static tree shows them:
    assert "<script>" in shown and shown == clean(question)
    assert "\u202e" not in shown and "\u200b" not in shown and "\n" not in shown
    scorer = embedded_json(ri.render_scorer(hostile), ri.SCORER_DATA_ID)
    assert scorer["frameworks"][0]["name"] == clean(HOSTILE) and scorer["considerations"][0]["name"] == clean(HOSTILE)
