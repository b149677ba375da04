"""Pure renderers: ``Guide -> str``.  Output is HTML (tables with captions and
header cells) or Mermaid; every value from the data goes through ``escape``.

Each block is emitted without blank lines and with every line starting with a
tag, so Markdown keeps it as one raw HTML block and never parses data text.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from fwguide.escape import html_text as h
from fwguide.escape import mermaid_label
from fwguide.model import Cell, Framework, Guide, Node, Rated

SOURCE_TEXT = "source"


def _link(url: str, text: str, label: str | None = None) -> str:
    aria = f' aria-label="{h(label)}"' if label else ""
    return f'<a href="{h(url)}"{aria}>{h(text)}</a>'


def _source(url: str, about: str) -> str:
    return f'<span class="fwg-src">({_link(url, SOURCE_TEXT, f"{SOURCE_TEXT}: {about}")})</span>'


def _header(guide: Guide, first: str) -> str:
    cells = "".join(f'<th scope="col">{h(fw.name)}</th>' for fw in guide.frameworks)
    return f'<thead><tr><th scope="col">{h(first)}</th>{cells}</tr></thead>'


def _table(caption: str, head: str, rows: list[str], css: str) -> str:
    return "\n".join([f'<div class="fwg-table {css}">', "<table>", f"<caption>{caption}</caption>", head,
                      "<tbody>", *rows, "</tbody>", "</table>", "</div>"])


def _block(css: str, *parts: str) -> str:
    return "\n".join([f'<div class="{css}">', *parts, "</div>"])


# ------------------------------------------------------------------ matrix

def level_label(guide: Guide, level_id: str) -> str:
    return guide.level(level_id).label


def _cell(guide: Guide, fw: Framework, feature_name: str, cell: Cell) -> str:
    parts = [f'<strong class="fwg-level fwg-level--{h(cell.level)}">{h(level_label(guide, cell.level))}</strong>']
    if cell.package:
        parts.append(f' <code>{h(cell.package)}</code>')
    parts.append(f'<br>{h(cell.note)} {_source(cell.source, f"{fw.name}, {feature_name}")}')
    return f'<td data-level="{h(cell.level)}">{"".join(parts)}</td>'


def render_legend(guide: Guide) -> str:
    rows = [f'<tr><th scope="row"><strong class="fwg-level fwg-level--{h(level.id)}">{h(level.label)}'
            f'</strong></th><td>{h(level.description)}</td></tr>' for level in guide.levels]
    head = '<thead><tr><th scope="col">Support level</th><th scope="col">Meaning</th></tr></thead>'
    return _block("fwg-legend", _table("Legend: what each support level means", head, rows, "fwg-legend-table"))


def render_category_table(guide: Guide, category_id: str) -> str:
    category = next(c for c in guide.categories if c.id == category_id)
    rows = []
    for feature in guide.features_in(category_id):
        cells = "".join(_cell(guide, fw, feature.name, fw.support[feature.id]) for fw in guide.frameworks)
        rows.append(f'<tr id="feature-{h(feature.id)}"><th scope="row">{h(feature.name)}'
                    f'<br><span class="fwg-desc">{h(feature.description)}</span></th>{cells}</tr>')
    caption = f"{h(category.name)}: how each framework provides it"
    return _table(caption, _header(guide, "Feature"), rows, "fwg-matrix")


def render_feature_matrix(guide: Guide) -> str:
    tables = [render_category_table(guide, c.id) for c in guide.categories]
    return _block("fwg-matrix-block", *tables)


# ------------------------------------------------------------ considerations

def rating_text(guide: Guide, rated: Rated) -> str:
    return f"{rated.rating} of {guide.max_rating}: {guide.rating_label(rated.rating)}"


def _rated_cell(guide: Guide, fw: Framework, name: str, rated: Rated) -> str:
    return (f'<td data-rating="{rated.rating}"><strong>{h(rating_text(guide, rated))}</strong>'
            f'<br>{h(rated.reason)} {_source(rated.source, f"{fw.name}, {name}")}</td>')


def render_considerations(guide: Guide, ai: bool | None = None) -> str:
    chosen = [c for c in guide.considerations if ai is None or c.ai == ai]
    rows = []
    for c in chosen:
        cells = "".join(_rated_cell(guide, fw, c.name, fw.considerations[c.id]) for fw in guide.frameworks)
        rows.append(f'<tr id="consideration-{h(c.id)}"><th scope="row">{h(c.name)}'
                    f'<br><span class="fwg-desc">{h(c.question)}</span></th>{cells}</tr>')
    scale = ", ".join(f"{v} {label}" for v, label in sorted(guide.rating_labels.items()))
    caption = f"Ratings from 1 to {guide.max_rating} ({h(scale)}); higher is better for you"
    return _block("fwg-considerations", _table(caption, _header(guide, "Consideration"), rows, "fwg-ratings"))


# --------------------------------------------------------------- frameworks

def _sourced_list(items, about: str) -> str:
    lis = "".join(f"<li>{h(i.text)} {_source(i.source, about)}</li>" for i in items)
    return f'<ul class="fwg-list">{lis}</ul>'


def render_identity(guide: Guide, framework_id: str) -> str:
    fw = guide.framework(framework_id)
    host = urlsplit(fw.repository).path.strip("/")
    rows = [
        ("Latest version", f"{h(fw.latest_version)}, released {h(fw.released)} (as of {h(fw.reviewed)}) "
                           f"{_source(fw.version_source, f'{fw.name} version')}"),
        ("Python versions", h(", ".join(fw.python_versions))),
        ("Licence", f"{h(fw.licence)} {_source(fw.licence_source, f'{fw.name} licence')}"),
        ("Website", _link(fw.homepage, fw.homepage)),
        ("Documentation", _link(fw.docs, fw.docs)),
        ("Repository", _link(fw.repository, host or fw.repository)),
        ("Package", _link(fw.package, fw.package)),
        ("Data reviewed", f'<time datetime="{h(fw.reviewed)}">{h(fw.reviewed)}</time>'),
    ]
    body = [f'<tr><th scope="row">{name}</th><td>{value}</td></tr>' for name, value in rows]
    head = '<thead><tr><th scope="col">Fact</th><th scope="col">Value</th></tr></thead>'
    return _block("fwg-identity", _table(f"{h(fw.name)} at a glance", head, body, "fwg-facts"))


def render_key_features(guide: Guide, framework_id: str) -> str:
    fw = guide.framework(framework_id)
    return _block("fwg-key-features", _sourced_list(fw.key_features, f"{fw.name} key feature"))


def render_ideal_uses(guide: Guide, framework_id: str) -> str:
    fw = guide.framework(framework_id)
    return _block("fwg-ideal-uses", _sourced_list(fw.ideal_uses, f"{fw.name} ideal use"))


def render_framework_summary(guide: Guide, framework_id: str) -> str:
    fw = guide.framework(framework_id)
    return _block("fwg-summary", f"<p>{h(fw.summary)}</p>")


def render_framework_overview(guide: Guide) -> str:
    rows = [f'<tr><th scope="row">{h(fw.name)}</th><td>{h(fw.summary)}</td>'
            f'<td>{h(fw.latest_version)} (as of {h(fw.reviewed)})</td>'
            f'<td>{"Main subject" if fw.role == "primary" else "Reference point"}</td></tr>'
            for fw in guide.frameworks]
    head = ('<thead><tr><th scope="col">Framework</th><th scope="col">In short</th>'
            '<th scope="col">Latest version</th><th scope="col">Role in this guide</th></tr></thead>')
    return _block("fwg-overview", _table("The frameworks compared", head, rows, "fwg-overview-table"))


# ------------------------------------------------------------------ decision

def node_ref(node_id: str) -> str:
    """Mermaid node id: prefixed (so 'end' or 'graph' can't clash) and underscore-separated."""
    return "n_" + node_id.replace("-", "_")


def outcome_text(guide: Guide, node: Node) -> str:
    return f"Choose {guide.framework(node.recommend).name}"


def mermaid_source(guide: Guide) -> str:
    lines = ["flowchart TD",
             "  accTitle: Decision flowchart",
             "  accDescr: Questions lead through answers to a recommended framework. "
             "The same tree is written out as text below the diagram."]
    for node in guide.nodes.values():
        if node.is_outcome:
            lines.append(f'  {node_ref(node.id)}(["{mermaid_label(outcome_text(guide, node))}"])')
        else:
            lines.append(f'  {node_ref(node.id)}{{"{mermaid_label(node.question)}"}}')
    for node in guide.nodes.values():
        for answer in node.answers:
            lines.append(f'  {node_ref(node.id)} -->|"{mermaid_label(answer.label)}"| {node_ref(answer.next)}')
    outcomes = ",".join(node_ref(n.id) for n in guide.nodes.values() if n.is_outcome)
    lines.append("  classDef outcome stroke-width:3px")
    lines.append(f"  class {outcomes} outcome")
    return "\n".join(lines)


def render_flowchart(guide: Guide) -> str:
    return "\n".join([
        '<figure class="fwg-diagram">',
        f'<pre class="fwg-mermaid-src" hidden>{h_keep_lines(mermaid_source(guide))}</pre>',
        '<div class="fwg-mermaid" role="img" aria-label="Decision flowchart; the text version follows."></div>',
        '<figcaption>The decision flowchart. The same tree, as text, is in '
        '<a href="#decision-tree-as-text">the decision tree as text</a>.</figcaption>',
        "</figure>",
    ])


def h_keep_lines(text: str) -> str:
    """Escape already-safe generated Mermaid for HTML, keeping its line breaks."""
    import html
    return "\n".join(html.escape(line, quote=False) for line in text.split("\n"))


def _tree_items(guide: Guide, node: Node, depth: int) -> str:
    if node.is_outcome:
        fw = guide.framework(node.recommend)
        return (f'<p class="fwg-outcome" data-outcome="{h(fw.id)}"><strong>Recommendation: {h(fw.name)}.</strong> '
                f'{h(node.reason)}</p>')
    answers = []
    for answer in node.answers:
        because = f' <em>{h(answer.because)}</em>' if answer.because else ""
        answers.append(f"<li><strong>{h(answer.label)}</strong>{because}"
                       f"{_tree_items(guide, guide.nodes[answer.next], depth + 1)}</li>")
    help_text = f' <span class="fwg-desc">{h(node.help)}</span>' if node.help else ""
    return f'<p class="fwg-question">{h(node.question)}{help_text}</p><ul>{"".join(answers)}</ul>'


def render_decision_text(guide: Guide) -> str:
    return _block("fwg-tree", f'<section id="decision-tree-as-text" aria-label="Decision tree as text">'
                              f'{_tree_items(guide, guide.nodes[guide.start], 0)}</section>')


# ------------------------------------------------------------------- sources

def cited_sources(guide: Guide) -> dict[str, dict[str, list[str]]]:
    """framework id -> source URL -> what it supports, in first-cited order."""
    out: dict[str, dict[str, list[str]]] = {}
    names = {f.id: f.name for f in guide.features} | {c.id: c.name for c in guide.considerations}
    for fw in guide.frameworks:
        cites: dict[str, list[str]] = {}

        def add(url: str, what: str) -> None:
            cites.setdefault(url, []).append(what)

        add(fw.version_source, "latest version and Python support")
        add(fw.licence_source, "licence")
        for item in fw.key_features:
            add(item.source, "key feature")
        for item in fw.ideal_uses:
            add(item.source, "ideal use")
        for key, cell in fw.support.items():
            add(cell.source, f"feature: {names[key]}")
        for key, rated in fw.considerations.items():
            add(rated.source, f"rating: {names[key]}")
        out[fw.id] = cites
    return out


def render_sources(guide: Guide) -> str:
    parts = []
    for fw_id, cites in cited_sources(guide).items():
        fw = guide.framework(fw_id)
        rows = [f'<tr><td>{_link(url, url)}</td><td>{h("; ".join(dict.fromkeys(what)))}</td>'
                f'<td><time datetime="{h(fw.reviewed)}">{h(fw.reviewed)}</time></td></tr>'
                for url, what in cites.items()]
        head = ('<thead><tr><th scope="col">Source</th><th scope="col">Supports</th>'
                '<th scope="col">Checked</th></tr></thead>')
        parts.append(_table(f"Sources for {h(fw.name)} ({len(cites)})", head, rows, "fwg-sources"))
    return _block("fwg-sources-block", *parts)


def render_reviewed(guide: Guide) -> str:
    items = ", ".join(f'{h(fw.name)} <time datetime="{h(fw.reviewed)}">{h(fw.reviewed)}</time>'
                      for fw in guide.frameworks)
    return _block("fwg-reviewed", f'<p class="fwg-stamp">Data last reviewed: {items}.</p>')
