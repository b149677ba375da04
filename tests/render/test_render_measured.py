"""The Measured page and the cited figures (fwguide/render/measured.py): tables, charts, citations
with their claims, escaping, and the honesty rule: every number on the built Measured page is a
value of data/measurements.yaml (or a median, spread or ratio of its figures), formatted the way
the renderers format them."""
from __future__ import annotations

import dataclasses
import html
import re
import statistics
from html.parser import HTMLParser

import pytest
import yaml

from fwguide import measured as loader
from fwguide.pages import _arguments, macro_calls
from fwguide.paths import DOCS_DIR, MEASUREMENTS_FILE
from fwguide.problems import CallProblem
from fwguide.render import measured as r
from fwguide.render.links import PageLinks
from support import HOSTILE, MEASURED_FIXTURE, assert_markdown_safe, parse_tables

# ------------------------------------------------------------------ helpers

MEASURED_PAGE = (DOCS_DIR / "measured.md").read_text(encoding="utf-8")


def with_raw(guide, change) -> object:
    """The guide with the fixture measurements changed by ``change(data)`` (no validation)."""
    data = yaml.safe_load(MEASURED_FIXTURE.read_text(encoding="utf-8"))
    change(data)
    return dataclasses.replace(guide, measured=loader.build(data, {}))


NUMBER = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def numbers(text: str) -> set[str]:
    return set(NUMBER.findall(text))


