"""Where the facts come from: every external link on the site, grouped by site, and the review dates.

The Sources page is computed, never typed: the data's sources (each framework's facts, cells,
ratings and links, and every recommendation's sources) plus every external link on the hand-written
pages (``fwguide.prose``, read from the Markdown sources at build time).  A link added to a page or
to the data is listed on the next build; ``tests/test_sources_complete.py`` checks the built site.
Each entry shows the link text used on the pages (or, for a link only the data cites, what it
supports), its address, the pages that link to it and the newest date it was checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from fwguide.model import Guide
from fwguide.prose import page_links
from fwguide.registry import macro
from fwguide.render.html import NO_SEARCH, block, h, link, time
from fwguide.render.links import PageLinks

DEFAULT_LINKS = PageLinks("sources.md")


def cited_sources(guide: Guide) -> dict[str, dict[str, list[str]]]:
    """framework id -> source URL -> what it supports, in first-cited order."""
    out: dict[str, dict[str, list[str]]] = {}
    names = {f.id: f.name for f in guide.features} | {c.id: c.name for c in guide.considerations}
    for fw in guide.frameworks:
        cites: dict[str, list[str]] = {}
        entries = [(fw.version_source, "latest version and Python support"), (fw.licence_source, "licence")]
        entries += [(url, "release policy") for url in fw.release_policy.sources]
        for line in fw.release_lines:
            entries.append((line.source, f"release line {line.line}"))
            if line.python_source:
                entries.append((line.python_source, f"Python versions of {line.line}"))
        entries += [(item.source, "key feature") for item in fw.key_features]
        entries += [(item.source, "ideal use") for item in fw.ideal_uses]
        entries += [(cell.source, f"feature: {names[key]}") for key, cell in fw.support.items()]
        entries += [(rated.source, f"rating: {names[key]}") for key, rated in fw.considerations.items()]
        for url, what in entries:
            cites.setdefault(url, []).append(what)
        out[fw.id] = cites
    return out


@dataclass
class Entry:
    """One external address and everything the site says about it."""
    url: str
    texts: list[str] = field(default_factory=list)      # link texts used on the pages
    supports: list[str] = field(default_factory=list)   # what it supports in the data
    pages: list[str] = field(default_factory=list)      # pages (sources under docs/) that link to it
    checked: set[str] = field(default_factory=set)      # dates it was checked

    def add(self, attr: str, value: str) -> None:
        if value not in getattr(self, attr):
            getattr(self, attr).append(value)


def _data_links(guide: Guide) -> list[tuple[str, str, str | None]]:
    """(url, what it supports, date checked) for every address in the data."""
    out, cited = [], cited_sources(guide)
    for fw in guide.frameworks:
        facts = [(fw.homepage, "website"), (fw.docs, "documentation"), (fw.repository, "repository"),
                 (fw.package, "package page")]
        out += [(url, f"{fw.name} {what}", fw.reviewed) for url, what in facts]
        for url, whats in cited[fw.id].items():
            out += [(url, f"{fw.name}, {what}", fw.reviewed) for what in whats]
    for node in guide.outcomes:
        out += [(url, f"Recommendation: {node.title}", None) for url in node.sources]
    return out


def collect(guide: Guide, docs_dir: Path | None = None) -> dict[str, Entry]:
    """URL -> its entry, for the data's addresses and (given the docs folder) the pages' links."""
    entries: dict[str, Entry] = {}
    for url, what, date in _data_links(guide):
        entry = entries.setdefault(url, Entry(url))
        entry.add("supports", what)
        entry.checked |= {date} if date else set()
    for found in page_links(docs_dir) if docs_dir else []:
        entry = entries.setdefault(found.url, Entry(found.url))
        entry.add("texts", found.text)
        entry.add("pages", found.page)
        entry.checked |= {found.reviewed} if found.reviewed else set()
    return entries


def site_of(url: str) -> str:
    return urlsplit(url).hostname or url


def _site_names(guide: Guide) -> dict[str, str]:
    """Host -> the framework whose own site it is (flask.palletsprojects.com -> Flask)."""
    return {site_of(url): fw.name for fw in guide.frameworks for url in (fw.homepage, fw.docs)}


def label_of(entry: Entry) -> str:
    """The most telling words for a link: the longest text the pages use for it, else what it supports."""
    return max(entry.texts, key=len) if entry.texts else entry.supports[0]


def _entry(entry: Entry, links: PageLinks) -> str:
    label = label_of(entry)
    parts = urlsplit(entry.url)
    address = parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    notes = []
    supports = [s for s in entry.supports if s != label]
    if supports:
        notes.append(f"Supports: {h('; '.join(supports))}.")
    if entry.pages:
        notes.append("Linked from " + ", ".join(link(links.href(p), links.title(p)) for p in entry.pages) + ".")
    if entry.checked:
        notes.append(f"Checked {time(max(entry.checked))}.")
    details = f'<br><span class="fwg-desc">{" ".join(notes)}</span>' if notes else ""
    return f'<li data-url="{h(entry.url)}">{link(entry.url, label)} <span class="fwg-url">{h(address)}</span>{details}</li>'



def _site(guide: Guide, host: str, entries: list[Entry], links: PageLinks) -> str:
    name = _site_names(guide).get(host)
    title = f"{h(host)} ({h(name)})" if name else h(host)
    items = "".join(_entry(e, links) for e in sorted(entries, key=lambda e: e.url))
    return (f'<section class="fwg-site" data-site="{h(host)}"><h2 id="site-{h(host.replace(".", "-"))}">{title} '
            f'<span class="fwg-desc">({len(entries)})</span></h2><ul class="fwg-site__links" {NO_SEARCH}>{items}</ul>'
            "</section>")


def _site_order(guide: Guide, host: str) -> tuple:
    """The frameworks' own sites first, in data order, then every other site alphabetically."""
    names = list(dict.fromkeys(_site_names(guide).values()))
    framework = _site_names(guide).get(host)
    return (names.index(framework) if framework else len(names), host)


@macro("sources_list", footer=True)
def render_sources(guide: Guide, links: PageLinks = DEFAULT_LINKS, docs_dir: Path | None = None) -> str:
    by_site: dict[str, list[Entry]] = {}
    for entry in collect(guide, docs_dir).values():
        by_site.setdefault(site_of(entry.url), []).append(entry)
    count = sum(len(v) for v in by_site.values())
    summary = f'<p class="fwg-sources__count">{count} addresses on {len(by_site)} sites.</p>'
    sites = [_site(guide, host, by_site[host], links) for host in sorted(by_site, key=lambda s: _site_order(guide, s))]
    return block("fwg-sources-block", summary, *sites)


@macro("reviewed_stamp", footer=False)
def render_reviewed(guide: Guide) -> str:
    items = ", ".join(f"{h(fw.name)} {time(fw.reviewed)}" for fw in guide.frameworks)
    return block("fwg-reviewed", f'<p class="fwg-stamp">Data last reviewed: {items}.</p>')
