"""The Measured page and the measured figures other pages cite (``data/measurements.yaml``).

Every number these renderers print comes from the results file: a figure's median, lowest or
highest repeat, a ratio of two medians, or a value the file records (a setting, the machine).
The test of the Measured page extracts every number from the built page and finds each one
among those, formatted by the functions below.  Pages cite a figure with ``measured(key)`` or
compare two with ``measured_ratio(a, b, claim)``; neither lets a number be typed by hand, and a
claim ("more", "less") that the figures contradict stops the build.

Charts are inline SVG drawn here at build time: no script, ``role="img"`` with a title and a
description that lists every value (the same values are in the tables), ``currentColor`` for
ink so they follow the light and dark palettes, and hatching plus a label for ASGI servers so
nothing depends on colour.
"""
from __future__ import annotations

import functools
import re
from collections.abc import Callable

from fwguide.measured import Figure, Measured, Server
from fwguide.model import FigureKey, Guide
from fwguide.paths import MEASUREMENTS_REL
from fwguide.problems import CallProblem
from fwguide.registry import macro
from fwguide.render.html import NO_SEARCH, block, card_label, h, head, lines, table, th_row, time
from fwguide.render.links import PageLinks

PAGE = "measured.md"
DASH = "\u2013"
TIMES = "\u00d7"

# metric -> (scale, decimals, unit): how a value in the file's unit is shown.
METRICS: dict[str, tuple[float, int, str]] = {
    "rps": (1, 0, "requests/s"),
    "p50_us": (1 / 1000, 1, "ms"),
    "p99_us": (1 / 1000, 1, "ms"),
    "errors": (1, 0, "errors"),
    "startup_ms": (1, 0, "ms"),
    "streams_held": (1, 0, "streams"),
    "rss_kib": (1 / 1024, 1, "MiB"),
    "pss_kib": (1 / 1024, 1, "MiB"),
    "uss_kib": (1 / 1024, 1, "MiB"),
    "total_pss_kib": (1 / 1024, 1, "MiB"),
}
MEMORY = (("rss_kib", "RSS per worker"), ("pss_kib", "PSS per worker"), ("uss_kib", "USS per worker"),
          ("total_pss_kib", "PSS, whole server"))
PREDICT = (("rps", "Requests/s"), ("p50_us", "p50 (ms)"), ("p99_us", "p99 (ms)"), ("errors", "Errors"))
STARTUP = ("Start-up (ms)", "With --preload (ms)")
# Charts: the drawing's width in SVG units and the longest bar; the rest is room for the value.
CHART_W, BAR_W = 400, 270

# ------------------------------------------------------------------ numbers as text


def number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def amount(metric: str, value: float) -> str:
    """A value of ``metric`` in the unit the page shows (without the unit)."""
    scale, decimals, _unit = METRICS[metric]
    return number(value * scale, decimals)


def unit(metric: str, text: str | None = None) -> str:
    """The unit of ``metric``; singular after a value shown as "1" (1 stream, 1 error)."""
    name = METRICS[metric][2]
    return name.removesuffix("s") if text == "1" and name in ("streams", "errors") else name


def ratio_text(value: float) -> str:
    return f"{number(value, 1 if value < 10 else 0)}{TIMES}"


def capped(measured: Measured, fig: Figure) -> bool:
    """True for a streams figure whose median is the most the search tried: a lower bound."""
    return fig.metric == "streams_held" and fig.median >= measured.settings["streams"]["max_streams"]


def median_text(measured: Measured, fig: Figure) -> str:
    text = amount(fig.metric, fig.median)
    return f"{text} or more" if capped(measured, fig) else text


def spread_text(fig: Figure) -> str:
    """'(lowest–highest)' across the repeats, or nothing when they look the same once rounded."""
    low, high = amount(fig.metric, fig.low), amount(fig.metric, fig.high)
    return "" if low == high else f"({low}{DASH}{high})"


def anchor(key: str) -> str:
    return "fig-" + re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def cell(measured: Measured, key: str, with_unit: bool = False, label: str = "") -> str:
    """A table cell: the median, and the spread across repeats in small type; its id is the
    figure's anchor, which ``measured(key)`` links to.  ``label`` names the column when the table
    is laid out as cards on a narrow screen."""
    fig = measured.figure(key)
    text = median_text(measured, fig) + (f" {unit(fig.metric)}" if with_unit else "")
    spread = spread_text(fig)
    small = f' <small class="fwg-spread">{h(spread)}</small>' if spread else ""
    return f'<td id="{anchor(key)}">{card_label(label) if label else ""}<span>{h(text)}{small}</span></td>'


