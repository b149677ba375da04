"""Renderers for the interactive decision page: the JSON the browser script reads,
the shells it enhances, the scoring rule in words and the no-JavaScript ranking.

Same conventions as ``render``: pure ``Guide -> str``, one HTML block without blank
lines, every line starting with a tag, every data value escaped for where it lands
(``html_text`` for HTML, ``json_for_html`` for JSON in a script element).  The
interactive roots carry ``hidden`` and stay hidden until the script enhances them;
the script never inserts data as HTML (only as text).
"""
from __future__ import annotations

from fwguide import scoring
from fwguide.escape import clean, html_text as h
from fwguide.escape import json_for_html
from fwguide.model import Guide

GUIDE_DATA_ID = "fwg-guide-data"
SCORER_DATA_ID = "fwg-scorer-data"
URL_PARAM = "guide"  # ?guide=2.1 : the 1-based answer chosen at each question, in order

# Links from a recommendation, relative to the decision page (directory URLs).
FRAMEWORK_HREF = "../frameworks/{id}/"
READ_NEXT = (("../comparison/", "Feature comparison"), ("../considerations/", "Considerations and ratings"))


def _json_script(element_id: str, value: object) -> str:
    """JSON for the script, inside a <template>.  Material's instant navigation re-creates every
    <script> in the new page's content WITHOUT its attributes, so a bare JSON script would lose
    its type and id and run as JavaScript (a SyntaxError).  Template content is inert and never
    touched; the script reads it with template.content.getElementById()."""
    return (f'<template data-fwg-json><script type="application/json" id="{element_id}">'
            f"{json_for_html(value)}</script></template>")


def _lines(*parts: str) -> str:
    return "\n".join(parts)


# ------------------------------------------------------------------ payloads
# Text goes through escape.clean, as on the static page (html_text), so the script shows exactly
# the words of the text tree: no bidi overrides or zero-width characters, whitespace collapsed.

def _text(value: str | None) -> str | None:
    return None if value is None else clean(value)


def guide_payload(guide: Guide) -> dict:
    nodes = {}
    for node in guide.nodes.values():
        if node.is_outcome:
            nodes[node.id] = {"recommend": node.recommend, "reason": _text(node.reason)}
        else:
            nodes[node.id] = {"question": _text(node.question), "help": _text(node.help),
                              "answers": [{"label": _text(a.label), "next": a.next, "because": _text(a.because)}
                                          for a in node.answers]}
    return {
        "param": URL_PARAM,
        "start": guide.start,
        "nodes": nodes,
        "frameworks": {fw.id: {"name": _text(fw.name), "href": FRAMEWORK_HREF.format(id=fw.id)}
                       for fw in guide.frameworks},
        "readNext": [{"href": href, "text": text} for href, text in READ_NEXT],
    }


def scorer_payload(guide: Guide) -> dict:
    return {
        "maxRating": guide.max_rating,
        "ratingLabels": {str(v): _text(label) for v, label in guide.rating_labels.items()},
        "weightLabels": list(scoring.WEIGHT_LABELS),
        "considerations": [{"id": c.id, "name": _text(c.name)} for c in guide.considerations],
        "frameworks": [{"id": fw.id, "name": _text(fw.name),
                        "ratings": {k: r.rating for k, r in fw.considerations.items()}}
                       for fw in guide.frameworks],
    }


# --------------------------------------------------------------------- guide

def render_guide(guide: Guide) -> str:
    """The step-by-step guide's shell; decision-guide.js fills [data-guide-step]."""
    return _lines(
        '<noscript><p class="fwg-noscript">The step-by-step guide needs JavaScript. The whole tree is '
        'written out below in <a href="#decision-tree-as-text">the decision tree as text</a>.</p></noscript>',
        '<div class="fwg-guide" data-decision-guide hidden>',
        _json_script(GUIDE_DATA_ID, guide_payload(guide)),
        '<div class="fwg-guide-step" data-guide-step></div>',
        '<div class="fwg-guide-controls">'
        '<button type="button" class="md-button" data-guide-back>Back</button> '
        '<button type="button" class="md-button" data-guide-restart>Start over</button></div>',
        '<p class="fwg-visually-hidden" aria-live="polite" data-guide-status></p>',
        "</div>",
    )


# -------------------------------------------------------------------- scorer

def weight_option_text(weight: int) -> str:
    return f"{scoring.WEIGHT_LABELS[weight]} ({weight})"