def scalars(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from scalars(value)
    elif isinstance(node, list):
        for value in node:
            yield from scalars(value)
    else:
        yield node


def page_ratios(source: str = MEASURED_PAGE) -> list[tuple[str, str]]:
    """The (numerator, denominator) of every measured_ratio() call on a page's source."""
    found = []
    for call in macro_calls(source):
        if call.group(1) == "measured_ratio":
            args, kwargs = _arguments(call.group(2))
            found.append((args[0] if args else kwargs["numerator"], args[1] if len(args) > 1 else kwargs["denominator"]))
    return found


def allowed_numbers(ms: loader.Measured, ratios: list[tuple[str, str]] | None = None) -> set[str]:
    """Every number the Measured page may show: the file's values as written and as the renderers
    format them, each figure's median, lowest and highest repeat, and the ratios the page's source
    asks for (computed here from the file's medians)."""
    texts = []
    for value in scalars(ms.raw):
        texts.append(str(value))
        if isinstance(value, int) and not isinstance(value, bool):
            texts.append(r.number(value))
    for fig in ms.figures.values():
        texts += [r.amount(fig.metric, v) for v in (*fig.values, fig.median, fig.low, fig.high)]
    for a, b in page_ratios() if ratios is None else ratios:
        texts.append(r.ratio_text(statistics.median(ms.figure(a).values) / statistics.median(ms.figure(b).values)))
    return set().union(*(numbers(t) for t in texts))


class ArticleText(HTMLParser):
    """The text of the page's <article>, SVG text, titles and descriptions included; the page's
    review stamp (front matter, not a figure) left out."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.depth += 1
        elif self.depth and (self.skip or "fwg-page-reviewed" in classes):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def article_text(page_html: str) -> str:
    parser = ArticleText()
    parser.feed(page_html)
    return html.unescape(" ".join(parser.parts))


def unexplained_numbers(page_html: str, ms: loader.Measured) -> set[str]:
    return numbers(article_text(page_html)) - allowed_numbers(ms)


# ------------------------------------------------------------------ the built page


@pytest.fixture(scope="module")
def page(built_site) -> str:
    return (built_site / "measured" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real():
    return loader.load_measured(MEASUREMENTS_FILE)


def test_every_number_on_the_measured_page_comes_from_the_results_file(page, real):
    assert len(numbers(article_text(page))) > 50   # the page does show figures
    assert unexplained_numbers(page, real) == set()


def test_the_honesty_check_catches_a_typed_figure(page, real):
    typed = page.replace("<h2", "<p>Flask handles 12,345 requests a second.</p><h2", 1)
    assert unexplained_numbers(typed, real) == {"12,345"}
    svg = page.replace("<text x=\"0\"", "<text>77,777.7</text><text x=\"0\"", 1)   # a chart panel
    assert unexplained_numbers(svg, real) == {"77,777.7"}


def test_every_figure_has_its_cell_on_the_measured_page(page, real):
    for key in real.figures:
        assert f'id="{r.anchor(key)}"' in page, key


def test_every_cited_figure_links_to_a_cell_of_the_measured_page(built_site, page):
    cited = 0
    for path in built_site.rglob("*.html"):
        for href in re.findall(r'<a class="fwg-figure" href="([^"]+)"', path.read_text(encoding="utf-8")):
            target, _, fragment = href.partition("#")
            assert target.rstrip("/").endswith("measured") or target in ("./", ""), (path, href)
            assert f'id="{fragment}"' in page, (path, href)
            cited += 1
    assert cited >= 10


def test_the_topic_pages_cite_measured_figures(built_site):
    for page in ("ai/serving", "ai/streaming", "ai/deployment", "considerations"):
        out = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert 'class="fwg-figure"' in out and "measured/" in out, page


# ------------------------------------------------------------------ tables


def test_predict_table_has_a_row_per_server_and_level_with_median_and_spread(guide):
    out = r.render_predict_table(guide)
    header, *rows = parse_tables(out).tables[0]
    assert [t for _, t in header] == ["Server", "Users", "Requests/s", "p50 (ms)", "p99 (ms)", "Errors"]
    assert len(rows) == 2 * 2
    assert rows[1][0][1].startswith("Flask, Gunicorn gthread") and rows[1][1][1] == "8"
    assert rows[1][2][1] == "2,016 (1,987\u20132,044)"   # median 2015.5 of [2044, 1987]
    assert rows[0][3][1] == "0.9"                         # 888 and 910 us look the same in ms
    assert "2 worker processes per server on 127.0.0.1" in parse_tables(out).captions[0]
    assert "median of 2 runs" in parse_tables(out).captions[0]


def test_a_streams_figure_at_the_search_limit_reads_as_a_lower_bound(guide):
    rows = parse_tables(r.render_streams_table(guide)).tables[0][1:]
    assert [(row[0][1], row[1][1]) for row in rows] == [("Flask, Gunicorn gthreadWSGI", "8"),
                                                        ("FastAPI, UvicornASGI", "64 or more")]


def test_memory_table_shows_preload_rows_only_where_measured(guide):
    rows = parse_tables(r.render_memory_table(guide)).tables[0][1:]
    assert [row[1][1] for row in rows] == ["in each worker", "--preload", "in each worker"]
    assert rows[1][4][1].startswith("7.3")                # USS with --preload, MiB


@pytest.mark.parametrize("render", ["render_predict_table", "render_memory_table", "render_startup_table"])
def test_wide_tables_become_cards_on_a_phone_with_every_value_named(guide, render):
    """On a narrow screen each row becomes a card (guide.css), and a value is read next to its column name."""
    out = getattr(r, render)(guide)
    assert 'class="fwg-table fwg-measured-' in out and " fwg-cards\"" in out
    header = parse_tables(out).tables[0][0][1:]
    for row in re.findall(r"<tr><th scope=\"row\">.*?</tr>", out):
        labels = re.findall(r'<span class="fwg-card-label" aria-hidden="true">([^<]+)</span>', row)
        assert labels == [name for _, name in header], row


def test_startup_table_says_when_a_server_has_no_preload(guide):
    rows = parse_tables(r.render_startup_table(guide)).tables[0][1:]
    assert rows[1][2][1] == "no such option" and rows[0][2][1].startswith("1,072")


def test_conditions_state_machine_load_and_versions(guide):
    out = r.render_conditions(guide)
    cells = {row[0][1]: row[1][1] for row in parse_tables(out).tables[0][1:]}
    assert cells["Shared with other work"] == "yes"
    assert cells["Load average (one, five and fifteen minutes)"] == "1.20 0.90 0.80 before, 1.75 1.10 0.85 after"
    assert "gunicorn 27.0.1" in cells["Versions"] and "scikit-learn 1.9.1" in cells["Versions"]
    assert "data/measurements.yaml" in out and 'class="fwg-provenance"' in out


def test_summary_says_when_the_machine_was_small_and_shared(guide):
    assert "a small shared machine with 2 CPU cores" in r.render_summary(guide)
    assert "Other work was running" in r.render_summary(guide)

    def quiet_and_big(data):
        data["machine"].update(shared=False, cores=16)

    out = r.render_summary(with_raw(guide, quiet_and_big))
    assert "a machine with 16 CPU cores" in out and "Nothing else was running" in out and "small" not in out


def test_servers_table_shows_every_exact_command(guide):
    out = html.unescape(r.render_servers(guide))
    for server in guide.measured.servers:
        assert server.command in out and server.stream_command in out


def test_text_from_the_file_is_escaped(guide):
    def hostile(data):
        data["machine"]["cpu"] = HOSTILE
        data["machine"]["os"] = HOSTILE
        data["servers"][0]["command"] = HOSTILE

    bad = with_raw(guide, hostile)
    for render in (r.render_summary, r.render_conditions, r.render_servers):
        out = render(bad)
        assert "<script>" not in out and "\u202e" not in out
        assert_markdown_safe(out)


def test_without_measurements_the_blocks_say_so(guide):
    empty = dataclasses.replace(guide, measured=None)
    assert "No measurements" in r.render_predict_table(empty)
    assert empty.ids("figure") == ()


# ------------------------------------------------------------------ charts


def test_charts_are_accessible_svg_without_scripts(guide):
    for out in (r.render_predict_chart(guide), r.render_streams_chart(guide)):
        assert_markdown_safe(out)
        svg = out[out.index("<svg"): out.index("</svg>")]
        ids = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
        assert 'role="img"' in svg and all(f'id="{i}"' in svg for i in ids)
        assert "<script" not in out and "style=" not in svg
        assert 'fill="currentColor"' in svg and "stroke=\"currentColor\"" in svg   # follows the palette
        assert "hatched bars: ASGI" in out


def test_chart_text_alternative_lists_every_bar_and_value(guide):
    out = r.render_streams_chart(guide)
    desc = html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", out).group(1))
    assert desc == "Streams held: Flask, Gunicorn gthread (WSGI) 8; FastAPI, Uvicorn (ASGI) 64 or more;"
    out = r.render_predict_chart(guide)
    assert out.count("<rect x=") == 2 * 2
    assert "1 user" in out and "8 users" in out


def test_only_asgi_bars_are_hatched(guide):
    bars = re.findall(r'<rect x="\d+" y="[\d.]+" width="[\d.]+" height="14" fill="([^"]+)"',
                      r.render_streams_chart(guide))
    assert bars == ["currentColor", "url(#chart-streams-hatch)"]


def test_bars_share_one_scale_and_a_tiny_value_still_shows(guide):
    widths = [float(w) for w in re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', r.render_streams_chart(guide))]
    assert widths == [pytest.approx(r.BAR_W * 8 / 64, abs=0.05), float(r.BAR_W)]

    def one_stream(data):
        data["results"]["flask-gthread"]["streams_held"] = [0, 0]

    widths = re.findall(r'<rect x="\d+" y="[\d.]+" width="([\d.]+)"', r.render_streams_chart(with_raw(guide, one_stream)))
    assert float(widths[0]) == 1.0


# ------------------------------------------------------------------ citations


def test_a_cited_figure_is_its_median_with_unit_linked_to_its_cell(guide):
    links = PageLinks("ai/streaming.md")
    out = r.render_figure(guide, "flask-gthread.predict.c8.rps", links=links)
    assert out.startswith('<a class="fwg-figure" href="../../measured/#fig-flask-gthread-predict-c8-rps"')
    assert out.endswith(">2,016 requests/s</a>")
    assert ">8 streams</a>" in r.render_figure(guide, "flask-gthread.streams_held")


def test_singular_units_after_one(guide):
    def one(data):
        data["results"]["flask-gthread"]["streams_held"] = [1, 1]

    assert ">1 stream</a>" in r.render_figure(with_raw(guide, one), "flask-gthread.streams_held")


def test_a_claim_the_figures_contradict_stops_the_render(guide):
    r.render_figure(guide, "flask-gthread.preload.memory.uss_kib", below="flask-gthread.memory.uss_kib")
    with pytest.raises(CallProblem, match="the page says above, but the medians are 7.3 and 86.0 MiB"):
        r.render_figure(guide, "flask-gthread.preload.memory.uss_kib", above="flask-gthread.memory.uss_kib")
    with pytest.raises(CallProblem, match="compares rps with p50_us"):
        r.render_figure(guide, "flask-gthread.predict.c8.rps", below="flask-gthread.predict.c8.p50_us")


def test_ratios_compare_one_kind_of_figure_and_keep_their_claim(guide):
    out = r.render_ratio(guide, "flask-gthread.predict.c8.rps", "flask-gthread.predict.c1.rps", claim="more")
    assert out.endswith(">1.9\u00d7</a>")
    with pytest.raises(CallProblem, match="the page says less"):
        r.render_ratio(guide, "flask-gthread.predict.c8.rps", "flask-gthread.predict.c1.rps", claim="less")
    with pytest.raises(CallProblem, match="one kind of figure"):
        r.render_ratio(guide, "flask-gthread.predict.c8.rps", "flask-gthread.startup_ms")
    with pytest.raises(CallProblem, match="claim is"):
        r.render_ratio(guide, "flask-gthread.predict.c8.rps", "flask-gthread.predict.c1.rps", claim="faster")


def test_a_ratio_against_a_capped_figure_is_a_lower_bound(guide):
    out = r.render_ratio(guide, "fastapi-uvicorn.streams_held", "flask-gthread.streams_held", claim="more")
    assert out.endswith(">at least 8.0\u00d7</a>")
    assert r.ratio_text(32) == "32\u00d7" and r.ratio_text(0.125) == "0.1\u00d7"


def test_a_ratio_over_zero_is_refused(guide):
    with pytest.raises(CallProblem, match="is 0"):
        r.render_ratio(guide, "fastapi-uvicorn.predict.c8.errors", "flask-gthread.predict.c8.errors")