# ------------------------------------------------------------------ shared pieces


def _runs(measured: Measured) -> str:
    n = measured.settings["repeats"]
    return "one run" if n == 1 else f"median of {n} runs (lowest{DASH}highest)"


def _runs_short(measured: Measured) -> str:
    n = measured.settings["repeats"]
    return "one run" if n == 1 else f"median of {n} runs"


def _machine_words(measured: Measured) -> str:
    m = measured.machine
    size = "a small" if m["cores"] <= 4 else "a"
    shared = " shared" if m["shared"] else ""
    return f"{size}{shared} machine with {m['cores']} CPU cores"


def conditions(measured: Measured) -> str:
    """The conditions every figure was measured under, for captions (escaped HTML)."""
    s = measured.settings
    return h(f"{s['workers']} worker processes per server on {s['host']} (loopback), {_machine_words(measured)}, "
             f"{_runs(measured)}")


def provenance(measured: Measured) -> str:
    raw = measured.raw
    return (f'<p class="fwg-provenance">Generated from <code>{h(MEASUREMENTS_REL)}</code>, written by '
            f"<code>{h(raw['command'])}</code> on {time(raw['date'])} · to update, run it again</p>")


def _measured(render: Callable[..., str]) -> Callable[..., str]:
    """A renderer of the measured figures: with no measurements attached to the guide (a guide read
    from data/frameworks.yaml alone), it says so instead of rendering."""
    @functools.wraps(render)
    def wrapped(guide: Guide, *args, **kwargs) -> str:
        if guide.measured is None:
            return block("fwg-measured", "<p>No measurements are loaded.</p>")
        return render(guide, *args, **kwargs)
    return wrapped


def _server_th(server: Server) -> str:
    return th_row(f"{h(server.name)}<br><small>{h(server.interface)}</small>")


def _servers(measured: Measured) -> list[Server]:
    return [s for s in measured.servers if s.id in measured.raw["results"]]


def _measured_href(links: PageLinks | None) -> str:
    return links.href(PAGE) if links is not None else PAGE


# ------------------------------------------------------------------ the page's blocks


@macro("measured_summary", footer=False)
@_measured
def render_summary(guide: Guide) -> str:
    """One paragraph: when, where and how the figures were measured, and what the machine was."""
    ms = guide.measured
    m, raw = ms.machine, ms.raw
    shared = (f"Other work was running on it: the load average was {m['load_before']} before the run and "
              f"{m['load_after']} after." if m["shared"] else
              f"Nothing else was running: the load average was {m['load_before']} before the run and "
              f"{m['load_after']} after.")
    text = (f"Measured on {time(raw['date'])} by <code>{h(raw['command'])}</code>, which took "
            f"{h(number(raw['duration_s']))} s, on {h(_machine_words(ms))} ({h(m['cpu'])}, "
            f"{h(number(m['memory_mib']))} MiB of memory, {h(m['os'])}, Python {h(m['python'])}). {h(shared)}")
    return block("fwg-measured fwg-measured-summary", f"<p>{text}</p>")


@macro("measured_conditions", footer=False)
@_measured
def render_conditions(guide: Guide) -> str:
    ms = guide.measured
    m, s, raw = ms.machine, ms.settings, ms.raw
    p, st = s["predict"], s["streams"]
    levels = ", ".join(number(c) for c in p["concurrency"])
    stack = ", ".join(f"{name} {raw['packages'][_spelled(raw, name)]}" for name in raw["stack"])
    rows = [
        ("Date", time(raw["date"])),
        ("Machine", h(f"{m['cores']} CPU cores ({m['cpu']}), {number(m['memory_mib'])} MiB of memory")),
        ("Operating system", h(m["os"])),
        ("Python", h(m["python"])),
        ("Load average (one, five and fifteen minutes)", h(f"{m['load_before']} before, {m['load_after']} after")),
        ("Shared with other work", "yes" if m["shared"] else "no"),
        ("Network", h(f"loopback only: servers and client on {s['host']}, on the same cores")),
        ("Worker processes", h(f"{s['workers']} per server ({st['workers']} for the streams)")),
        ("Repeats", h(f"{s['repeats']}, interleaved: every server once, then every server again")),
        ("POST /predict", h(f"{levels} users, each sending its next request when the last is answered, "
                            f"for {number(p['duration_ms'])} ms per level, after {number(p['warmup_ms'])} ms "
                            f"of warm-up with {p['warmup_concurrency']} users")),
        ("Streams", h(f"one worker process; {st['events']} events, one every {st['interval_ms']} ms; "
                      f"streams opened at the same moment, doubling from one up to {number(st['max_streams'])}")),
        ("Held", h(f"no stream failed, and the p99 of the stream times was at most {st['limit_pct']} % of the "
                    f"paced time")),
        ("Versions", h(stack)),
    ]
    body = [f"<tr>{th_row(h(name))}<td>{value}</td></tr>" for name, value in rows]
    return block("fwg-measured", table("Conditions of every figure on this page", head("Condition", "Value"),
                                       body, "fwg-measured-conditions"), provenance(ms))


