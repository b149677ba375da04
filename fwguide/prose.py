"""What the hand-written pages link to: every external link in ``docs/**/*.md``, with its link text
and the page's ``reviewed:`` date, read from the Markdown sources (pure: a folder in, data out).

The Sources page lists these beside the data's sources, so a link added to a page appears there on
the next build; ``tests/test_sources_complete.py`` checks the built site against it.  Links inside
fenced code blocks and code spans are not links and are skipped; macro calls are left to the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)")
# [text](url "title"), text may hold one level of brackets ([`x`] or [a [b] c])
INLINE = re.compile(r"\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?(https?://[^\s)>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
AUTOLINK = re.compile(r"<(https?://[^\s>]+)>")
HTML_A = re.compile(r"<a\s[^>]*?href=\"(https?://[^\"]+)\"[^>]*>(.*?)</a>", re.S)
REFERENCE = re.compile(r"^[ \t]{0,3}\[([^\]]+)\]:\s*<?(https?://\S+?)>?(?:\s+\"[^\"]*\")?\s*$", re.M)
MARKUP = re.compile(r"[`*]|<[^>]+>")


# libyaml's safe loader when PyYAML was built with it (the wheels are), else the pure-Python one:
# the same documents, several times faster on every page of every build.
_FRONT_MATTER_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class ProseLink:
    url: str
    text: str          # the link text as a reader sees it (no Markdown markup)
    page: str          # the page's source path under docs/, e.g. "ai/streaming.md"
    reviewed: str | None   # the page's `reviewed:` date, when it has one


def front_matter(text: str) -> dict:
    if not text.startswith("---\n") or "\n---" not in text[4:]:
        return {}
    loaded = yaml.load(text[4:text.index("\n---", 4)], Loader=_FRONT_MATTER_LOADER)
    return loaded if isinstance(loaded, dict) else {}


def without_fences(text: str) -> str:
    """The text with fenced code blocks blanked (line numbers kept)."""
    out, fence = [], None
    for line in text.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def plain(text: str) -> str:
    return " ".join(MARKUP.sub("", text).split())


def links_in(text: str) -> list[tuple[str, str]]:
    """(url, link text) of every external link in a Markdown text, in order of appearance."""
    body = without_fences(text)
    code = [m.span() for m in CODE_SPAN.finditer(body)]
    found = [(m.start(), m.group(2), plain(m.group(1))) for m in INLINE.finditer(body)]
    found += [(m.start(), m.group(1), m.group(1)) for m in AUTOLINK.finditer(body)]
    found += [(m.start(), m.group(1), plain(m.group(2))) for m in HTML_A.finditer(body)]
    found += [(m.start(), m.group(2), plain(m.group(1))) for m in REFERENCE.finditer(body)]
    return [(url, label) for at, url, label in sorted(found) if not any(a <= at < b for a, b in code)]


def page_links(docs_dir: Path) -> list[ProseLink]:
    """Every external link on every Markdown page under ``docs_dir``, page by page."""
    out = []
    for path in sorted(docs_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        reviewed = front_matter(text).get("reviewed")
        src = path.relative_to(docs_dir).as_posix()
        out += [ProseLink(url, label, src, str(reviewed) if reviewed else None) for url, label in links_in(text)]
    return out
