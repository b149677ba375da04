"""tools/linkcheck.py without the network: a fake fetcher stands in for the web."""
from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pytest

from support import ROOT
from tools.linkcheck import (Checker, ignored, links_in_html, load_ignore, malformed, run, site_links,
                             without_fragment)


class FakeWeb:
    """Answers from a script: url -> list of answers (status or exception), one per call, per method."""

    def __init__(self, script: dict, delay: float = 0.0):
        self.script = {k: list(v) for k, v in script.items()}
        self.calls: list[tuple[str, str, float]] = []
        self.delay = delay
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()

    def __call__(self, url: str, method: str, timeout: float) -> int:
        with self.lock:
            self.calls.append((url, method, timeout))
            self.active += 1
            self.most_active = max(self.most_active, self.active)
        try:
            if self.delay:
                time.sleep(self.delay)
            answers = self.script.get((url, method)) or self.script.get(url) or [200]
            answer = answers.pop(0) if len(answers) > 1 else answers[0]
            if isinstance(answer, BaseException):
                raise answer
            return answer
        finally:
            with self.lock:
                self.active -= 1


def checker(web, **kwargs):
    sleeps: list[float] = []
    made = Checker(web, sleep=sleeps.append, **{"backoff": 0.5, "timeout": 7.0, **kwargs})
    return made, sleeps


URL = "https://example.org/page"


def test_head_answer_is_enough():
    web = FakeWeb({URL: [200]})
    result = checker(web)[0].check(URL)
    assert result.ok and result.method == "HEAD" and result.attempts == 1
    assert web.calls == [(URL, "HEAD", 7.0)]  # the timeout reaches the fetcher


def test_refused_head_falls_back_to_get():
    web = FakeWeb({(URL, "HEAD"): [405], (URL, "GET"): [200]})
    result = checker(web)[0].check(URL)
    assert result.ok and result.method == "GET" and result.attempts == 1
    assert [c[1] for c in web.calls] == ["HEAD", "GET"]


def test_not_found_is_final_without_retries():
    web = FakeWeb({URL: [404]})
    check, sleeps = checker(web)
    result = check.check(URL)
    assert not result.ok and result.status == 404 and result.attempts == 1 and sleeps == []


def test_transient_errors_are_retried_with_exponential_backoff():
    web = FakeWeb({(URL, "HEAD"): [503, TimeoutError("timed out"), 200], (URL, "GET"): [503, ConnectionResetError()]})
    check, sleeps = checker(web)
    result = check.check(URL)
    assert result.ok and result.attempts == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_after_the_retries_and_says_why():
    web = FakeWeb({URL: [OSError("network unreachable")]})
    check, sleeps = checker(web, retries=3)
    result = check.check(URL)
    assert not result.ok and result.status is None and result.attempts == 3
    assert "network unreachable" in result.error
    assert len(web.calls) == 6 and sleeps == [0.5, 1.0]  # HEAD and GET per attempt; no sleep after the last


def test_too_many_requests_is_retried():
    web = FakeWeb({URL: [429, 429, 200]})
    result = checker(web)[0].check(URL)
    assert result.ok and result.attempts == 2


def test_concurrency_is_limited_overall_and_per_host():
    urls = [f"https://host{i % 3}.example.org/{i}" for i in range(24)]
    web = FakeWeb({}, delay=0.02)
    results = checker(web, concurrency=4, per_host=2)[0].check_all(urls + urls[:5])  # duplicates fetched once
    assert len(results) == 24 and all(r.ok for r in results)
    assert 1 < web.most_active <= 4
    single = FakeWeb({}, delay=0.02)
    checker(single, concurrency=8, per_host=2)[0].check_all([f"https://one.example.org/{i}" for i in range(8)])
    assert single.most_active <= 2


