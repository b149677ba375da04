"""The line under every generated table: which file it comes from, a link to edit that file in
the repository (when one is configured) and when the data was last reviewed."""
from __future__ import annotations

from fwguide.model import Guide
from fwguide.render.html import NO_SEARCH, h, time
from fwguide.repository import Repository


def reviewed_text(guide: Guide, framework_id: str | None = None) -> str:
    """HTML: one date when all agree, else each framework's date."""
    frameworks = [guide.framework(framework_id)] if framework_id else list(guide.frameworks)
    dates = sorted({fw.reviewed for fw in frameworks})
    if len(dates) == 1:
        return f"reviewed {time(dates[0])}"
    return "reviewed " + ", ".join(f"{h(fw.name)} {time(fw.reviewed)}" for fw in frameworks)


def footer(guide: Guide, repo: Repository, framework_id: str | None = None) -> str:
    """One HTML line: generated from FILE · edit this data · reviewed DATE."""
    parts = [f"Generated from <code>{h(repo.data_file)}</code>"]
    edit = repo.edit_url()
    if edit:
        parts.append(f'<a href="{h(edit)}">edit this data</a>')
    parts.append(reviewed_text(guide, framework_id))
    return f'<p class="fwg-provenance" {NO_SEARCH}>{" · ".join(parts)}</p>'
