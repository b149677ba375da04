"""One framework at a time: its page (summary, facts, key features, ideal uses) and the overview of all."""
from __future__ import annotations

from urllib.parse import urlsplit

from fwguide.model import FrameworkId, Guide, Sourced
from fwguide.registry import macro
from fwguide.render.html import block, h, head, link, lines, source, table, th_row, time


def _sourced_list(items: tuple[Sourced, ...], about: str) -> str:
    lis = "".join(f"<li>{h(i.text)} {source(i.source, about)}</li>" for i in items)
    return f'<ul class="fwg-list">{lis}</ul>'


def render_identity(guide: Guide, framework_id: FrameworkId) -> str:
    fw = guide.framework(framework_id)
    host = urlsplit(fw.repository).path.strip("/")
    rows = [
        ("Latest version", f"{h(fw.latest_version)}, released {h(fw.released)} (as of {h(fw.reviewed)}) "
                           f"{source(fw.version_source, f'{fw.name} version')}"),
        ("Python versions", h(", ".join(fw.python_versions))),
        ("Licence", f"{h(fw.licence)} {source(fw.licence_source, f'{fw.name} licence')}"),
        ("Website", link(fw.homepage, fw.homepage, searchable=False)),   # addresses: not prose to search
        ("Documentation", link(fw.docs, fw.docs, searchable=False)),
        ("Repository", link(fw.repository, host or fw.repository, searchable=False)),
        ("Package", link(fw.package, fw.package, searchable=False)),
        ("Data reviewed", time(fw.reviewed)),
    ]
    body = [f"<tr>{th_row(name)}<td>{value}</td></tr>" for name, value in rows]
    return block("fwg-identity", table(f"{h(fw.name)} at a glance", head("Fact", "Value"), body, "fwg-facts"))


def render_key_features(guide: Guide, framework_id: FrameworkId) -> str:
    fw = guide.framework(framework_id)
    return block("fwg-key-features", _sourced_list(fw.key_features, f"{fw.name} key feature"))


def render_ideal_uses(guide: Guide, framework_id: FrameworkId) -> str:
    fw = guide.framework(framework_id)
    return block("fwg-ideal-uses", _sourced_list(fw.ideal_uses, f"{fw.name} ideal use"))


def render_framework_summary(guide: Guide, framework_id: FrameworkId) -> str:
    fw = guide.framework(framework_id)
    return block("fwg-summary", f"<p>{h(fw.summary)}</p>")


@macro("framework_page", footer=True)
def render_framework_page(guide: Guide, framework_id: FrameworkId) -> str:
    """Everything the data says about one framework, in page order: a new framework's page needs only
    this call.  Its headings are Markdown (fixed words, no data) so they join the table of contents."""
    return lines(render_framework_summary(guide, framework_id), "",
                 render_identity(guide, framework_id), "",
                 "## Key features", "", render_key_features(guide, framework_id), "",
                 "## Ideal uses", "", render_ideal_uses(guide, framework_id))


@macro("frameworks_overview", footer=True)
def render_framework_overview(guide: Guide) -> str:
    rows = [f"<tr>{th_row(h(fw.name))}<td>{h(fw.summary)}</td>"
            f"<td>{h(fw.latest_version)} (as of {h(fw.reviewed)})</td>"
            f'<td>{"Main subject" if fw.role == "primary" else "Reference point"}</td></tr>'
            for fw in guide.frameworks]
    columns = head("Framework", "In short", "Latest version", "Role in this guide")
    return block("fwg-overview", table("The frameworks compared", columns, rows, "fwg-overview-table"))
