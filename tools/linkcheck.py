"""Check every external link of the built site online.  Opt-in (`make linkcheck`): it needs the
internet, so it is not part of `make test`; its logic is tested offline in tests/test_linkcheck.py.

    python tools/linkcheck.py [--site DIR] [--ignore FILE] [--timeout S] [--retries N] [--concurrency N]

Without --site it builds the site strictly into a temporary folder first.  Each URL is fetched
once (fragments dropped): HEAD first, GET when HEAD is refused; network errors, timeouts, 429 and
5xx answers are retried with exponential backoff; a 4xx answer to both is final.  At most
--concurrency requests run at once, and at most two per host.  URLs matching a line of the ignore
file (linkcheck-ignore.txt; each entry says why) are listed but not fetched.  Exit status 1 when
any link is broken.
"""
from __future__ import annotations

import argparse
import fnmatch
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "linkcheck-ignore.txt"
USER_AGENT = "fwguide-linkcheck/1 (link checker of a static documentation site)"

# tag -> attributes that hold a URL
URL_ATTRS = {"a": ("href",), "link": ("href",), "script": ("src",), "img": ("src", "srcset"),
             "iframe": ("src",), "source": ("src", "srcset"), "video": ("src", "poster"),
             "audio": ("src",), "form": ("action",), "object": ("data",), "embed": ("src",)}
TRANSIENT = {408, 425, 429, 500, 502, 503, 504}

Fetch = Callable[[str, str, float], int]  # (url, method, timeout) -> HTTP status; raises OSError


# ------------------------------------------------------------------ collecting links

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (tag, url)

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") == "canonical":
            return  # the page's own published address (site_url): neither loaded nor cited
        for name, value in attrs:
            if name in URL_ATTRS.get(tag, ()) and value is not None:
                if name == "srcset":
                    self.found += [(tag, part.strip().split(" ")[0]) for part in value.split(",") if part.strip()]
                else:
                    self.found.append((tag, value))


def links_in_html(text: str) -> list[tuple[str, str]]:
    """Every (tag, url) in an HTML document, entities decoded."""
    parser = _Links()
    parser.feed(text)
    parser.close()
    return parser.found


def is_external(url: str) -> bool:
    """True for a URL that names a scheme or a host, i.e. one that does not stay inside the site."""
    stripped = url.strip()
    return bool(urlsplit(stripped).scheme) or stripped.startswith("//")


def site_links(site: Path) -> dict[str, dict[str, set[str]]]:
    """tag -> external url -> the built pages (relative paths) that use it."""
    out: dict[str, dict[str, set[str]]] = {}
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        for tag, url in links_in_html(page.read_text(encoding="utf-8")):
            if is_external(url):
                out.setdefault(tag, {}).setdefault(url, set()).add(rel)
    return out


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_URL_CHARS = re.compile(r"^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*$")


def malformed(url: str) -> str | None:
    """Why an external link is not a well-formed https URL, or None when it is."""
    if url != url.strip() or any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "contains whitespace or control characters"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"cannot be parsed ({error})"
    if parts.scheme != "https":
        return f"scheme is {parts.scheme or 'missing'!r}, not https"
    if parts.username is not None or parts.password is not None:
        return "carries user information"
    if port is not None:
        return "names a port"
    host = parts.hostname or ""
    labels = host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or not labels[-1].isalpha():
        return f"host {host!r} is not a valid domain name"
    if not _URL_CHARS.match(url) or re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return "contains characters that must be percent-encoded"
    return None


# ------------------------------------------------------------------ ignore list

def load_ignore(path: Path = IGNORE_FILE) -> list[str]:
    """Patterns from the ignore file: one per line; '#' starts a comment; blank lines skipped."""
    if not path.exists():
        return []
    patterns = []
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            patterns.append(entry)
    return patterns


def ignored(url: str, patterns: Iterable[str]) -> str | None:
    """The pattern that ignores url: a glob when it has '*', '?' or '[', else a URL prefix."""
    for pattern in patterns:
        if any(ch in pattern for ch in "*?[") and fnmatch.fnmatchcase(url, pattern):
            return pattern
        if url.startswith(pattern):
            return pattern
    return None


