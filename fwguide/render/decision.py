"""The decision tree drawn: as a Mermaid flowchart (drawn in the browser) and as text."""
from __future__ import annotations

import html

from fwguide.escape import mermaid_label
from fwguide.model import Guide, Node
from fwguide.registry import macro
from fwguide.render.html import block, h, lines


def node_ref(node_id: str) -> str:
    """Mermaid node id: prefixed (so 'end' or 'graph' can't clash) and underscore-separated."""
    return "n_" + node_id.replace("-", "_")


def outcome_text(guide: Guide, node: Node) -> str:
    return f"Choose {guide.framework(node.recommend).name}"


def mermaid_source(guide: Guide) -> str:
    out = ["flowchart TD",
           "  accTitle: Decision flowchart",
           "  accDescr: Questions lead through answers to a recommended framework. "
           "The same tree is written out as text below the diagram."]
    for node in guide.nodes.values():
        if node.is_outcome:
            out.append(f'  {node_ref(node.id)}(["{mermaid_label(outcome_text(guide, node))}"])')
        else:
            out.append(f'  {node_ref(node.id)}{{"{mermaid_label(node.question)}"}}')
    for node in guide.nodes.values():
        for answer in node.answers:
            out.append(f'  {node_ref(node.id)} -->|"{mermaid_label(answer.label)}"| {node_ref(answer.next)}')
    outcomes = ",".join(node_ref(n.id) for n in guide.nodes.values() if n.is_outcome)
    out.append("  classDef outcome stroke-width:3px")
    out.append(f"  class {outcomes} outcome")
    return "\n".join(out)


def _keep_lines(text: str) -> str:
    """Escape already-safe generated Mermaid for HTML, keeping its line breaks."""
    return "\n".join(html.escape(line, quote=False) for line in text.split("\n"))


@macro("decision_flowchart", footer=False)
def render_flowchart(guide: Guide) -> str:
    return lines(
        '<figure class="fwg-diagram">',
        f'<pre class="fwg-mermaid-src" hidden>{_keep_lines(mermaid_source(guide))}</pre>',
        '<div class="fwg-mermaid" role="img" aria-label="Decision flowchart; the text version follows."></div>',
        '<figcaption>The decision flowchart. The same tree, as text, is in '
        '<a href="#decision-tree-as-text">the decision tree as text</a>.</figcaption>',
        "</figure>",
    )


def _tree_items(guide: Guide, node: Node) -> str:
    if node.is_outcome:
        fw = guide.framework(node.recommend)
        return (f'<p class="fwg-outcome" data-outcome="{h(fw.id)}"><strong>Recommendation: {h(fw.name)}.</strong> '
                f'{h(node.reason)}</p>')
    answers = []
    for answer in node.answers:
        because = f" <em>{h(answer.because)}</em>" if answer.because else ""
        answers.append(f"<li><strong>{h(answer.label)}</strong>{because}"
                       f"{_tree_items(guide, guide.nodes[answer.next])}</li>")
    help_text = f' <span class="fwg-desc">{h(node.help)}</span>' if node.help else ""
    return f'<p class="fwg-question">{h(node.question)}{help_text}</p><ul>{"".join(answers)}</ul>'


@macro("decision_tree_text", footer=True)
def render_decision_text(guide: Guide) -> str:
    return block("fwg-tree", f'<section id="decision-tree-as-text" aria-label="Decision tree as text">'
                             f"{_tree_items(guide, guide.nodes[guide.start])}</section>")