def _spelled(raw: dict, name: str) -> str:
    from fwguide.measured import normalise
    return next(k for k in raw["packages"] if normalise(k) == normalise(name))


@macro("measured_servers", footer=False)
@_measured
def render_servers(guide: Guide) -> str:
    ms = guide.measured
    rows = []
    for s in _servers(ms):
        where = f"section <code>{h(s.section)}</code>" if s.section else "a variant of it"
        commands = [f"<code>{h(s.command)}</code>"]
        if s.preload_command:
            commands.append(f"with <code>--preload</code> for the preload figures")
        commands.append(f"streams: <code>{h(s.stream_command)}</code>"
                        + (f" with <code>{h(s.stream_env)}</code>" if s.stream_env else ""))
        rows.append(f"<tr>{_server_th(s)}<td>{'<br>'.join(commands)}</td><td>{where}</td></tr>")
    return block("fwg-measured", table("The servers and the exact commands (PORT is a free port)",
                                       head("Server", "Command", "examples/commands.sh"), rows,
                                       "fwg-measured-servers"), provenance(ms))


@macro("measured_predict_table", footer=False)
@_measured
def render_predict_table(guide: Guide) -> str:
    ms = guide.measured
    rows = []
    for s in _servers(ms):
        for c in ms.concurrency:
            base = f"{s.id}.predict.c{c}"
            figures = "".join(cell(ms, f"{base}.{metric}", label=name) for metric, name in PREDICT)
            rows.append(f"<tr>{_server_th(s)}<td>{card_label('Users')}<span>{h(number(c))}</span></td>"
                        f"{figures}</tr>")
    caption = f"POST /predict: requests per second and latency by number of users; {conditions(ms)}"
    return block("fwg-measured", table(caption, head("Server", "Users", *(name for _, name in PREDICT)), rows,
                                       "fwg-measured-predict fwg-cards"), provenance(ms))


@macro("measured_streams_table", footer=False)
@_measured
def render_streams_table(guide: Guide) -> str:
    ms = guide.measured
    rows = [f"<tr>{_server_th(s)}{cell(ms, s.id + '.streams_held')}</tr>" for s in _servers(ms)]
    st = ms.settings["streams"]
    caption = (f"Paced event streams one worker process held ({st['events']} events, one every "
               f"{st['interval_ms']} ms; held: none failed, p99 stream time within {st['limit_pct']} % of the "
               f"paced time); {h(_machine_words(ms))}, {h(_runs(ms))}")
    return block("fwg-measured", table(caption, head("Server", "Streams held"), rows, "fwg-measured-streams"),
                 provenance(ms))


@macro("measured_memory_table", footer=False)
@_measured
def render_memory_table(guide: Guide) -> str:
    ms = guide.measured
    rows = []
    for s in _servers(ms):
        for prefix, how in ((f"{s.id}.memory", "in each worker"),
                            (f"{s.id}.preload.memory", "--preload")):
            if f"{prefix}.rss_kib" not in ms.figures:
                continue
            cells = "".join(cell(ms, f"{prefix}.{metric}", label=name) for metric, name in MEMORY)
            rows.append(f"<tr>{_server_th(s)}<td>{card_label('Loading')}<span>{h(how)}</span></td>{cells}</tr>")
    caption = (f"Memory in MiB after warm-up, model loaded: per worker (every worker of every run) and for "
               f"all the server's processes together. Loading: the app and model are loaded in each worker, "
               f"or once before the workers fork (Gunicorn's --preload); {conditions(ms)}")
    return block("fwg-measured", table(caption, head("Server", "Loading", *(name for _, name in MEMORY)), rows,
                                       "fwg-measured-memory fwg-cards"), provenance(ms))