def test_ignore_file_format(tmp_path: Path):
    path = tmp_path / "ignore.txt"
    path.write_text("# why: comment lines\n\nhttps://a.example.org/x  # trailing comment\n"
                    "https://*.b.example.org/*\n", encoding="utf-8")
    patterns = load_ignore(path)
    assert patterns == ["https://a.example.org/x", "https://*.b.example.org/*"]
    assert ignored("https://a.example.org/x/y", patterns) == "https://a.example.org/x"
    assert ignored("https://docs.b.example.org/p", patterns) == "https://*.b.example.org/*"
    assert ignored("https://c.example.org/", patterns) is None


def test_the_shipped_ignore_list_explains_every_entry():
    lines = (ROOT / "linkcheck-ignore.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.split("#", 1)[0].strip():
            assert number and lines[number - 1].startswith("#"), f"entry on line {number + 1} has no comment above it"
            assert malformed(line.split("#", 1)[0].strip().rstrip("*")) is None


@pytest.mark.parametrize("url, reason", [
    ("http://example.org/", "not https"),
    ("https://example.org/a b", "whitespace"),
    ("https://localhost/", "not a valid domain"),
    ("https://exa_mple.org/", "not a valid domain"),
    ("https://-bad.org/", "not a valid domain"),
    ("https://example.org:8443/", "port"),
    ("https://user@example.org/", "user information"),
    ("https://example.org/é", "percent-encoded"),
    ("https://example.org/%zz", "percent-encoded"),
    ("https://example.org/\"x\"", "percent-encoded"),
    ("ftp://example.org/", "not https"),
    ("https://[::1/", "cannot be parsed"),
])
def test_malformed_urls_are_named(url, reason):
    assert reason in (malformed(url) or "")


@pytest.mark.parametrize("url", ["https://docs.djangoproject.com/en/5.2/ref/models/#x",
                                 "https://pypi.org/project/Flask/", "https://example.org/a%20b?q=1&r=(2)"])
def test_wellformed_urls_pass(url):
    assert malformed(url) is None


def test_links_are_collected_from_html(tmp_path: Path):
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "index.html").write_text(
        '<a href="https://example.org/a?x=1&amp;y=2#frag">x</a><a href="../q/">in</a><a href="#top">t</a>'
        '<img srcset="https://cdn.example.org/i.png 1x, i2.png 2x"><script src="//cdn.example.org/s.js"></script>',
        encoding="utf-8")
    found = site_links(tmp_path)
    assert found["a"] == {"https://example.org/a?x=1&y=2#frag": {"p/index.html"}}
    assert set(found["img"]) == {"https://cdn.example.org/i.png"} and set(found["script"]) == {"//cdn.example.org/s.js"}
    assert links_in_html('<link rel="stylesheet" href="x.css">') == [("link", "x.css")]
    assert without_fragment("https://example.org/a?x=1#frag") == "https://example.org/a?x=1"


def test_run_reports_and_fails_on_broken_links(tmp_path: Path):
    (tmp_path / "index.html").write_text(
        '<a href="https://ok.example.org/">1</a><a href="https://gone.example.org/#a">2</a>'
        '<a href="https://gone.example.org/#b">3</a><a href="https://skip.example.org/x">4</a>'
        '<a href="http://plain.example.org/">5</a>', encoding="utf-8")
    web = FakeWeb({"https://gone.example.org/": [404]})
    out = io.StringIO()
    code = run(tmp_path, checker(web)[0], ["https://skip.example.org/"], out=out)
    text = out.getvalue()
    assert code == 1
    assert "BROKEN    https://gone.example.org/ (HTTP 404" in text and "MALFORMED http://plain.example.org/" in text
    assert "ignored   https://skip.example.org/x" in text
    assert sorted({c[0] for c in web.calls}) == ["https://gone.example.org/", "https://ok.example.org/"]
    web_ok = FakeWeb({})
    (tmp_path / "index.html").write_text('<a href="https://ok.example.org/">1</a>', encoding="utf-8")
    assert run(tmp_path, checker(web_ok)[0], [], out=io.StringIO()) == 0


