"""Check every external link of the built site online.  Opt-in (`make linkcheck`): it needs the
internet, so it is not part of `make test`; its logic is tested offline in tests/test_linkcheck.py.

    python tools/linkcheck.py [--site DIR] [--ignore FILE] [--timeout S] [--retries N] [--concurrency N]
                              [--per-host N] [--probe-timeout S] [--deadline S]

Without --site it builds the site strictly into a temporary folder first.  Each URL is fetched
once (fragments dropped): HEAD first, GET when HEAD is refused; network errors, timeouts, 429 and
5xx answers are retried with exponential backoff; a 4xx answer to both is final.  At most
--concurrency requests run at once and at most --per-host to one host; a scheduler hands each
free worker a URL of a host below its limit, so workers never wait behind a busy host while
other hosts have work.  URLs matching a line of the ignore file (linkcheck-ignore.txt; each entry
says why) are listed but not fetched.

It tells a finding from an outage.  First a probe: one quick HEAD (--probe-timeout, 5 s) to each
of the first three hosts; when none answers at all, the network is down and it stops at once.
The whole run has a deadline (--deadline, 120 s, counted from the start of the checks): what has
not been checked by then is listed as NOT CHECKED.  When no URL got any HTTP answer, that too is
an outage, not 126 broken links.

Exit status: 0 every link works; 1 a link is broken or malformed (a finding, even when some
could not be checked); 2 nothing broken was found but some or all links could not be checked
(network down, an outage, the deadline): try again later.
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
from collections import Counter, deque
from collections.abc import Callable, Iterable
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
PROBE_HOSTS = 3
EXIT_OK, EXIT_BROKEN, EXIT_UNCHECKED = 0, 1, 2

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
    unchecked: bool = False  # never judged: the deadline passed first (or the network was down)

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 400

    @property
    def broken(self) -> bool:
        return not self.ok and not self.unchecked


def urllib_fetch(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # follows redirects
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def host_of(url: str) -> str:
    return urlsplit(url).hostname or ""


class Checker:
    def __init__(self, fetch: Fetch = urllib_fetch, *, retries: int = 3, backoff: float = 1.0,
                 timeout: float = 15.0, concurrency: int = 8, per_host: int = 2,
                 probe_timeout: float = 5.0, deadline: float | None = 120.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        if retries < 1 or concurrency < 1 or per_host < 1:
            raise ValueError("retries, concurrency and per_host must be at least 1")
        self.fetch, self.retries, self.backoff, self.timeout = fetch, retries, backoff, timeout
        self.concurrency, self.per_host, self.sleep, self.clock = concurrency, per_host, sleep, clock
        self.probe_timeout, self.deadline = probe_timeout, deadline
        self._end: float | None = None

    # -- the deadline, counted from begin() (the first probe or check_all)

    def begin(self) -> None:
        if self._end is None and self.deadline is not None:
            self._end = self.clock() + self.deadline

    def remaining(self) -> float | None:
        return None if self._end is None else self._end - self.clock()

    def expired(self) -> bool:
        left = self.remaining()
        return left is not None and left <= 0

    def _request_timeout(self, timeout: float) -> float:
        left = self.remaining()
        return timeout if left is None else max(0.5, min(timeout, left))

    def _once(self, url: str, method: str) -> tuple[int | None, str]:
        try:
            return self.fetch(url, method, self._request_timeout(self.timeout)), ""
        except (OSError, TimeoutError) as error:  # URLError, socket timeouts, resets, TLS errors
            return None, f"{type(error).__name__}: {error}"

    def _not_checked(self, url: str, attempts: int) -> Result:
        return Result(url, None, "", attempts, f"not checked: the {self.deadline:g} s deadline passed", unchecked=True)

    def check(self, url: str) -> Result:
        status, method, error = None, "HEAD", ""
        for attempt in range(1, self.retries + 1):
            if self.expired():
                return self._not_checked(url, attempt - 1)
            status, error = self._once(url, "HEAD")
            method = "HEAD"
            if status is None or status >= 400:  # HEAD refused, unsupported or failed: try GET
                status, error = self._once(url, "GET")
                method = "GET"
            if status is not None and status not in TRANSIENT:
                return Result(url, status, method, attempt)
            if attempt < self.retries:
                left = self.remaining()
                pause = self.backoff * 2 ** (attempt - 1)
                self.sleep(pause if left is None else max(0.0, min(pause, left)))
        return Result(url, status, method, self.retries, error or f"HTTP {status}")

    def probe(self, urls: Iterable[str]) -> str:
        """One quick HEAD to the first URL of each of the first few hosts, at once.  "" when any
        host answers with any HTTP status; otherwise why the network looks down."""
        self.begin()
        firsts: dict[str, str] = {}
        for url in urls:
            firsts.setdefault(host_of(url), url)
            if len(firsts) == PROBE_HOSTS:
                break
        if not firsts:
            return ""
        answers: dict[str, str] = {}
        lock = threading.Lock()

        def one(url: str) -> None:
            try:
                status = self.fetch(url, "HEAD", self.probe_timeout)
                outcome = "" if status is not None else "no status"
            except Exception as error:  # anything but an HTTP answer means "not reached"
                outcome = f"{type(error).__name__}: {error}"
            with lock:
                answers[url] = outcome

        threads = [threading.Thread(target=one, args=(url,), daemon=True) for url in firsts.values()]
        for thread in threads:
            thread.start()
        until = time.monotonic() + self.probe_timeout + 1.0   # all together, not one after another
        for thread in threads:
            thread.join(max(0.0, until - time.monotonic()))
        with lock:
            if any(answers.get(url) == "" for url in firsts.values()):
                return ""
            why = "; ".join(f"{url}: {answers.get(url) or f'no answer within {self.probe_timeout:g} s'}"
                            for url in firsts.values())
        return f"no host answered a {self.probe_timeout:g} s probe ({why})"

    def check_all(self, urls: Iterable[str]) -> list[Result]:
        """Check each URL once, in order of the answers' input; at most `concurrency` requests at
        a time and `per_host` per host.  Work goes to whichever host has a free slot, round robin,
        so a host with many URLs never leaves the other workers idle."""
        self.begin()
        unique = list(dict.fromkeys(urls))
        if not unique:
            return []
        queues: dict[str, deque[str]] = {}
        for url in unique:
            queues.setdefault(host_of(url), deque()).append(url)
        hosts = deque(queues)
        active: Counter[str] = Counter()
        results: dict[str, Result] = {}
        cond = threading.Condition()
        workers = min(self.concurrency, len(unique))
        live = [workers]

        def take() -> tuple[str, str] | None:
            with cond:
                while True:
                    if self.expired() or not any(queues.values()):
                        return None
                    for _ in range(len(hosts)):
                        host = hosts[0]
                        hosts.rotate(-1)
                        if queues[host] and active[host] < self.per_host:
                            active[host] += 1
                            return host, queues[host].popleft()
                    left = self.remaining()
                    cond.wait(timeout=1.0 if left is None else max(0.05, min(1.0, left)))

        def worker() -> None:
            try:
                while (job := take()) is not None:
                    host, url = job
                    try:
                        result = self.check(url)
                    except Exception as error:  # a bug in a fetcher must not lose the URL
                        result = Result(url, None, "", 0, f"{type(error).__name__}: {error}")
                    with cond:
                        active[host] -= 1
                        results[url] = result
                        cond.notify_all()
            finally:
                with cond:
                    live[0] -= 1
                    cond.notify_all()

        for _ in range(workers):
            threading.Thread(target=worker, daemon=True).start()   # daemon: a hung request cannot block exit
        grace = min(self.timeout, 5.0)
        with cond:
            while live[0] and len(results) < len(unique):
                left = self.remaining()
                if left is not None and left < -grace:
                    break   # requests still in flight past the deadline: report them as not checked
                cond.wait(timeout=1.0 if left is None else max(0.05, min(1.0, left + grace)))
            done = dict(results)
        return [done.get(url) or self._not_checked(url, 0) for url in unique]


# ------------------------------------------------------------------ command line

def build_site(dest: Path, project: Path = ROOT) -> None:
    """A strict build.  Never with --quiet: it hides the warnings that --strict counts, so a broken
    internal link would pass."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
                          cwd=project, env=env, capture_output=True, text=True)
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
          f"{len(skipped)} ignored, {len(bad_form)} malformed", file=out, flush=True)
    for url, reason in sorted(bad_form.items()):
        print(f"MALFORMED {url} ({reason}) on {', '.join(sorted(pages[url]))}", file=out)
    for url, pattern in sorted(skipped.items()):
        print(f"ignored   {url} (matches {pattern!r})", file=out)
    outage = checker.probe(to_check) if to_check else ""
    if outage:
        results = [Result(url, None, "", 0, "not checked: the network is down", unchecked=True) for url in to_check]
    else:
        results = checker.check_all(to_check)
        if results and all(r.status is None for r in results):
            outage = "no URL got any HTTP answer"   # every request failed the same way: the network, not the links
            results = [Result(r.url, None, r.method, r.attempts, r.error, unchecked=True) for r in results]
    broken = [r for r in results if r.broken]
    unchecked = [r for r in results if r.unchecked]
    for r in broken:
        detail = r.error or f"HTTP {r.status}"
        print(f"BROKEN    {r.url} ({detail}, {r.method}, {r.attempts} attempts) on "
              f"{', '.join(sorted(pages[r.url]))}", file=out)
    if outage:
        print(f"COULD NOT CHECK: {outage}.\nThis is a network problem or an outage, not a finding about the "
              f"links; try again later.", file=out)
    else:
        for r in unchecked:
            print(f"NOT CHECKED {r.url} ({r.error})", file=out)
    ok = sum(r.ok for r in results)
    print(f"{ok} ok, {len(broken)} broken, {len(bad_form)} malformed, {len(unchecked)} not checked", file=out)
    if broken or bad_form:
        return EXIT_BROKEN
    return EXIT_UNCHECKED if unchecked else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--ignore", type=Path, default=IGNORE_FILE)
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds for each request")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--probe-timeout", type=float, default=5.0, help="seconds for each probe request")
    parser.add_argument("--deadline", type=float, default=120.0, help="seconds for all the checks together")
    args = parser.parse_args(argv)
    checker = Checker(retries=args.retries, timeout=args.timeout, concurrency=args.concurrency,
                      per_host=args.per_host, probe_timeout=args.probe_timeout, deadline=args.deadline)
    patterns = load_ignore(args.ignore)
    if args.site:
        return run(args.site, checker, patterns)
    with tempfile.TemporaryDirectory() as tmp:
        build_site(Path(tmp) / "site")
        return run(Path(tmp) / "site", checker, patterns)


if __name__ == "__main__":
    sys.exit(main())
