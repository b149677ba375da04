"""Where the facts come from: every cited source per framework, and the review dates."""
from __future__ import annotations

from fwguide.model import Guide
from fwguide.registry import macro
from fwguide.render.html import block, h, head, link, table, time


def cited_sources(guide: Guide) -> dict[str, dict[str, list[str]]]:
    """framework id -> source URL -> what it supports, in first-cited order."""
    out: dict[str, dict[str, list[str]]] = {}
    names = {f.id: f.name for f in guide.features} | {c.id: c.name for c in guide.considerations}
    for fw in guide.frameworks:
        cites: dict[str, list[str]] = {}
        entries = [(fw.version_source, "latest version and Python support"), (fw.licence_source, "licence")]
        entries += [(item.source, "key feature") for item in fw.key_features]
        entries += [(item.source, "ideal use") for item in fw.ideal_uses]
        entries += [(cell.source, f"feature: {names[key]}") for key, cell in fw.support.items()]
        entries += [(rated.source, f"rating: {names[key]}") for key, rated in fw.considerations.items()]
        for url, what in entries:
            cites.setdefault(url, []).append(what)
        out[fw.id] = cites
    return out


@macro("sources_list", footer=True)
def render_sources(guide: Guide) -> str:
    parts = []
    for fw_id, cites in cited_sources(guide).items():
        fw = guide.framework(fw_id)
        rows = [f'<tr><td>{link(url, url)}</td><td>{h("; ".join(dict.fromkeys(what)))}</td>'
                f"<td>{time(fw.reviewed)}</td></tr>" for url, what in cites.items()]
        parts.append(table(f"Sources for {h(fw.name)} ({len(cites)})", head("Source", "Supports", "Checked"),
                           rows, "fwg-sources", searchable=False))
    return block("fwg-sources-block", *parts)


@macro("reviewed_stamp", footer=False)
def render_reviewed(guide: Guide) -> str:
    items = ", ".join(f"{h(fw.name)} {time(fw.reviewed)}" for fw in guide.frameworks)
    return block("fwg-reviewed", f'<p class="fwg-stamp">Data last reviewed: {items}.</p>')
