"""The decision page's interactive parts: the step-by-step guide (the "stepper") and the weighted
scorer, each a hidden shell plus the JSON its script reads (the stepper after a build-time preview
of its first question that holds its place); and the scoring rule in words with the ranking table
that readers without JavaScript see.

The shells are enhanced by ``docs/assets/javascripts/decision-guide.js`` (which uses the pure
``scoring.js``).  The attribute names the script looks for are defined once, in ``HOOKS``, and
travel to it inside the JSON; the script never inserts data as HTML (only as text).  Text in the
JSON goes through ``escape.clean``, as on the static page, so the script shows the same words.
"""
from __future__ import annotations

from fwguide import scoring
from fwguide.escape import clean, json_for_html
from fwguide.model import Guide
from fwguide.pages import framework_page
from fwguide.render.decision import outcome_anchor
from fwguide.registry import macro
from fwguide.render.html import NO_SEARCH, dom_id, h, head, lines, table, th_row
from fwguide.render.links import PageLinks

URL_PARAM = "guide"    # ?guide=2.1 : the 1-based answer chosen at each question, in order
CHANGE_PARAM = "change"   # &change=2 : reopen question 2 (a "Change" link on the result)
ROOT_STEPPER = "data-decision-guide"   # stable hooks (outside checks rely on them)
ROOT_SCORER = "data-scorer"
STEPPER_DATA_ID, SCORER_DATA_ID = "fwg-guide-data", "fwg-scorer-data"
HOOKS = {
    "step": "data-guide-step", "back": "data-guide-back", "restart": "data-guide-restart",
    "status": "data-guide-status", "heading": "data-guide-heading", "answer": "data-answer",
    "recommendation": "data-recommendation",
    "form": "data-scorer-form", "weight": "data-weight", "ranking": "data-scorer-ranking",
    "scorerStatus": "data-scorer-status", "static": "data-scorer-static",
    "framework": "data-framework", "rank": "data-rank", "score": "data-score",
    "team": "data-scorer-team", "summary": "data-scorer-summary", "leader": "data-scorer-leader",
    "answerSummary": "data-answer-summary", "change": "data-change", "agreement": "data-scorer-agreement",
    "useWeights": "data-use-weights", "sections": "data-result-sections", "flowPath": "data-flow-path",
    "flowchart": "data-flowchart", "preview": "data-guide-preview",
}


def _json_script(element_id: str, value: object) -> str:
    """JSON for the script, inside a <template>.  Material's instant navigation re-creates every
    <script> in the new page's content WITHOUT its attributes, so a bare JSON script would lose
    its type and run as JavaScript (a SyntaxError).  Template content is inert and never touched.
    (The script takes the template's first script; the id names the data for readers of the HTML.)"""
    return (f'<template data-fwg-json><script type="application/json" id="{element_id}">'
            f"{json_for_html(value)}</script></template>")


def _text(value: str | None) -> str | None:
    return None if value is None else clean(value)


def _node_payload(node) -> dict:
    if node.is_outcome:
        return {"recommend": node.recommend, "title": _text(node.title), "reason": _text(node.reason),
                "anchor": outcome_anchor(node.id), "scorerNote": {k: _text(v) for k, v in node.scorer_note.items()}}
    return {"question": _text(node.question), "help": _text(node.help),
            "answers": [{"label": _text(a.label), "next": a.next, "because": _text(a.because), "team": a.team,
                         "weights": dict(a.weights)} for a in node.answers]}


def stepper_payload(guide: Guide, links: PageLinks) -> dict:
    return {
        "hooks": HOOKS,
        "param": URL_PARAM,
        "changeParam": CHANGE_PARAM,
        "start": guide.start,
        "nodes": {node.id: _node_payload(node) for node in guide.nodes.values()},
        "frameworks": {fw.id: {"name": _text(fw.name), "symbol": fw.symbol,
                               "href": links.href(framework_page(fw.id))} for fw in guide.frameworks},
        "scorer": scorer_payload(guide),
    }


def scorer_payload(guide: Guide) -> dict:
    return {
        "hooks": HOOKS,
        "maxRating": guide.max_rating,
        "equalWeight": scoring.EQUAL_WEIGHT,
        "ratingLabels": {str(v): _text(label) for v, label in guide.rating_labels.items()},
        "weightLabels": list(scoring.WEIGHT_LABELS),
        "considerations": [{"id": c.id, "name": _text(c.name),
                            "fromAnswers": vars(c.from_answers) if c.from_answers else None}
                           for c in guide.considerations],
        "frameworks": [{"id": fw.id, "name": _text(fw.name), "symbol": fw.symbol,
                        "ratings": {k: r.rating for k, r in fw.considerations.items()}}
                       for fw in guide.frameworks],
    }


# ------------------------------------------------------------------- stepper

PREVIEW = HOOKS["preview"]


