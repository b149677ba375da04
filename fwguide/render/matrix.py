"""The feature matrix: the legend of support levels and one table per category."""
from __future__ import annotations

from fwguide.model import Cell, CategoryId, Framework, Guide
from fwguide.registry import macro
from fwguide.render.html import block, dom_id, h, head, source, table, th_row


def level_label(guide: Guide, level_id: str) -> str:
    return guide.level(level_id).label


def _level(level_id: str, label: str) -> str:
    return f'<strong class="fwg-level fwg-level--{h(level_id)}">{h(label)}</strong>'


def _cell(guide: Guide, fw: Framework, feature_name: str, cell: Cell) -> str:
    package = f" <code>{h(cell.package)}</code>" if cell.package else ""
    note = f'<br>{h(cell.note)} {source(cell.source, f"{fw.name}, {feature_name}")}'
    return f'<td data-level="{h(cell.level)}">{_level(cell.level, level_label(guide, cell.level))}{package}{note}</td>'


def named(name: str, description: str) -> str:
    """A row header's content: the name, then its description on a second line."""
    return f'{h(name)}<br><span class="fwg-desc">{h(description)}</span>'


def framework_head(guide: Guide, first: str) -> str:
    """The header row of a comparison table: the row-header column, then one column per framework."""
    return head(first, *(fw.name for fw in guide.frameworks))


@macro("support_legend", footer=True)
def render_legend(guide: Guide) -> str:
    rows = [f"<tr>{th_row(_level(level.id, level.label))}<td>{h(level.description)}</td></tr>"
            for level in guide.levels]
    return block("fwg-legend", table("Legend: what each support level means", head("Support level", "Meaning"),
                                     rows, "fwg-legend-table"))


@macro("category_table", footer=True)
def render_category_table(guide: Guide, category_id: CategoryId) -> str:
    category = next(c for c in guide.categories if c.id == category_id)
    rows = []
    for feature in guide.features_in(category_id):
        cells = "".join(_cell(guide, fw, feature.name, fw.support[feature.id]) for fw in guide.frameworks)
        rows.append(f'<tr id="{h(dom_id("feature", feature.id))}">{th_row(named(feature.name, feature.description))}{cells}</tr>')
    caption = f"{h(category.name)}: how each framework provides it"
    return table(caption, framework_head(guide, "Feature"), rows, "fwg-matrix")


@macro("feature_matrix", footer=True)
def render_feature_matrix(guide: Guide) -> str:
    return block("fwg-matrix-block", *(render_category_table(guide, c.id) for c in guide.categories))