def test_the_canonical_address_is_neither_a_load_nor_a_citation():
    html = ('<link rel="canonical" href="https://example-org.github.io/guide/">'
            '<link rel="stylesheet" href="https://cdn.example.org/x.css">')
    assert links_in_html(html) == [("link", "https://cdn.example.org/x.css")]


# ------------------------------------------------------------------ outage or finding

def page_with(tmp_path: Path, urls: list[str]) -> Path:
    (tmp_path / "index.html").write_text("".join(f'<a href="{u}">x</a>' for u in urls), encoding="utf-8")
    return tmp_path


HOSTS = [f"https://h{i}.example.org/" for i in range(6)]


def test_when_the_probe_reaches_no_host_it_stops_at_once_as_an_outage(tmp_path: Path):
    web = FakeWeb({url: [OSError("Name or service not known")] for url in HOSTS})
    out = io.StringIO()
    code = run(page_with(tmp_path, HOSTS), checker(web, probe_timeout=3.0)[0], [], out=out)
    text = out.getvalue()
    assert code == 2
    assert web.calls == sorted(web.calls) and len(web.calls) == 3   # one HEAD to each of the first three hosts
    assert {c[1:] for c in web.calls} == {("HEAD", 3.0)}
    assert "COULD NOT CHECK: no host answered a 3 s probe (https://h0.example.org/: OSError: Name or service" in text
    assert "not a finding about the links; try again later" in text and "BROKEN" not in text
    assert text.splitlines()[-1] == "0 ok, 0 broken, 0 malformed, 6 not checked"


def test_a_hanging_network_is_an_outage_after_the_probe_timeout(tmp_path: Path):
    release = threading.Event()

    def hang(url, method, timeout):
        release.wait(30)
        raise TimeoutError("timed out")

    out = io.StringIO()
    try:
        code = run(page_with(tmp_path, HOSTS[:2]), Checker(hang, probe_timeout=0.1, sleep=lambda s: None), [], out=out)
    finally:
        release.set()
    assert code == 2 and "no answer within 0.1 s" in out.getvalue()


def test_one_host_down_is_not_an_outage(tmp_path: Path):
    web = FakeWeb({HOSTS[0]: [OSError("Name or service not known")]})
    out = io.StringIO()
    code = run(page_with(tmp_path, HOSTS), checker(web)[0], [], out=out)
    text = out.getvalue()
    assert code == 1 and "COULD NOT CHECK" not in text
    assert "BROKEN    https://h0.example.org/ (OSError: Name or service not known, GET, 3 attempts)" in text
    assert text.splitlines()[-1] == "5 ok, 1 broken, 0 malformed, 0 not checked"


def test_when_no_url_gets_any_answer_it_is_an_outage_not_a_list_of_broken_links(tmp_path: Path):
    web = FakeWeb({HOSTS[0]: [200] + [OSError("network unreachable")] * 10,
                   **{url: [OSError("network unreachable")] for url in HOSTS[1:]}})
    out = io.StringIO()
    code = run(page_with(tmp_path, HOSTS), checker(web)[0], [], out=out)
    assert code == 2 and "COULD NOT CHECK: no URL got any HTTP answer." in out.getvalue()
    assert "BROKEN" not in out.getvalue()


class Clock:
    """A clock that moves only when the fake web answers: 10 s per request."""

    def __init__(self):
        self.now = 0.0
        self.lock = threading.Lock()

    def __call__(self) -> float:
        with self.lock:
            return self.now

    def tick(self, seconds: float = 10.0) -> None:
        with self.lock:
            self.now += seconds