def _weight_select(consideration, chosen: int) -> str:
    field = f"fwg-weight-{consideration.id}"
    options = "".join(f'<option value="{w}"{" selected" if w == chosen else ""}>{h(weight_option_text(w))}</option>'
                      for w in range(scoring.MAX_WEIGHT + 1))
    return (f'<div class="fwg-weight"><label for="{h(field)}">{h(consideration.name)}</label>'
            f'<select id="{h(field)}" data-weight="{h(consideration.id)}" aria-describedby="{h(field)}-q">'
            f'{options}</select><span class="fwg-desc" id="{h(field)}-q">{h(consideration.question)}</span></div>')


def _weight_fieldset(guide: Guide, legend: str, ai: bool) -> str:
    fields = "".join(_weight_select(c, scoring.EQUAL_WEIGHT) for c in guide.considerations if c.ai == ai)
    return f'<fieldset class="fwg-weights"><legend>{legend}</legend>{fields}</fieldset>' if fields else ""


def render_scorer(guide: Guide) -> str:
    """The live scorer's shell; decision-guide.js fills [data-scorer-ranking] from the JSON."""
    fieldsets = [f for f in (_weight_fieldset(guide, "General considerations", False),
                             _weight_fieldset(guide, "AI and machine-learning considerations", True)) if f]
    return _lines(
        '<noscript><p class="fwg-noscript">Setting your own weights needs JavaScript; the table above ranks '
        'the frameworks with every consideration weighted equally.</p></noscript>',
        '<div class="fwg-scorer" data-scorer hidden>',
        _json_script(SCORER_DATA_ID, scorer_payload(guide)),
        '<form class="fwg-scorer-form" data-scorer-form>',
        *fieldsets,
        '<button type="reset" class="md-button">Reset to medium for every consideration</button>',
        "</form>",
        '<h3 id="your-ranking">Your ranking</h3>',
        '<ol class="fwg-ranking-list" data-scorer-ranking></ol>',
        '<p class="fwg-visually-hidden" aria-live="polite" data-scorer-status></p>',
        "</div>",
    )


# ----------------------------------------------------------- rule and table

def render_scoring_rule(guide: Guide) -> str:
    """The rule the Python and JavaScript scorers both implement, in words."""
    weights = ", ".join(f"{label} = {w}" for w, label in enumerate(scoring.WEIGHT_LABELS))
    order = ", ".join(h(fw.name) for fw in guide.frameworks)
    return _lines(
        '<div class="fwg-rule" data-scoring-rule>',
        f"<p>Each consideration gets a weight: {h(weights)}. Each framework's rating for it runs from "
        f"1 to {guide.max_rating}. A framework's score is the sum of weight × rating over all "
        f"considerations, divided by the sum of weight × {guide.max_rating} (the best possible rating), "
        "shown as a percentage rounded to one decimal.</p>",
        "<p>The highest score ranks first. Frameworks whose scores are exactly equal share a rank and "
        f"are listed in the order of the data file ({order}). If every weight is ignore, nothing is "
        "compared and all frameworks share rank 1 with 0%.</p>",
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


def _ranking_row(guide: Guide, score: scoring.Score, scores: list[scoring.Score]) -> str:
    names = {c.id: c.name for c in guide.considerations}
    parts = "".join(f"<li>{h(contribution_text(guide, names, p))}</li>" for p in score.contributions)
    return (f'<tr data-framework="{h(score.framework)}"><td>{h(rank_text(score, scores))}</td>'
            f'<th scope="row">{h(guide.framework(score.framework).name)}</th>'
            f'<td data-score="{score.percent}">{score.percent}% ({score.points} of {score.possible} points)</td>'
            f"<td><ul>{parts}</ul></td></tr>")


def render_ranking_table(guide: Guide) -> str:
    """The ranking with every consideration weighted equally (the scorer's starting point)."""
    scores = scoring.rank(guide, scoring.equal_weights(guide))
    label = scoring.WEIGHT_LABELS[scoring.EQUAL_WEIGHT]
    head = ('<thead><tr><th scope="col">Rank</th><th scope="col">Framework</th><th scope="col">Score</th>'
            '<th scope="col">How the score adds up</th></tr></thead>')
    return _lines(
        '<div class="fwg-table fwg-ranking" data-scorer-static>',
        "<table>",
        f"<caption>Ranking with every consideration weighted equally ({h(label)})</caption>",
        head,
        "<tbody>",
        *(_ranking_row(guide, s, scores) for s in scores),
        "</tbody>",
        "</table>",
        "</div>",
    )
