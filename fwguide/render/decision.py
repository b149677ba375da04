"""The decision tree on the page, drawn at build time (no diagram library in the browser):

* ``decision_flowchart``: the tree as nested boxes, questions with their answers as labelled
  branches down to the outcomes, each outcome marked by its framework's word and symbol and linked
  to its full result.  Every box carries its path (``data-flow-path="2.1"``) so the step-by-step
  guide can highlight the reader's path; it is plain HTML, so it reads at any width and zoom.
* ``decision_results``: every outcome in full (the text version, and what readers without
  JavaScript get): the recommendation, how to build it, what to add, why not the others, when to
  reconsider, read next, the answers that lead to it and its sources.
* ``decision_scenarios``: the worked examples from ``scenarios``, each a link that opens the guide
  at its result.
"""
from __future__ import annotations

from fwguide.model import Guide, Node
from fwguide.registry import macro
from fwguide.render.html import NO_SEARCH, block, dom_id, h, lines, link
from fwguide.render.links import PageLinks

DEFAULT_LINKS = PageLinks("decision.md")
EXAMPLE_PAGE, EXAMPLE_ANCHOR = "ai/serving.md", "the-three-apps"   # the tested apps, one per framework
GUIDE_ANCHOR = "answer-step-by-step"


def outcome_anchor(node_id: str, *suffix: str) -> str:
    return dom_id("outcome", node_id, *suffix)


def framework_mark(guide: Guide, framework_id: str) -> str:
    """The framework's symbol and name, as the flowchart and results show an outcome (never colour alone)."""
    fw = guide.framework(framework_id)
    return f'<span class="fwg-mark" aria-hidden="true">{h(fw.symbol)}</span> {h(fw.name)}'


def guide_href(path: str) -> str:
    """A link that opens the step-by-step guide at a path (1-based answers, 2.1.3)."""
    return f"?guide={path}#{GUIDE_ANCHOR}" if path else f"#{GUIDE_ANCHOR}"


# ------------------------------------------------------------------ flowchart

def _flow_node(guide: Guide, node: Node, path: str, number: int) -> str:
    if node.is_outcome:
        return (f'<a class="fwg-flow__out" data-flow-path="{path}" data-framework="{h(node.recommend)}" '
                f'href="#{outcome_anchor(node.id)}">{framework_mark(guide, node.recommend)}: {h(node.title)}</a>')
    branches = []
    for i, answer in enumerate(node.answers, 1):
        child = f"{path}.{i}" if path else str(i)
        branches.append(f'<li class="fwg-flow__branch"><span class="fwg-flow__answer">{h(answer.label)}</span>'
                        f"{_flow_node(guide, guide.nodes[answer.next], child, number + 1)}</li>")
    return (f'<div class="fwg-flow__q" data-flow-path="{path}"><span class="fwg-flow__step">Q{number}</span> '
            f'{h(node.question)}</div><ul class="fwg-flow__branches">{"".join(branches)}</ul>')


def _legend(guide: Guide) -> str:
    marks = " · ".join(framework_mark(guide, fw.id) for fw in guide.frameworks)
    return f'<p class="fwg-flow__legend">Outcomes are marked by framework: {marks}.</p>'


@macro("decision_flowchart", footer=False)
def render_flowchart(guide: Guide) -> str:
    return lines(
        f'<figure class="fwg-flow" data-flowchart {NO_SEARCH} aria-labelledby="fwg-flow-caption">',
        f'<figcaption id="fwg-flow-caption">The decision flowchart: {len(guide.paths())} paths from the first '
        f'question to {len(guide.outcomes)} recommendations. Each branch is labelled with its answer; each '
        "recommendation links to its full result below.</figcaption>",
        _legend(guide),
        '<p class="fwg-flow__hint" id="fwg-flow-hint">If the chart is wider than your screen, scroll it sideways to '
        "follow the deepest branches.</p>",
        f'<div class="fwg-flow__tree" tabindex="0" role="region" aria-label="Decision flowchart" '
        f'aria-describedby="fwg-flow-hint">'
        f'{_flow_node(guide, guide.nodes[guide.start], "", 1)}</div>',
        "</figure>",
    )


# -------------------------------------------------------------------- results

def _list(items, hook: str = "") -> str:
    return f"<ul{hook}>" + "".join(f"<li>{h(item)}</li>" for item in items) + "</ul>"


