"""The release and support timeline: each framework's policy and release lines (endoflife.date style),
and the one-line summary on each framework's page."""
from __future__ import annotations

import calendar
import datetime as dt

from fwguide.model import FrameworkId, Guide, ReleaseLine
from fwguide.registry import macro
from fwguide.render.html import NO_SEARCH, block, card_label, dom_id, h, head, link, source, table, th_row
from fwguide.render.matrix import CARDS
from fwguide.render.links import PageLinks

RELEASES_PAGE = "releases.md"
STATUS_TEXT = {"supported": "Bug and security fixes", "extended": "Security and data-loss fixes only",
               "ended": "Ended: no fixes"}
STATUS_SHORT = {"supported": "bug and security fixes", "extended": "security fixes"}


def when(value: str | None) -> str:
    """A date (YYYY-MM-DD) or a month (YYYY-MM) in words, in a <time> element; '' for none."""
    if not value:
        return ""
    if len(value) == 7:
        words = f"{calendar.month_name[int(value[5:7])]} {value[:4]}"
    else:
        day = dt.date.fromisoformat(value)
        words = f"{day.day} {calendar.month_name[day.month]} {day.year}"
    return f'<time datetime="{h(value)}">{h(words)}</time>'


def line_name(line: ReleaseLine) -> str:
    return f"{line.line} LTS" if line.lts else line.line


def _until(line: ReleaseLine, key: str) -> str:
    value = getattr(line, key)
    if value:
        return when(value)
    return "—" if line.status == "ended" else "No date set"


def python_range(versions: tuple[str, ...]) -> str:
    """3.12, 3.13, 3.14 -> "3.12 to 3.14" when the minors run without a gap, else the list."""
    if not versions:
        return "—"
    minors = [int(v.split(".")[1]) for v in versions]
    if len(versions) > 2 and minors == list(range(minors[0], minors[0] + len(minors))):
        return f"{versions[0]} to {versions[-1]}"
    return ", ".join(versions)


COLUMNS = ("Release line", "First released", "Status", "Bug fixes until", "Security fixes until", "Python")


def _row(line: ReleaseLine) -> str:
    cells = [when(line.released) or "—", h(STATUS_TEXT[line.status]), _until(line, "mainstream_end"),
             _until(line, "security_end"), h(python_range(line.python_versions))]
    body = "".join(f"<td>{card_label(name)}<span>{c}</span></td>" for name, c in zip(COLUMNS[1:], cells))
    head_cell = f"{h(line_name(line))}<br><span class=\"fwg-desc\">latest {h(line.latest)}</span>"
    return f'<tr data-status="{h(line.status)}">{th_row(head_cell)}{body}</tr>'


def _notes(fw_name: str, line: ReleaseLine) -> str:
    about = f"{fw_name} {line.line}"
    links = [link(line.source, "support dates", f"source: {about} support dates")]
    if line.python_source:
        links.append(link(line.python_source, "Python versions", f"source: {about} Python versions"))
    note = f"{h(line.note)} " if line.note else ""
    return f"<li><strong>{h(line_name(line))}</strong>: {note}Sources: {', '.join(links)}.</li>"


def _policy(fw) -> str:
    sources = " ".join(source(url, f"{fw.name} release policy") for url in fw.release_policy.sources)
    return f'<p class="fwg-policy"><strong>{h(fw.name)}:</strong> {h(fw.release_policy.text)} {sources}</p>'


@macro("release_timeline", footer=True)
def render_timeline(guide: Guide) -> str:
    """Every framework's release policy, its release lines (newest first) and their sources."""
    parts = []
    columns = head(*COLUMNS)
    for fw in guide.frameworks:
        parts.append(_policy(fw))
        rows = [_row(line) for line in fw.release_lines]
        caption = f"{h(fw.name)} release lines, as of {h(fw.reviewed)}"
        parts.append(table(caption, columns, rows, f"fwg-releases {CARDS}", f' id="{dom_id("releases", fw.id)}"'))
        notes = "".join(_notes(fw.name, line) for line in fw.release_lines)
        parts.append(f'<ul class="fwg-list" {NO_SEARCH}>{notes}</ul>')   # notes and their sources
    return block("fwg-timeline", *parts)


def _phrase(line: ReleaseLine) -> str:
    name = h(line_name(line))
    if line.status == "extended":
        return f"{name}: {STATUS_SHORT[line.status]} until {when(line.security_end)}"
    if not line.mainstream_end:
        return f"{name}: bug and security fixes, no end date set"
    until = f"{name}: bug and security fixes until {when(line.mainstream_end)}"
    return f"{until}, security fixes until {when(line.security_end)}" if line.security_end else until


def render_support_line(guide: Guide, framework_id: FrameworkId, links: PageLinks | None = None) -> str:
    """One sentence for a framework's page: the lines that still get fixes, and a link to the timeline."""
    fw = guide.framework(framework_id)
    links = links or PageLinks(f"frameworks/{framework_id}.md")
    active = [_phrase(line) for line in fw.release_lines if line.status != "ended"]
    lts = "" if fw.release_policy.lts else " No long-term support releases."
    more = link(links.href(RELEASES_PAGE), "Release and support timeline")
    return block("fwg-support-line", f'<p><strong>Supported releases</strong> (as of {h(fw.reviewed)}): '
                                     f'{"; ".join(active)}.{lts} {more}.</p>')
