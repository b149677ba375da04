"""The feature matrix: the legend of support levels, one table per category, and tables of chosen
features for the topic pages.

A cell is one short line, in the manner of caniuse and MDN's compatibility tables: the level's
symbol and word (never colour alone) and the package where one is needed; the note and its source
sit in a disclosure under it.  On a narrow screen each feature becomes a card with one line per
framework (``guide.css``, "Tables as cards"), so the frameworks stay side by side.
"""
from __future__ import annotations

from fwguide.model import Cell, CategoryId, FeatureId, Feature, Framework, Guide
from fwguide.registry import macro
from fwguide.render.html import (block, card_label, disclosure, dom_id, h, head, hidden_text, source, table,
                                 th_row)

CARDS = "fwg-cards"   # the wrapper class that turns a table into cards on a narrow screen


def level_label(guide: Guide, level_id: str) -> str:
    return guide.level(level_id).label


def level_mark(guide: Guide, level_id: str) -> str:
    """The level as symbol and word, kept on one line."""
    level = guide.level(level_id)
    return (f'<span class="fwg-level fwg-level--{h(level.id)}"><span class="fwg-level__sym" aria-hidden="true">'
            f"{h(level.symbol)}</span> {h(level.label)}</span>")


def _note(fw: Framework, feature: Feature, cell: Cell) -> str:
    about = f"{fw.name}, {feature.name}"
    body = f'<p>{h(cell.note)} {source(cell.source, about)}</p>'
    return disclosure(f"Note {hidden_text(f'on {about}')}", body, "fwg-note")


def _cell(guide: Guide, fw: Framework, feature: Feature, cell: Cell) -> str:
    package = f' <code class="fwg-pkg">{h(cell.package)}</code>' if cell.package else ""
    return (f'<td data-level="{h(cell.level)}">{card_label(fw.name)}<span class="fwg-cell__line">'
            f"{level_mark(guide, cell.level)}{package}</span>{_note(fw, feature, cell)}</td>")


def named(name: str, description: str) -> str:
    """A row header's content: the name, then its description on a second line."""
    return f'{h(name)}<br><span class="fwg-desc">{h(description)}</span>'


def framework_head(guide: Guide, first: str) -> str:
    """The header row of a comparison table: the row-header column, then one column per framework."""
    return head(first, *(fw.name for fw in guide.frameworks))


def _feature_row(guide: Guide, feature: Feature) -> str:
    cells = "".join(_cell(guide, fw, feature, fw.support[feature.id]) for fw in guide.frameworks)
    return f'<tr id="{h(dom_id("feature", feature.id))}">{th_row(named(feature.name, feature.description))}{cells}</tr>'


def _matrix(guide: Guide, caption_html: str, features) -> str:
    rows = [_feature_row(guide, feature) for feature in features]
    return table(caption_html, framework_head(guide, "Feature"), rows, f"fwg-matrix {CARDS}")


@macro("support_legend", footer=True)
def render_legend(guide: Guide) -> str:
    rows = [f"<tr>{th_row(level_mark(guide, level.id))}<td>{h(level.description)}</td></tr>"
            for level in guide.levels]
    return block("fwg-legend", table("Legend: what each support level means", head("Support level", "Meaning"),
                                     rows, "fwg-legend-table"))


@macro("category_table", footer=True)
def render_category_table(guide: Guide, category_id: CategoryId) -> str:
    category = next(c for c in guide.categories if c.id == category_id)
    return _matrix(guide, f"{h(category.name)}: how each framework provides it", guide.features_in(category_id))


@macro("features_table", footer=True)
def render_features_table(guide: Guide, feature_ids: list[FeatureId]) -> str:
    """Only the named features (a topic page's rows), in the order given; the full matrix is on the
    comparison page."""
    features = [next(f for f in guide.features if f.id == fid) for fid in feature_ids]
    names = ", ".join(f.name for f in features)
    return _matrix(guide, f"{h(names)}: how each framework provides it", features)


@macro("feature_matrix", footer=True)
def render_feature_matrix(guide: Guide) -> str:
    return block("fwg-matrix-block", *(render_category_table(guide, c.id) for c in guide.categories))
