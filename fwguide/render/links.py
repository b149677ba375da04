"""Links between pages, resolved relative to the page being rendered.

MkDocs serves ``docs/frameworks/flask.md`` at ``frameworks/flask/`` (directory
URLs) or ``frameworks/flask.html``.  A renderer that links to another page takes
``links: PageLinks`` and asks ``links.href("frameworks/flask.md")``; the site glue
passes one bound to the current page, so a page can move without breaking links.
"""
from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PageLinks:
    page: str                      # the current page's source path under docs/, e.g. "decision.md"
    directory_urls: bool = True
    titles: dict[str, str] = field(default_factory=dict, compare=False)   # source path -> nav title

    def title(self, src: str) -> str:
        """The page's title in the navigation (or a readable form of its file name)."""
        return self.titles.get(src) or src.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize()

    def url_of(self, src: str) -> str:
        """The site-relative URL MkDocs gives a Markdown source path."""
        stem = src[:-3] if src.endswith(".md") else src
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            stem = stem[: -len("index")]
        return stem if not stem or stem.endswith("/") else stem + "/"

    def href(self, src: str) -> str:
        """The link from the current page to the page with source path ``src``."""
        target, here = self.url_of(src), self.url_of(self.page)
        base = here.rstrip("/") if self.directory_urls else posixpath.dirname(here)
        rel = _relpath(target.rstrip("/") or ".", base or ".")
        if rel == ".":
            return "./"
        return rel + "/" if self.directory_urls else rel


@functools.lru_cache(maxsize=4096)
def _relpath(target: str, base: str) -> str:
    """posixpath.relpath, remembered: the Sources page alone asks for the same few hundred pairs."""
    return posixpath.relpath(target, base)
