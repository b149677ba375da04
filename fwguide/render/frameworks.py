"""One framework at a time: its page (summary, facts, key features, ideal uses), the overview of all,
and the home page's short answer (each framework's verdict)."""
from __future__ import annotations

from urllib.parse import urlsplit

from fwguide.model import FrameworkId, Guide, Sourced
from fwguide.pages import framework_page
from fwguide.registry import macro
from fwguide.render.html import block, card_label, h, head, link, lines, source, table, th_row, time
from fwguide.render.links import PageLinks
from fwguide.render.matrix import CARDS
from fwguide.render.timeline import render_support_line


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
def render_framework_page(guide: Guide, framework_id: FrameworkId, links: PageLinks | None = None) -> str:
    """Everything the data says about one framework, in page order: a new framework's page needs only
    this call.  Its headings are Markdown (fixed words, no data) so they join the table of contents."""
    return lines(render_framework_summary(guide, framework_id), "",
                 render_identity(guide, framework_id), "",
                 render_support_line(guide, framework_id, links), "",
                 "## Key features", "", render_key_features(guide, framework_id), "",
                 "## Ideal uses", "", render_ideal_uses(guide, framework_id))


OVERVIEW_COLUMNS = ("Framework", "In short", "Latest version", "Role in this guide")


def _overview_row(fw) -> str:
    values = (h(fw.summary), f"{h(fw.latest_version)} (as of {h(fw.reviewed)})",
              "Main subject" if fw.role == "primary" else "Reference point")
    cells = "".join(f"<td>{card_label(name)}{value}</td>" for name, value in zip(OVERVIEW_COLUMNS[1:], values))
    return f"<tr>{th_row(h(fw.name))}{cells}</tr>"


@macro("frameworks_overview", footer=True)
def render_framework_overview(guide: Guide) -> str:
    rows = [_overview_row(fw) for fw in guide.frameworks]
    return block("fwg-overview", table("The frameworks compared", head(*OVERVIEW_COLUMNS), rows,
                                       f"fwg-overview-table {CARDS}"))


def _verdict(fw, links: PageLinks) -> str:
    name = link(links.href(framework_page(fw.id)), fw.name)
    return (f'<li data-verdict="{h(fw.id)}"><strong><span class="fwg-mark" aria-hidden="true">{h(fw.symbol)}</span> '
            f"{name}</strong> {h(fw.verdict)}</li>")


@macro("verdicts", footer=False)
def render_verdicts(guide: Guide, links: PageLinks = PageLinks("index.md")) -> str:
    """The short answer the home page opens with: when to pick each framework, from the data."""
    items = "".join(_verdict(fw, links) for fw in guide.frameworks)
    return block("fwg-verdicts", f'<ul class="fwg-verdicts__list">{items}</ul>')