def render_preview(guide: Guide) -> str:
    """The first question as decision-guide.js draws it, drawn at build time: it holds the guide's
    place while the script loads, and the script swaps it for the live guide in the same task, so
    nothing below moves (layout shift).  Its buttons are inert until then; without JavaScript the
    <noscript> style hides it.  It carries none of the other hooks in HOOKS."""
    node = guide.nodes[guide.start]
    answers = "".join(f'<button type="button" class="md-button" disabled>{h(clean(a.label))}</button>'
                      for a in node.answers)
    help_text = f'<p class="fwg-desc">{h(clean(node.help))}</p>' if node.help else ""
    # A <section> rather than a <div>: it holds divs, and Material's indexer would end the
    # exclusion at the first </div> (see NO_SEARCH).
    return (f'<section class="fwg-guide fwg-guide--preview" {PREVIEW} {NO_SEARCH}><div class="fwg-guide-step">'
            f"<h3>Question 1: {h(clean(node.question))}</h3>{help_text}"
            f'<div role="group" class="fwg-guide-answers">{answers}</div></div>'
            '<div class="fwg-guide-controls"><button type="button" class="md-button" disabled>Back</button> '
            '<button type="button" class="md-button" disabled>Start over</button></div></section>')


@macro("decision_guide", footer=False)
def render_stepper(guide: Guide, links: PageLinks = PageLinks("decision.md")) -> str:
    """The step-by-step guide's shell (hidden; decision-guide.js fills the step element and shows
    it) after a preview of its first question that holds its place until then."""
    return lines(
        f'<noscript><p class="fwg-noscript" {NO_SEARCH}>The step-by-step guide needs JavaScript. The whole tree is '
        'written out below in <a href="#decision-tree-as-text">the decision tree as text</a>.</p>'
        f"<style>[{PREVIEW}] {{ display: none; }}</style></noscript>",
        render_preview(guide),
        f'<div class="fwg-guide" {ROOT_STEPPER} hidden>',
        _json_script(STEPPER_DATA_ID, stepper_payload(guide, links)),
        f'<div class="fwg-guide-step" {HOOKS["step"]}></div>',
        f'<div class="fwg-guide-controls" {NO_SEARCH}>'
        f'<button type="button" class="md-button" {HOOKS["back"]}>Back</button> '
        f'<button type="button" class="md-button" {HOOKS["restart"]}>Start over</button></div>',
        f'<p class="fwg-visually-hidden" aria-live="polite" {HOOKS["status"]}></p>',
        "</div>",
    )


# -------------------------------------------------------------------- scorer

def weight_option_text(weight: int) -> str:
    return f"{scoring.WEIGHT_LABELS[weight]} ({weight})"


def _weight_select(consideration, chosen: int) -> str:
    field, described = dom_id("fwg-weight", consideration.id), dom_id("fwg-weight", consideration.id, "q")
    options = "".join(f'<option value="{w}"{" selected" if w == chosen else ""}>{h(weight_option_text(w))}</option>'
                      for w in range(scoring.MAX_WEIGHT + 1))
    return (f'<div class="fwg-weight"><label for="{h(field)}">{h(consideration.name)}</label>'
            f'<select id="{h(field)}" {HOOKS["weight"]}="{h(consideration.id)}" aria-describedby="{h(described)}">'
            f'{options}</select><span class="fwg-desc" id="{h(described)}">{h(consideration.question)}</span></div>')


def _weight_fieldset(guide: Guide, legend: str, ai: bool) -> str:
    fields = "".join(_weight_select(c, scoring.EQUAL_WEIGHT) for c in guide.considerations if c.ai == ai)
    return f'<fieldset class="fwg-weights"><legend>{legend}</legend>{fields}</fieldset>' if fields else ""


def _team_select(guide: Guide) -> str:
    if not any(c.from_answers for c in guide.considerations):
        return ""
    options = '<option value="" selected>none of them, or not sure</option>' + "".join(
        f'<option value="{h(fw.id)}">{h(fw.name)}</option>' for fw in guide.frameworks)
    return (f'<div class="fwg-weight"><label for="fwg-team">Your team knows best</label>'
            f'<select id="fwg-team" {HOOKS["team"]} aria-describedby="fwg-team--q">{options}</select>'
            f'<span class="fwg-desc" id="fwg-team--q">Sets the team experience rating: {h(_team_rule(guide))}</span></div>')


def _team_rule(guide: Guide) -> str:
    rule = next(c.from_answers for c in guide.considerations if c.from_answers)
    return (f"{rule.known} for the framework your team knows, {rule.other} for the others, "
            f"{rule.unknown} for every framework when you have not said")