def test_the_deadline_bounds_the_run_and_what_is_left_is_not_checked(tmp_path: Path):
    clock = Clock()
    web = FakeWeb({})
    timeouts = []

    def slow(url, method, timeout):
        timeouts.append(timeout)
        clock.tick()
        return web(url, method, timeout)

    made = Checker(slow, concurrency=1, timeout=15.0, probe_timeout=5.0, deadline=65.0, clock=clock,
                   sleep=lambda s: None)
    out = io.StringIO()
    code = run(page_with(tmp_path, HOSTS), made, [], out=out)
    text = out.getvalue()
    assert code == 2
    assert len(web.calls) == 3 + 4   # three probes (30 s on this clock), then 4 checks fit before 65 s
    assert timeouts == [5.0] * 3 + [15.0, 15.0, 15.0, 5.0]  # the last request may not outlive the deadline
    assert text.count("NOT CHECKED") == 2 and "(not checked: the 65 s deadline passed)" in text
    assert text.splitlines()[-1] == "4 ok, 0 broken, 0 malformed, 2 not checked"


def test_a_broken_link_is_a_finding_even_when_others_could_not_be_checked(tmp_path: Path):
    clock = Clock()
    web = FakeWeb({HOSTS[1]: [404]})

    def slow(url, method, timeout):
        clock.tick()
        return web(url, method, timeout)

    made = Checker(slow, concurrency=1, deadline=45.0, clock=clock, sleep=lambda s: None)
    out = io.StringIO()
    assert run(page_with(tmp_path, HOSTS), made, [], out=out) == 1
    assert "BROKEN    https://h1.example.org/ (HTTP 404" in out.getvalue() and "NOT CHECKED" in out.getvalue()


def test_workers_do_not_wait_behind_a_busy_host():
    """20 URLs of one host come first, then one each of four others.  With 4 workers and 2 per
    host, four requests must be under way at once from the start: two to the busy host and two
    elsewhere.  A pool that hands out URLs in order would leave two workers blocked."""
    busy = [f"https://busy.example.org/{i}" for i in range(20)]
    others = [f"https://other{i}.example.org/" for i in range(4)]
    start = threading.Barrier(4, timeout=20)
    calls = []
    lock = threading.Lock()

    def fetch(url, method, timeout):
        with lock:
            calls.append(url)
            first_four = len(calls) <= 4
        if first_four:
            start.wait()   # BrokenBarrierError (a failed result) unless four run at the same time
        return 200

    results = Checker(fetch, concurrency=4, per_host=2, sleep=lambda s: None).check_all(busy + others)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    assert 1 <= sum(url.startswith("https://busy.") for url in calls[:4]) <= 2


@pytest.mark.build
def test_the_site_build_is_strict_and_not_quiet(project_copy: Path):
    """--quiet hides the warnings --strict counts: a broken internal link would pass."""
    from tools.linkcheck import build_site
    page = project_copy / "docs" / "conclusion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nSee [nowhere](no-such-page.md).\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stopped:
        build_site(project_copy / "site", project=project_copy)
    assert "the site does not build" in str(stopped.value) and "no-such-page.md" in str(stopped.value)


def test_no_retry_starts_after_the_deadline():
    clock = Clock()
    web = FakeWeb({URL: [503]})

    def slow(url, method, timeout):
        clock.tick()
        return web(url, method, timeout)

    made = Checker(slow, deadline=15.0, clock=clock, sleep=lambda s: None)
    made.begin()
    result = made.check(URL)
    assert result.unchecked and not result.broken and result.attempts == 1
    assert [c[1] for c in web.calls] == ["HEAD", "GET"]


def test_a_request_hung_past_the_deadline_is_reported_not_waited_for():
    release = threading.Event()

    def fetch(url, method, timeout):
        if "hangs" in url:
            release.wait(30)   # ignores its timeout, as a trickling server can make urllib do
        return 200

    urls = ["https://fine.example.org/", "https://hangs.example.org/"]
    try:
        results = Checker(fetch, timeout=0.2, deadline=0.3, sleep=lambda s: None).check_all(urls)
    finally:
        release.set()
    assert [r.ok for r in results] == [True, False]
    assert results[1].unchecked and results[1].error == "not checked: the 0.3 s deadline passed"