@macro("measured_startup_table", footer=False)
@_measured
def render_startup_table(guide: Guide) -> str:
    ms = guide.measured
    rows = []
    for s in _servers(ms):
        preload = (cell(ms, f"{s.id}.preload.startup_ms", label=STARTUP[1])
                   if f"{s.id}.preload.startup_ms" in ms.figures
                   else f"<td>{card_label(STARTUP[1])}<span>no such option</span></td>")
        rows.append(f"<tr>{_server_th(s)}{cell(ms, s.id + '.startup_ms', label=STARTUP[0])}{preload}</tr>")
    caption = f"Start-up: milliseconds from starting the command to the first answer from /health; {conditions(ms)}"
    return block("fwg-measured", table(caption, head("Server", *STARTUP), rows,
                                       "fwg-measured-startup fwg-cards"), provenance(ms))


# ------------------------------------------------------------------ charts


def bar_chart(chart_id: str, title: str, panels: list[tuple[str, list[tuple[Server, Figure, str]]]],
              caption_html: str) -> str:
    """Horizontal bars, one panel per heading, one scale for all panels.  Each row is
    (server, figure, value text): the server's name on its own line, then its bar and value, so the
    chart stays readable when a phone scales it down.  ASGI servers' bars are hatched and say so
    in their label."""
    row_h, head_h = 38, 24
    top = max((fig.median for _, rows in panels for _, fig, _ in rows), default=1) or 1
    parts, alt, y = [], [], 0
    for heading, rows in panels:
        y += head_h
        parts.append(f'<text x="0" y="{y - 8}" font-weight="700">{h(heading)}</text>')
        alt.append(f"{heading}:")
        for server, fig, text in rows:
            label = f"{server.name} ({server.interface})"
            w = max(1.0, fig.median / top * BAR_W)
            fill = f'url(#{chart_id}-hatch)' if server.interface == "ASGI" else "currentColor"
            opacity = "" if server.interface == "ASGI" else ' fill-opacity="0.55"'
            parts.append(f'<text x="0" y="{y + 13}">{h(label)}</text>')
            parts.append(f'<rect x="0" y="{y + 18}" width="{w:.1f}" height="14" fill="{fill}"{opacity} '
                         f'stroke="currentColor" stroke-width="1"/>')
            parts.append(f'<text x="{w + 6:.1f}" y="{y + 30}">{h(text)}</text>')
            alt.append(f"{label} {text};")
            y += row_h
        y += 6
    height = y + 4
    hatch = (f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
             f'patternTransform="rotate(45)"><rect width="6" height="6" fill="currentColor" fill-opacity="0.15"/>'
             f'<line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" stroke-width="3"/></pattern></defs>')
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CHART_W} {height}" role="img" '
           f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-size="13" fill="currentColor">',
           f'<title id="{chart_id}-title">{h(title)}</title>',
           f'<desc id="{chart_id}-desc">{h(" ".join(alt))}</desc>', hatch, *parts, "</svg>"]
    # The chart draws the table that follows it: the search indexes the table only.
    return lines(f'<figure class="fwg-chart" id="{chart_id}" {NO_SEARCH}>', *svg,
                 f"<figcaption>{caption_html} Solid bars: WSGI servers; hatched bars: ASGI servers. "
                 f"The same figures are in the table below.</figcaption>", "</figure>")


@macro("measured_predict_chart", footer=False)
@_measured
def render_predict_chart(guide: Guide) -> str:
    ms = guide.measured
    panels = []
    for c in ms.concurrency:
        rows = [(s, ms.figure(f"{s.id}.predict.c{c}.rps"), f"{median_text(ms, ms.figure(f'{s.id}.predict.c{c}.rps'))}"
                                                              f" requests/s") for s in _servers(ms)]
        panels.append((f"{number(c)} {'user' if c == 1 else 'users'}", rows))
    caption = f"POST /predict, requests per second (longer is better); {conditions(ms)}, medians."
    return block("fwg-measured", bar_chart("chart-predict", "Requests per second to POST /predict by server and "
                                                            "number of users", panels, caption))