@macro("weighted_scorer", footer=False)
def render_scorer(guide: Guide) -> str:
    """The live scorer's shell; decision-guide.js fills the ranking list from the JSON."""
    fieldsets = [f for f in (_weight_fieldset(guide, "General considerations", False),
                             _weight_fieldset(guide, "AI and machine-learning considerations", True)) if f]
    team = _team_select(guide)
    return lines(
        f'<noscript><p class="fwg-noscript" {NO_SEARCH}>Setting your own weights needs JavaScript; the table above ranks '
        'the frameworks with every consideration weighted equally.</p></noscript>',
        f'<div class="fwg-scorer" {ROOT_SCORER} hidden>',
        _json_script(SCORER_DATA_ID, scorer_payload(guide)),
        f'<form class="fwg-scorer-form" {HOOKS["form"]} {NO_SEARCH}>',
        *fieldsets,
        *([f'<fieldset class="fwg-weights"><legend>Your team</legend>{team}</fieldset>'] if team else []),
        '<button type="reset" class="md-button">Reset: every consideration medium, team not said</button>',
        "</form>",
        '<h3 id="your-ranking">Your ranking</h3>',
        f'<p {HOOKS["leader"]}></p>',
        f'<ol class="fwg-ranking-list" {HOOKS["ranking"]}></ol>',
        f'<p class="fwg-scorer-summary" {HOOKS["summary"]} aria-hidden="true"></p>',
        f'<p class="fwg-visually-hidden" aria-live="polite" {HOOKS["scorerStatus"]}></p>',
        "</div>",
    )


# ----------------------------------------------------------- rule and table

@macro("scoring_rule", footer=False)
def render_scoring_rule(guide: Guide) -> str:
    """The rule the Python and JavaScript scorers both implement, in words."""
    weights = ", ".join(f"{label} = {w}" for w, label in enumerate(scoring.WEIGHT_LABELS))
    order = ", ".join(h(fw.name) for fw in guide.frameworks)
    team = next((c for c in guide.considerations if c.from_answers), None)
    team_text = (f" {h(team.name)} is not a property of a framework: it is rated {h(_team_rule(guide))}."
                 if team else "")
    return lines(
        '<div class="fwg-rule" data-scoring-rule>',
        f"<p>Each consideration gets a weight: {h(weights)}. Each framework's rating for it runs from "
        f"1 to {guide.max_rating}.{team_text} A framework's score is the sum of weight × rating over all "
        f"considerations, divided by the sum of weight × {guide.max_rating} (the best possible rating), "
        "shown as a whole percentage.</p>",
        "<p>The highest score ranks first. Frameworks whose scores are exactly equal share a rank and "
        f"are listed in the order of the data file ({order}). If every weight is ignore, nothing is "
        "compared and all frameworks share rank 1 with 0%. When you answer the questions above, each "
        "answer sets the weights that matter to it (starting from medium), and the result says whether "
        "this scorer agrees with the recommendation.</p>",
        "</div>",
    )


def contribution_text(guide: Guide, names: dict[str, str], part: scoring.Contribution) -> str:
    if part.weight == 0:
        return f"{names[part.consideration]}: ignored"
    return (f"{names[part.consideration]}: weight {scoring.WEIGHT_LABELS[part.weight]} ({part.weight}) "
            f"× rating {part.rating} ({guide.rating_label(part.rating)}) = {part.points} of {part.possible}")


def rank_text(score: scoring.Score, scores: list[scoring.Score]) -> str:
    tied = sum(1 for s in scores if s.rank == score.rank) > 1
    return f"{score.rank} (tied)" if tied else str(score.rank)


def leader_text(guide: Guide, scores: list[scoring.Score]) -> str:
    """One sentence: why the first ranks first (or that the first places are tied)."""
    first = [guide.framework(s.framework).name for s in scores if s.rank == 1]
    if len(scores) == 1:
        return f"{first[0]} is the only framework compared."
    if len(first) > 1:
        return f"{' and '.join(first)} share first place."
    names = {c.id: c.name for c in guide.considerations}
    reasons = [names[c] for c in scoring.leads(scores)]
    second = guide.framework(scores[1].framework).name
    return f"{first[0]} ranks first mainly because it rates higher than {second} on {' and '.join(reasons)}."


def _ranking_row(guide: Guide, score: scoring.Score, scores: list[scoring.Score]) -> str:
    names = {c.id: c.name for c in guide.considerations}
    parts = "".join(f"<li>{h(contribution_text(guide, names, p))}</li>" for p in score.contributions)
    return (f'<tr {HOOKS["framework"]}="{h(score.framework)}"><td>{h(rank_text(score, scores))}</td>'
            f"{th_row(h(guide.framework(score.framework).name))}"
            f'<td {HOOKS["score"]}="{score.percent}">{score.percent}% ({score.points} of {score.possible} points)</td>'
            f"<td><ul>{parts}</ul></td></tr>")


@macro("ranking_table", footer=True)
def render_ranking_table(guide: Guide) -> str:
    """The ranking with every consideration weighted equally and the team not said (the scorer's start)."""
    scores = scoring.rank(guide, scoring.equal_weights(guide))
    label = scoring.WEIGHT_LABELS[scoring.EQUAL_WEIGHT]
    table_html = table(f"Ranking with every consideration weighted equally ({h(label)})",
                       head("Rank", "Framework", "Score", "How the score adds up"),
                       (_ranking_row(guide, s, scores) for s in scores), "fwg-ranking", searchable=False)
    return lines(f'<div class="fwg-ranking-static" {HOOKS["static"]}>',
                 f'<p class="fwg-ranking-leader">{h(leader_text(guide, scores))}</p>', table_html, "</div>")
