"""Where generated content comes from and how to change it.

* ``footer``: the line under every generated table naming the data file, linking
  to edit it in the repository and saying when the data was last reviewed.
* ``Repository``: read once from ``mkdocs.yml`` (``extra.repository``).  MkDocs'
  own ``repo_url`` is deliberately not used: Material would then call the GitHub
  API from readers' browsers, a third-party request.
* ``render_rules`` / ``render_schema_keys``: the contributing page's tables,
  generated from ``validate.RULES`` and the data schema so they cannot drift.

Every value goes through ``escape.html_text``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from fwguide.escape import html_text as h
from fwguide.model import Guide

DEFAULT_DATA_FILE = "data/frameworks.yaml"


@dataclass(frozen=True)
class Repository:
    url: str | None = None
    branch: str = "main"
    data_file: str = DEFAULT_DATA_FILE

    @classmethod
    def from_config(cls, config: Any) -> "Repository":
        """From the MkDocs config (``extra.repository``); missing or odd values leave the link out."""
        extra = (config or {}).get("extra") or {}
        repo = extra.get("repository") if isinstance(extra, Mapping) else None
        if not isinstance(repo, Mapping):
            return cls()
        url = repo.get("url")
        parts = urlsplit(url) if isinstance(url, str) else None
        if not parts or parts.scheme != "https" or not parts.hostname:
            url = None
        branch = repo.get("branch") if isinstance(repo.get("branch"), str) and repo.get("branch") else "main"
        data_file = repo.get("data_file")
        if not isinstance(data_file, str) or not data_file.strip("/"):
            data_file = DEFAULT_DATA_FILE
        return cls(url.rstrip("/") if url else None, branch, data_file.strip("/"))

    def edit_url(self, path: str | None = None) -> str | None:
        """GitHub's edit page for a file on the configured branch."""
        if not self.url:
            return None
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path or self.data_file)}"


def reviewed_text(guide: Guide, framework_id: str | None = None) -> str:
    """HTML: one date when all agree, else each framework's date."""
    frameworks = [guide.framework(framework_id)] if framework_id else list(guide.frameworks)
    dates = sorted({fw.reviewed for fw in frameworks})
    if len(dates) == 1:
        return f'reviewed <time datetime="{h(dates[0])}">{h(dates[0])}</time>'
    return "reviewed " + ", ".join(f'{h(fw.name)} <time datetime="{h(fw.reviewed)}">{h(fw.reviewed)}</time>'
                                   for fw in frameworks)


def footer(guide: Guide, repo: Repository, framework_id: str | None = None) -> str:
    """One HTML line: generated from FILE · edit this data · reviewed DATE."""
    parts = [f"Generated from <code>{h(repo.data_file)}</code>"]
    edit = repo.edit_url()
    if edit:
        parts.append(f'<a href="{h(edit)}">edit this data</a>')
    parts.append(reviewed_text(guide, framework_id))
    return f'<p class="fwg-provenance">{" · ".join(parts)}</p>'


# ------------------------------------------------------------ contributing page

def render_rules(guide: Guide | None = None) -> str:
    """The semantic validation rules, from validate.RULES (a table)."""
    from fwguide.validate import RULES
    rows = [f'<tr><th scope="row"><code>{h(name)}</code></th><td>{h(text)}</td></tr>' for name, text in RULES]
    head = '<thead><tr><th scope="col">Rule</th><th scope="col">What it requires</th></tr></thead>'
    return "\n".join(['<div class="fwg-table fwg-rules">', "<table>",
                      f"<caption>Checks beyond the schema ({len(RULES)} rules)</caption>", head,
                      "<tbody>", *rows, "</tbody>", "</table>", "</div>"])


_TYPES = {"object": "mapping", "array": "list", "string": "text", "integer": "whole number",
          "boolean": "true or false", "number": "number"}


def _shape(prop: dict, schema: dict) -> str:
    def resolve(node: dict) -> dict:
        ref = node.get("$ref", "")
        return schema["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node

    prop = resolve(prop)
    if "const" in prop:
        return f"always {prop['const']!r}"
    kind = prop.get("type")
    if kind == "array":
        items = resolve(prop.get("items", {}))
        keys = items.get("required") or list(items.get("properties", {}))
        return f"list of mappings with keys {', '.join(keys)}" if keys else "list"
    if kind == "object":
        keys = prop.get("required") or list(prop.get("properties", {}))
        return f"mapping with keys {', '.join(keys)}" if keys else "mapping"
    return _TYPES.get(kind, "value") if isinstance(kind, str) else "value"


def render_schema_keys(guide: Guide | None = None) -> str:
    """The data file's top-level keys, from data/frameworks.schema.json (a table)."""
    from fwguide.validate import schema
    data_schema = schema()
    required = set(data_schema.get("required", []))
    rows = []
    for key, prop in data_schema.get("properties", {}).items():
        if key.startswith("$"):
            continue
        described = prop.get("description") or "—"
        rows.append(f'<tr><th scope="row"><code>{h(key)}</code></th>'
                    f'<td>{"yes" if key in required else "no"}</td><td>{h(_shape(prop, data_schema))}</td>'
                    f"<td>{h(described)}</td></tr>")
    head = ('<thead><tr><th scope="col">Key</th><th scope="col">Required</th><th scope="col">Shape</th>'
            '<th scope="col">Meaning</th></tr></thead>')
    return "\n".join(['<div class="fwg-table fwg-schema-keys">', "<table>",
                      "<caption>Top-level keys of the data file, from its JSON Schema</caption>", head,
                      "<tbody>", *rows, "</tbody>", "</table>", "</div>"])