def _why_not(guide: Guide, node: Node) -> str:
    rows = "".join(f'<li data-why-not="{h(fw.id)}"><strong>{framework_mark(guide, fw.id)}:</strong> '
                   f"{h(node.why_not[fw.id])}</li>" for fw in guide.frameworks if fw.id in node.why_not)
    return f"<h4>Why not the others</h4><ul>{rows}</ul>" if rows else ""


def _read_next(guide: Guide, node: Node, links: PageLinks) -> str:
    pages = [(links.href(src), links.title(src)) for src in node.read_next]
    fw = guide.framework(node.recommend)
    pages.append((f"{links.href(EXAMPLE_PAGE)}#{EXAMPLE_ANCHOR}", f"The tested {fw.name} example ({links.title(EXAMPLE_PAGE)})"))
    return "<ul>" + "".join(f"<li>{link(href, text)}</li>" for href, text in pages) + "</ul>"


def _paths_to(guide: Guide, node: Node) -> list[list]:
    return [steps for steps in guide.paths() if steps[-1][1].next == node.id]


def _reached_by(guide: Guide, node: Node) -> str:
    items = []
    for steps in _paths_to(guide, node):
        answers = " › ".join(answer.label for _q, answer in steps)
        items.append(f'<li>{h(answers)} ({link(guide_href(guide.path_of(steps)), "open in the guide")})</li>')
    return f'<ul class="fwg-outcome__paths" {NO_SEARCH}>{"".join(items)}</ul>'


def _scorer_notes(guide: Guide, node: Node) -> str:
    if not node.scorer_note:
        return ""
    rows = "".join(f"<li>If the scorer ranks {h(guide.framework(fw).name)} first: {h(note)}</li>"
                   for fw, note in node.scorer_note.items())
    return f'<h4>When the weighted scorer disagrees</h4><ul data-scorer-notes>{rows}</ul>'


def _sources(node: Node) -> str:
    cites = ", ".join(link(url, str(i), f"source {i} for this recommendation")
                      for i, url in enumerate(node.sources, 1))
    return f'<p class="fwg-src" {NO_SEARCH}>Sources: {cites}.</p>'


def render_result(guide: Guide, node: Node, links: PageLinks = DEFAULT_LINKS) -> str:
    """One outcome's full result: the sections the step-by-step guide also shows (it copies them)."""
    return (f'<section class="fwg-outcome" id="{outcome_anchor(node.id)}" data-outcome="{h(node.id)}" '
            f'data-framework="{h(node.recommend)}" aria-labelledby="{outcome_anchor(node.id, "title")}">'
            f'<h3 id="{outcome_anchor(node.id, "title")}">{framework_mark(guide, node.recommend)}: {h(node.title)}</h3>'
            f'<p class="fwg-outcome__reason">{h(node.reason)}</p>'
            f'<div class="fwg-outcome__sections" data-result-sections>'
            f"<h4>How to build it</h4>{_list(node.architecture, ' data-architecture')}"
            f"<h4>What you will add</h4>{_list(node.add, ' data-add')}"
            f"{_why_not(guide, node)}"
            f"<h4>When to reconsider</h4>{_list(node.reconsider, ' data-reconsider')}"
            f"<h4>Read next</h4>{_read_next(guide, node, links)}"
            f"{_sources(node)}</div>"
            f'<div class="fwg-outcome__static"><h4>Answers that lead here</h4>{_reached_by(guide, node)}'
            f"{_scorer_notes(guide, node)}</div></section>")


@macro("decision_results", footer=True)
def render_results(guide: Guide, links: PageLinks = DEFAULT_LINKS) -> str:
    parts = [render_result(guide, node, links) for node in guide.outcomes]
    return block("fwg-results", f'<div id="decision-tree-as-text">{"".join(parts)}</div>')


# ------------------------------------------------------------------ scenarios

def _scenario(guide: Guide, scenario) -> str:
    steps, node = guide.replay(scenario.answers)
    answers = " › ".join(scenario.answers)
    return (f'<li class="fwg-scenario" data-scenario="{h(scenario.id)}"><p><strong>{h(scenario.name)}</strong></p>'
            f'<p class="fwg-desc">Answers: {h(answers)}</p>'
            f'<p>Result: {link(guide_href(guide.path_of(steps)), f"{guide.framework(node.recommend).name}: {node.title}")}'
            f'</p><p class="fwg-desc">{h(scenario.note)}</p></li>')


@macro("decision_scenarios", footer=True)
def render_scenarios(guide: Guide) -> str:
    items = "".join(_scenario(guide, s) for s in guide.scenarios)
    return block("fwg-scenarios", f"<ol>{items}</ol>")