def without_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


# ------------------------------------------------------------------ checking

@dataclass
class Result:
    url: str
    status: int | None      # last HTTP status, None when every attempt failed without one
    method: str             # the method that gave the final answer
    attempts: int
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400


def urllib_fetch(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Checker:
    def __init__(self, fetch: Fetch = urllib_fetch, *, retries: int = 3, backoff: float = 1.0,
                 timeout: float = 15.0, concurrency: int = 8, per_host: int = 2,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if retries < 1 or concurrency < 1 or per_host < 1:
            raise ValueError("retries, concurrency and per_host must be at least 1")
        self.fetch, self.retries, self.backoff, self.timeout = fetch, retries, backoff, timeout
        self.concurrency, self.per_host, self.sleep = concurrency, per_host, sleep
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._lock = threading.Lock()

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        host = urlsplit(url).hostname or ""
        with self._lock:
            return self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))

    def _once(self, url: str, method: str) -> tuple[int | None, str]:
        try:
            with self._host_slot(url):
                return self.fetch(url, method, self.timeout), ""
        except (OSError, TimeoutError) as error:  # URLError, socket timeouts, resets, TLS errors
            return None, f"{type(error).__name__}: {error}"

    def check(self, url: str) -> Result:
        status, method, error = None, "HEAD", ""
        for attempt in range(1, self.retries + 1):
            status, error = self._once(url, "HEAD")
            method = "HEAD"
            if status is None or status >= 400:  # HEAD refused, unsupported or failed: try GET
                status, error = self._once(url, "GET")
                method = "GET"
            if status is not None and status not in TRANSIENT:
                return Result(url, status, method, attempt)
            if attempt < self.retries:
                self.sleep(self.backoff * 2 ** (attempt - 1))
        return Result(url, status, method, self.retries, error or f"HTTP {status}")

    def check_all(self, urls: Iterable[str]) -> list[Result]:
        unique = list(dict.fromkeys(urls))
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            return list(pool.map(self.check, unique))


# ------------------------------------------------------------------ command line

def build_site(dest: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the site does not build:\n{done.stderr}")


def run(site: Path, checker: Checker, patterns: list[str], out=sys.stdout) -> int:
    links = site_links(site)
    pages: dict[str, set[str]] = {}
    for tag_links in links.values():
        for url, where in tag_links.items():
            pages.setdefault(without_fragment(url), set()).update(where)
    bad_form = {url: malformed(url) for url in pages if malformed(url)}
    skipped = {url: ignored(url, patterns) for url in pages if ignored(url, patterns)}
    to_check = sorted(url for url in pages if url not in bad_form and url not in skipped)
    print(f"{len(pages)} external URLs in {site}: checking {len(to_check)}, "
          f"{len(skipped)} ignored, {len(bad_form)} malformed", file=out)
    results = checker.check_all(to_check)
    broken = [r for r in results if not r.ok]
    for url, reason in sorted(bad_form.items()):
        print(f"MALFORMED {url} ({reason}) on {', '.join(sorted(pages[url]))}", file=out)
    for r in broken:
        detail = r.error or f"HTTP {r.status}"
        print(f"BROKEN    {r.url} ({detail}, {r.method}, {r.attempts} attempts) on "
              f"{', '.join(sorted(pages[r.url]))}", file=out)
    for url, pattern in sorted(skipped.items()):
        print(f"ignored   {url} (matches {pattern!r})", file=out)
    print(f"{len(results) - len(broken)} ok, {len(broken)} broken, {len(bad_form)} malformed", file=out)
    return 1 if broken or bad_form else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--ignore", type=Path, default=IGNORE_FILE)
    parser.add_argument("--timeout", type=float, default=15.0)
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    checker = Checker(retries=args.retries, timeout=args.timeout, concurrency=args.concurrency)
    patterns = load_ignore(args.ignore)
    if args.site:
        return run(args.site, checker, patterns)
    with tempfile.TemporaryDirectory() as tmp:
        build_site(Path(tmp) / "site")
        return run(Path(tmp) / "site", checker, patterns)


if __name__ == "__main__":
    sys.exit(main())
