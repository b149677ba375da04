"""The repository the site's data lives in, for the "edit this data" links.

Read once from ``mkdocs.yml`` (``extra.repository``).  MkDocs' own ``repo_url``
is deliberately not used: Material would then call the GitHub API from readers'
browsers, a third-party request.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from fwguide.paths import DATA_REL


@dataclass(frozen=True)
class Repository:
    url: str | None = None
    branch: str = "main"
    data_file: str = DATA_REL

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
            data_file = DATA_REL
        return cls(url.rstrip("/") if url else None, branch, data_file.strip("/"))

    def edit_url(self, path: str | None = None) -> str | None:
        """GitHub's edit page for a file on the configured branch."""
        if not self.url:
            return None
        return f"{self.url}/edit/{quote(self.branch)}/{quote(path or self.data_file)}"
