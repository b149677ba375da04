"""The decision page's interactive shells, payloads, rule in words and ranking table
(fwguide/render/interactive.py)."""
import re

import yaml

from fwguide import model, scoring
from fwguide.escape import clean
from fwguide.render import interactive as ri
from fwguide.render.links import PageLinks
from support import HOSTILE, assert_markdown_safe, embedded_json, fixture_text, hostile_guide


def test_stepper_shell_is_hidden_until_enhanced_and_carries_the_tree(guide):
    html = ri.render_stepper(guide)
    assert re.search(r"<div [^>]*data-decision-guide[^>]* hidden>", html)
    assert "<noscript>" in html and 'href="#decision-tree-as-text"' in html
    payload = embedded_json(html)
    assert payload == ri.stepper_payload(guide, PageLinks("decision.md"))
    assert payload["start"] == guide.start and set(payload["nodes"]) == set(guide.nodes)
    for node in guide.nodes.values():
        if node.is_outcome:
            assert payload["nodes"][node.id] == {"recommend": node.recommend, "title": node.title,
                                                 "reason": node.reason, "anchor": f"outcome--{node.id}",
                                                 "scorerNote": node.scorer_note}
        else:
            answers = payload["nodes"][node.id]["answers"]
            assert [a["next"] for a in answers] == [a.next for a in node.answers]
            assert [(a["weights"], a["team"]) for a in answers] == [(a.weights, a.team) for a in node.answers]
    assert payload["frameworks"]["alpha"] == {"name": "Alpha", "symbol": "+", "href": "../frameworks/alpha/"}
    assert payload["scorer"] == ri.scorer_payload(guide) and payload["changeParam"] == "change"
    assert_markdown_safe(html)


def test_the_preview_draws_the_first_question_without_hooks_and_hides_without_javascript(guide):
    html = ri.render_stepper(guide)
    preview = ri.render_preview(guide)
    assert preview in html and preview.startswith('<section class="fwg-guide fwg-guide--preview" data-guide-preview ')
    first = guide.nodes[guide.start]
    assert f"<h3>Question 1: {first.question}</h3>" in preview
    assert re.findall(r'<button type="button" class="md-button" disabled>([^<]*)</button>', preview) == [
        *(a.label for a in first.answers), "Back", "Start over"]
    for name, attribute in ri.HOOKS.items():
        if name != "preview":
            assert attribute not in preview, attribute
    assert "<noscript>" in html and "<style>[data-guide-preview] { display: none; }</style></noscript>" in html
    assert html.index("data-guide-preview") < html.index("data-decision-guide")


def test_the_preview_escapes_data_text():
    html = ri.render_preview(hostile_guide())
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_links_in_the_payload_are_relative_to_the_page(guide):
    payload = ri.stepper_payload(guide, PageLinks("tools/choose.md"))
    assert payload["frameworks"]["beta"]["href"] == "../../frameworks/beta/"


def test_every_hook_the_script_uses_is_in_the_payload_and_in_the_shells(guide):
    shells = ri.render_stepper(guide) + ri.render_scorer(guide) + ri.render_ranking_table(guide)
    for payload in (embedded_json(shells, 0), embedded_json(shells, 1)):
        assert payload["hooks"] == ri.HOOKS
    for name in ("step", "back", "restart", "status", "form", "weight", "ranking", "scorerStatus", "static",
                 "framework", "score"):
        assert ri.HOOKS[name] in shells, name


def test_scorer_offers_a_weight_for_every_consideration_including_ai(guide):
    html = ri.render_scorer(guide)
    assert re.search(r"<div [^>]*data-scorer[^>]* hidden>", html)
    weights = re.findall(r'<select id="fwg-weight--([\w-]+)" data-weight="([\w-]+)"', html)
    assert [w for _, w in weights] == [c.id for c in guide.considerations]
    for c in guide.considerations:
        assert f'<label for="fwg-weight--{c.id}">{c.name}</label>' in html
    for label in scoring.WEIGHT_LABELS:
        assert f">{label} (" in html
    assert html.count('value="2" selected') == len(guide.considerations)
    payload = embedded_json(html)
    assert payload["frameworks"][0]["ratings"] == {"project-size": 3, "model-serving": 5}
    assert payload["maxRating"] == 5 and payload["weightLabels"] == list(scoring.WEIGHT_LABELS)
    assert_markdown_safe(html)


def test_rule_in_words_names_weights_maximum_and_tie_order(guide):
    html = ri.render_scoring_rule(guide)
    assert "ignore = 0, low = 1, medium = 2, high = 3" in html
    assert "weight × 5" in html and "order of the data file (Alpha, Beta)" in html
    assert_markdown_safe(html)


def test_ranking_table_ranks_with_equal_weights_and_explains():
    data = yaml.safe_load(fixture_text())
    data["frameworks"][1]["considerations"]["model-serving"]["rating"] = 4  # beta now 9 of 10 points
    html = ri.render_ranking_table(model.build(data))
    rows = re.findall(r'<tr data-framework="(\w+)"><td>([^<]+)</td>.*?data-score="([\d.]+)"', html)
    assert rows == [("beta", "1", "90"), ("alpha", "2", "80")]
    assert "Beta ranks first mainly because it rates higher than Alpha on Project size." in html
    assert "<caption>Ranking with every consideration weighted equally (medium)</caption>" in html
    assert "Model serving: weight medium (2) × rating 4 (Good) = 8 of 10" in html
    assert "data-scorer-static" in html
    assert_markdown_safe(html)


def test_ranking_table_marks_ties(guide):
    html = ri.render_ranking_table(guide)
    assert html.count("<td>1 (tied)</td>") == 2 and "Alpha and Beta share first place." in html


def test_the_team_select_appears_only_with_a_consideration_rated_from_answers(guide):
    assert "<select id=\"fwg-team\"" not in ri.render_scorer(guide)
    data = yaml.safe_load(fixture_text())
    data["considerations"].append({"id": "team", "name": "Team", "question": "Known?", "ai": False,
                                   "from_answers": {"known": 5, "other": 2, "unknown": 3}})
    html = ri.render_scorer(model.build(data))
    assert '<select id="fwg-team" data-scorer-team' in html and '<option value="beta">Beta</option>' in html
    assert "5 for the framework your team knows, 2 for the others, 3 for every framework" in html
    assert "Team is not a property of a framework" in ri.render_scoring_rule(model.build(data))


def test_hostile_data_stays_inert_in_json_and_html():
    hostile = hostile_guide()
    for html in (ri.render_stepper(hostile), ri.render_scorer(hostile), ri.render_ranking_table(hostile),
                 ri.render_scoring_rule(hostile)):
        assert "<script>" not in html and "</script> |" not in html
        assert_markdown_safe(html)
    question = hostile.nodes[hostile.start].question
    shown = embedded_json(ri.render_stepper(hostile))["nodes"][hostile.start]["question"]
    # The words arrive as data (the script inserts them as text), exactly as the static tree shows them:
    assert "<script>" in shown and shown == clean(question)
    assert "\u202e" not in shown and "\u200b" not in shown and "\n" not in shown
    scorer = embedded_json(ri.render_scorer(hostile))
    assert scorer["frameworks"][0]["name"] == clean(HOSTILE) and scorer["considerations"][0]["name"] == clean(HOSTILE)
