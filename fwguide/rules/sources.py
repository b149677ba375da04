from typing import Any
from urllib.parse import urlsplit

from fwguide.locate import where
from fwguide.rules import rule
from fwguide.rules._common import items


def official_prefixes(fw: dict) -> list[tuple[str, str]]:
    """(host, path prefix) pairs where a framework's own claims may be sourced."""
    out = []
    for key in ("homepage", "docs"):
        if isinstance(fw.get(key), str):
            out.append((urlsplit(fw[key]).hostname or "", ""))
    for key in ("repository", "package"):  # shared hosts: only below the project's own path
        if isinstance(fw.get(key), str):
            parts = urlsplit(fw[key])
            out.append((parts.hostname or "", parts.path.rstrip("/").lower()))
    return out


def is_official(url: str, prefixes: list[tuple[str, str]]) -> bool:
    parts = urlsplit(url)
    own = parts.path.lower()
    return any(parts.hostname == host and (not path or own == path or own.startswith(path + "/"))
               for host, path in prefixes)


def _official_claims(i: int, fw: dict) -> list[tuple[tuple, Any]]:
    claims = [(("frameworks", i, k), fw.get(k)) for k in ("version_source", "licence_source")]
    support = fw.get("support") if isinstance(fw.get("support"), dict) else {}
    claims += [(("frameworks", i, "support", k, "source"), c.get("source"))
               for k, c in support.items() if isinstance(c, dict) and c.get("level") == "built-in"]
    return claims


@rule("official-sources", "Claims that a feature is built in, the version and the licence cite the "
                          "framework's own site, docs, repository or package page (every URL's https form is "
                          "the schema's rule).")
def check_sources(data, report, today):
    for i, fw in items(data, "frameworks"):
        prefixes = official_prefixes(fw)
        for path, url in _official_claims(i, fw):
            if isinstance(url, str) and not is_official(url, prefixes):
                report(path, f"{where(data, path)}: {url!r} is not on the framework's own site, docs, "
                             f"repository or package page")