@macro("measured_streams_chart", footer=False)
@_measured
def render_streams_chart(guide: Guide) -> str:
    ms = guide.measured
    rows = [(s, ms.figure(f"{s.id}.streams_held"), f"{median_text(ms, ms.figure(f'{s.id}.streams_held'))}")
            for s in _servers(ms)]
    st = ms.settings["streams"]
    caption = (f"Paced event streams held by one worker process (longer is better; the search stopped at "
               f"{number(st['max_streams'])}); {h(_machine_words(ms))}, medians.")
    return block("fwg-measured", bar_chart("chart-streams", "Event streams one worker process held, by server",
                                           [("Streams held", rows)], caption))


# ------------------------------------------------------------------ citing figures from other pages


def _order(ms: Measured, call: str, key: str, other: str | None, want: str) -> None:
    """Stop the build when the page says figure ``key`` is ``want`` ("below"/"above") ``other``
    and the medians disagree."""
    if other is None:
        return
    a, b = ms.figure(key), ms.figure(other)
    if a.metric != b.metric:
        raise CallProblem(f"{call}: compares {a.metric} with {b.metric}; compare one kind of figure")
    if (want == "below" and not a.median < b.median) or (want == "above" and not a.median > b.median):
        raise CallProblem(f"{call}: the page says {want}, but the medians are {median_text(ms, a)} and "
                          f"{median_text(ms, b)} {unit(a.metric)}; reword the page")


@macro("measured", footer=False)
def render_figure(guide: Guide, key: FigureKey, below: FigureKey | None = None, above: FigureKey | None = None,
                  links: PageLinks | None = None) -> str:
    """One figure inline, as its median with its unit, linked to its cell on the Measured page.
    ``below=``/``above=`` another figure state what the sentence says about the two; medians that
    disagree stop the build, so the prose cannot outlive the numbers."""
    ms = guide.measured
    fig = ms.figure(key)
    _order(ms, f"measured({key!r}, below={below!r})", key, below, "below")
    _order(ms, f"measured({key!r}, above={above!r})", key, above, "above")
    title = f"{_runs_short(ms)}, {ms.raw['date']}; see the Measured page"
    text = median_text(ms, fig)
    return (f'<a class="fwg-figure" href="{h(_measured_href(links))}#{anchor(key)}" title="{h(title)}">'
            f"{h(text)} {h(unit(fig.metric, text))}</a>")


@macro("measured_ratio", footer=False)
def render_ratio(guide: Guide, numerator: FigureKey, denominator: FigureKey, claim: str | None = None,
                 links: PageLinks | None = None) -> str:
    """The ratio of two medians measured in the same run ("3.2×"), linked to the Measured page.
    ``claim="more"`` (or ``"less"``) states what the sentence around it says; figures that
    disagree stop the build, so the prose cannot outlive the numbers."""
    ms = guide.measured
    a, b = ms.figure(numerator), ms.figure(denominator)
    if a.metric != b.metric:
        raise CallProblem(f"measured_ratio({numerator!r}, {denominator!r}): compares {a.metric} with {b.metric}; "
                          f"a ratio needs one kind of figure")
    if b.median == 0:
        raise CallProblem(f"measured_ratio({numerator!r}, {denominator!r}): the second figure is 0")
    value = a.median / b.median
    if claim not in (None, "more", "less"):
        raise CallProblem(f"measured_ratio(claim={claim!r}): claim is 'more', 'less' or left out")
    if (claim == "more" and value <= 1) or (claim == "less" and value >= 1):
        raise CallProblem(f"measured_ratio({numerator!r}, {denominator!r}, claim={claim!r}): the page says "
                          f"{claim}, but the figures give {ratio_text(value)} ({median_text(ms, a)} against "
                          f"{median_text(ms, b)} {unit(a.metric)}); reword the page")
    text = ratio_text(value)
    if capped(ms, a) and not capped(ms, b):
        text = f"at least {text}"
    title = f"{median_text(ms, a)} against {median_text(ms, b)} {unit(a.metric)}, {_runs_short(ms)}, {ms.raw['date']}"
    return (f'<a class="fwg-figure" href="{h(_measured_href(links))}#{anchor(numerator)}" title="{h(title)}">'
            f"{h(text)}</a>")
