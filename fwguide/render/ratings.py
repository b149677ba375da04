"""The considerations table: each framework's rating, in words, with its reason and source.  On a
narrow screen each consideration becomes a card with one line per framework, like the matrix."""
from __future__ import annotations

from fwguide.model import Consideration, Framework, Guide, Rated
from fwguide.registry import macro
from fwguide.render.html import block, card_label, dom_id, h, source, table, th_row
from fwguide.render.matrix import CARDS, framework_head, named


def rating_text(guide: Guide, rated: Rated) -> str:
    return f"{rated.rating} of {guide.max_rating}: {guide.rating_label(rated.rating)}"


def _rated_cell(guide: Guide, fw: Framework, name: str, rated: Rated) -> str:
    return (f'<td data-rating="{rated.rating}">{card_label(fw.name)}<span class="fwg-cell__body"><strong>'
            f'{h(rating_text(guide, rated))}</strong><br>{h(rated.reason)} {source(rated.source, f"{fw.name}, {name}")}'
            "</span></td>")


def _from_answers_cell(guide: Guide, c: Consideration) -> str:
    rule = c.from_answers
    return (f'<td colspan="{len(guide.frameworks)}">Rated from your answers, not per framework: {rule.known} of '
            f"{guide.max_rating} for the framework your team knows best, {rule.other} for the others, and "
            f"{rule.unknown} for every framework when you have not said.</td>")


@macro("considerations_table", footer=True)
def render_considerations(guide: Guide, ai: bool | None = None) -> str:
    rows = []
    for c in (c for c in guide.considerations if ai is None or c.ai == ai):
        cells = _from_answers_cell(guide, c) if c.from_answers else "".join(
            _rated_cell(guide, fw, c.name, fw.considerations[c.id]) for fw in guide.frameworks)
        rows.append(f'<tr id="{h(dom_id("consideration", c.id))}">{th_row(named(c.name, c.question))}{cells}</tr>')
    scale = ", ".join(f"{v} {label}" for v, label in sorted(guide.rating_labels.items()))
    which = {None: "Every consideration", False: "General considerations", True: "AI-specific considerations"}[ai]
    caption = f"{which}, rated from 1 to {guide.max_rating} ({h(scale)}); higher is better for you"
    return block("fwg-considerations", table(caption, framework_head(guide, "Consideration"), rows, f"fwg-ratings {CARDS}"))
