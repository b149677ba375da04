"""Benchmark of the site (`make bench`; not part of `make test`).  Writes bench/report.md.

Measures, on a copy of the project in a temporary folder:
  1. full `mkdocs build` time (median of --runs), with macros and with macros off (the same
     pages with every macro call replaced by its rendered output, the macros plugin removed);
  2. in-process time to load + validate the data and to render every table and the flowchart;
  3. the same for synthetic data sets of 10, 100 and 1000 frameworks x features, with the
     per-cell cost and the fitted growth exponent;
  4. the weight (HTML, CSS, JS) of every built page, as Chromium loads it, against a plain
     one-page Material site with the same theme configuration;
  5. `mkdocs serve` latency: time from saving data/frameworks.yaml to the changed page.
and checks the budgets (PASS/FAIL).  Exit status 1 when a budget fails.
"""
from __future__ import annotations

import argparse
import copy
import datetime as dt
import functools
import gzip
import http.server
import math
import os
import platform
import re
import shutil
import socketserver
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fwguide.loader import load_guide  # noqa: E402
from fwguide.registry import REQUIRED, macros  # noqa: E402
from support import PROJECT_PARTS, free_port, page_paths  # noqa: E402

DATA = Path("data/frameworks.yaml")
FIXTURE = ROOT / "tests" / "fixtures" / "valid.yaml"
BUDGET_DATA_MS = 100.0
BUDGET_EXPONENT = 1.10          # "no worse than linear", with room for timer noise
# 20 KB until issue 16.  Then 28: the navigation has grown to 22 pages, and the site's stylesheet
# carries the comparison grid, the tables-as-cards layout for phones and the flowchart (9.3 KB,
# 2.9 KB gzipped).  Measured on the same machine, the heaviest ordinary page (glossary/) was
# 22.4 KB over the plain page before issue 16 and 26.8 KB after.
BUDGET_WEIGHT_KB = 28.0
GUIDE_SCRIPT = "decision-guide.js"   # a page that loads it is the interactive decision page
SIZES = [(2, 5), (10, 10), (25, 40)]   # frameworks x features = 10, 100, 1000
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("FWGUIDE_DATA", None)


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        elif src.exists():
            shutil.copy2(src, dest / part)
    return dest


def mkdocs(project: Path, *args: str, config: str = "mkdocs.yml", env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "mkdocs", *args, "--config-file", config], cwd=project,
                          env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=600)


# ------------------------------------------------------------------ 1. full build

DUMP_HOOK = '''
import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

OUT = Path(os.environ["FWGUIDE_BENCH_DUMP"])


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    dest = OUT / page.file.src_uri
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = dict(page.meta)
    front = "---\\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\\n\\n" if meta else ""
    dest.write_text(front + markdown, encoding="utf-8")
    return markdown
'''


def without_macros_plugin(config_text: str) -> str:
    """mkdocs.yml with the `- macros` plugin entry (and its indented options) removed."""
    out, skip_deeper = [], None
    for line in config_text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_deeper is not None and (not line.strip() or indent > skip_deeper):
            continue
        skip_deeper = None
        match = re.match(r"^(\s*)- macros\b", line)
        if match:
            skip_deeper = len(match.group(1))
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def build_once(project: Path, config: str, dest: Path) -> tuple[float, float | None]:
    if dest.exists():
        shutil.rmtree(dest)
    start = time.perf_counter()
    result = mkdocs(project, "build", "--strict", "--site-dir", str(dest), config=config)
    wall = time.perf_counter() - start
    if result.returncode:
        raise SystemExit(f"build failed ({config}):\n{result.stderr[-3000:]}")
    reported = re.search(r"Documentation built in ([0-9.]+) seconds", result.stderr)
    return wall, float(reported.group(1)) if reported else None


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def bench_build(work: Path, runs: int) -> dict:
    project = copy_project(work / "with-macros")
    # Dump every page as mkdocs-macros rendered it, then make a twin project from the dump.
    dump = work / "dump"
    (project / "bench_dump_hook.py").write_text(DUMP_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-dump.yml").write_text(config + "\nhooks:\n  - bench_dump_hook.py\n", encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "--site-dir", str(work / "dump-site"), config="mkdocs-dump.yml",
                    env={"FWGUIDE_BENCH_DUMP": str(dump)})
    if result.returncode:
        raise SystemExit(f"dump build failed:\n{result.stderr[-3000:]}")
    (project / "bench_dump_hook.py").unlink()
    (project / "mkdocs-dump.yml").unlink()
    plain = work / "without-macros"
    shutil.copytree(project, plain)
    for page in dump.rglob("*.md"):
        shutil.copy2(page, plain / "docs" / page.relative_to(dump))
    (plain / "mkdocs.yml").write_text(without_macros_plugin(config), encoding="utf-8")

    timings = {"with": [], "without": []}
    for _ in range(runs):  # interleaved, so drift in machine load hits both alike
        timings["with"].append(build_once(project, "mkdocs.yml", work / "site-with"))
        timings["without"].append(build_once(plain, "mkdocs.yml", work / "site-without"))
    with_html, without_html = html_files(work / "site-with"), html_files(work / "site-without")
    same = sum(with_html[k] == without_html.get(k) for k in with_html)
    out = {"runs": runs, "pages_same": same, "pages": len(with_html), "site": work / "site-with"}
    for key, values in timings.items():
        out[key] = statistics.median(v[0] for v in values)
        reported = [v[1] for v in values if v[1] is not None]
        out[key + "_reported"] = statistics.median(reported) if reported else None
    out["ratio"] = out["with"] / out["without"]
    return out


# ------------------------------------------------------------------ 2./3. in process

def render_calls(guide) -> list[tuple[str, tuple]]:
    """Every declared macro with every id argument the data allows: each table, list and the flowchart."""
    calls = []
    for name, m in macros().items():
        required = [p for p in m.params if p.default is REQUIRED]
        if not required:
            calls.append((name, ()))
        elif len(required) == 1 and required[0].many:   # every id of the kind, in one list
            calls.append((name, (list(guide.ids(required[0].kind)),)))
        elif len(required) == 1 and required[0].kind:
            calls += [(name, (ident,)) for ident in guide.ids(required[0].kind)]
        else:
            print(f"  (skipping macro {m.signature()})")
    return calls


def render_all(guide, calls) -> int:
    declared = macros()
    return sum(len(str(declared[name].render(guide, *args))) for name, args in calls)


def repetitions(fn, runs: int, budget: float = 4.0) -> int:
    """`runs`, or fewer (at least 5) when that many would take longer than `budget` seconds."""
    start = time.perf_counter()
    fn()
    once = time.perf_counter() - start
    return max(5, min(runs, int(budget / max(once, 1e-9))))


def bench_in_process(path: Path, runs: int) -> dict:
    load_runs = repetitions(lambda: load_guide(path), runs)
    load = median_time(lambda: load_guide(path), load_runs)
    guide = load_guide(path)
    calls = render_calls(guide)
    render = median_time(lambda: render_all(guide, calls), repetitions(lambda: render_all(guide, calls), runs))
    return {"load": load, "render": render, "total": load + render, "calls": len(calls), "runs": load_runs,
            "chars": render_all(guide, calls), "frameworks": len(guide.frameworks),
            "features": len(guide.features), "cells": len(guide.frameworks) * len(guide.features)}


def synthetic_data(n_frameworks: int, n_features: int) -> dict:
    """A valid data set of n_frameworks x n_features cells, built from the test fixture's shape."""
    data = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    per_category = 5
    data["categories"] = [{"id": f"cat-{c}", "name": f"Category {c}"}
                          for c in range(math.ceil(n_features / per_category))]
    data["features"] = [{"id": f"feature-{i}", "name": f"Feature {i}", "category": f"cat-{i // per_category}",
                         "description": f"What feature {i} does, in a sentence."} for i in range(n_features)]
    levels = ["built-in", "official-extension", "third-party", "partial", "not-available"]
    template = data["frameworks"][0]
    frameworks = []
    for j in range(n_frameworks):
        site, repo = f"https://fw{j}.example.org", f"https://github.com/example/fw{j}"
        fw = copy.deepcopy(template)
        fw.update(id=f"fw{j}", name=f"Framework {j}", symbol=chr(0x2460 + j), role="primary" if j < 2 else "reference",
                  summary=f"Framework {j}, a synthetic framework for the benchmark.", homepage=site + "/",
                  docs=site + "/docs/", repository=repo, package=f"https://pypi.org/project/fw{j}/",
                  licence_source=repo + "/blob/main/LICENSE", version_source=f"https://pypi.org/project/fw{j}/",
                  key_features=[{"text": "A small core.", "source": site + "/docs/design/"}],
                  ideal_uses=[{"text": "Model APIs.", "source": site + "/docs/"}])
        support = {}
        for i in range(n_features):
            level = levels[(i + j) % len(levels)]
            cell = {"level": level, "note": f"How framework {j} covers feature {i}.",
                    "source": f"{site}/docs/feature-{i}/"}
            if level in ("official-extension", "third-party"):
                cell["package"] = f"fw{j}-feature-{i}"
                cell["source"] = f"https://fw{j}-feature-{i}.example.org/"
            support[f"feature-{i}"] = cell
        fw["support"] = support
        fw["considerations"] = {c["id"]: {"rating": 1 + (j + k) % 5, "reason": "A synthetic rating.",
                                          "source": site + "/docs/"} for k, c in enumerate(data["considerations"])}
        frameworks.append(fw)
    data["frameworks"] = frameworks
    nodes = []
    for j in range(n_frameworks - 1):  # a chain: one question per framework
        nodes.append({"id": f"q-{j}", "question": f"Does framework {j} fit?",
                      "answers": [{"label": "Yes", "next": f"out-{j}"},
                                  {"label": "No", "next": f"q-{j + 1}" if j < n_frameworks - 2 else f"out-{j + 1}"}]})
    nodes += [{"id": f"out-{j}", "recommend": f"fw{j}", "title": f"Framework {j}", "reason": f"Framework {j} fits.",
               "architecture": ["Load the model once per process."], "add": ["A server."],
               "why_not": {f"fw{k}": "It fits less well." for k in range(n_frameworks) if k != j},
               "reconsider": ["The project changes."], "read_next": ["comparison.md"],
               "sources": [f"https://fw{j}.example.org/docs/"]} for j in range(n_frameworks)]
    data["decision"] = {"start": "q-0", "nodes": nodes}
    return _agreeing(data)


def _agreeing(data: dict) -> dict:
    """The data with a scorer note wherever the scorer disagrees with the tree, and one scenario
    (the first path) naming the scorer's first place, as the rules require."""
    from fwguide import model, scoring
    from fwguide.rules.scorer_agreement import disagreements
    guide = model.build(data)
    nodes = {node["id"]: node for node in data["decision"]["nodes"]}
    for _steps, outcome, first in disagreements(guide):
        nodes[outcome.id].setdefault("scorer_note", {}).update({fw: "The tree weighs this case." for fw in first})
    steps = guide.paths()[0]
    first = scoring.first_place(scoring.rank(guide, scoring.path_weights(guide, steps), scoring.path_team(steps)))
    data["scenarios"] = [{"id": "first-path", "name": "The first path", "answers": [a.label for _q, a in steps],
                          "expect": steps[-1][1].next, "scorer_first": first, "note": "A synthetic scenario."}]
    return data


def bench_synthetic(work: Path, runs: int) -> list[dict]:
    rows = []
    for n_frameworks, n_features in SIZES:
        path = work / f"synthetic-{n_frameworks}x{n_features}.yaml"
        path.write_text(yaml.safe_dump(synthetic_data(n_frameworks, n_features), sort_keys=False,
                                       allow_unicode=True, width=1000), encoding="utf-8")
        load_guide(path)  # raises DataError with the report if the generator broke a rule
        rows.append(bench_in_process(path, runs))
    xs = [math.log(r["cells"]) for r in rows]
    ys = [math.log(r["total"]) for r in rows]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / sum((x - mean_x) ** 2 for x in xs)
    marginal = [math.log(b["total"] / a["total"]) / math.log(b["cells"] / a["cells"]) for a, b in zip(rows, rows[1:])]
    return rows, slope, marginal


# ------------------------------------------------------------------ 4. page weight

def serve_dir(directory: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def baseline_site(work: Path) -> Path:
    """A one-page Material site with this project's theme settings (no custom_dir) and search."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    project = work / "baseline"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# A plain page\n\nOne paragraph of text.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "Baseline", "theme": theme,
                                                        "plugins": ["search"]}), encoding="utf-8")
    result = mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    if result.returncode:
        raise SystemExit(f"baseline build failed:\n{result.stderr[-2000:]}")
    return project / "site"


def kind_of(path: str) -> str:
    if path.endswith("/") or path.endswith(".html"):
        return "html"
    return {".css": "css", ".js": "js"}.get(Path(path).suffix, "other")


def weigh_pages(browser, site: Path, paths: list[str]) -> dict[str, dict]:
    """What Chromium fetches for each page (fresh context, no cache), sized from the files on disk."""
    server, base = serve_dir(site)
    out = {}
    try:
        for path in paths:
            context = browser.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base)
                          else route.abort())
            page = context.new_page()
            fetched: list[str] = []
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(base + path, wait_until="load")
            page.wait_for_load_state("networkidle")
            context.close()
            sizes = {"html": 0, "css": 0, "js": 0, "other": 0, "gzip": 0}
            for url in dict.fromkeys(fetched):
                rel = urlsplit(url).path.lstrip("/")
                file = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
                if not file.is_file():
                    continue
                body = file.read_bytes()
                kind = kind_of(rel or "/")
                sizes[kind] += len(body)
                if kind != "other":
                    sizes["gzip"] += len(gzip.compress(body, 6))
            sizes["total"] = sizes["html"] + sizes["css"] + sizes["js"]
            sizes["interactive"] = any(urlsplit(u).path.endswith(GUIDE_SCRIPT) for u in fetched)
            own = (site / path / "index.html").read_bytes()
            sizes["own_html"] = len(own)
            sizes["article"] = article_bytes(own)
            out[path] = sizes
    finally:
        server.shutdown()
        server.server_close()
    return out


ARTICLE = re.compile(rb'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def article_bytes(html: bytes) -> int:
    """Bytes of the page's own content (Material's <article>), the part that is not site chrome."""
    match = ARTICLE.search(html)
    return len(match.group(1)) if match else 0


def bench_weight(work: Path, site: Path) -> tuple[dict, dict]:
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from playwright.sync_api import sync_playwright

    from conftest import CHROMIUM_ARGS, chromium_path
    baseline = baseline_site(work)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            pages = weigh_pages(browser, site, page_paths(site))
            base = weigh_pages(browser, baseline, [""])[""]
        finally:
            browser.close()
    return pages, base


# ------------------------------------------------------------------ 5. serve latency

def fetch_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def bench_serve(work: Path, edits: int) -> dict:
    project = copy_project(work / "serve")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                               cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while fetch_text(base) is None:
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("mkdocs serve did not start")
            time.sleep(0.1)
        data = project / DATA
        text = data.read_text(encoding="utf-8")
        match = re.search(r'^(\s+summary: ")([^"\n]*)(")', text, flags=re.M)
        if not match:
            raise SystemExit("no framework summary found to edit")
        latencies = []
        for i in range(edits):
            token = f"Benchmark edit {i} {time.time_ns() % 10**9}."
            changed = text[:match.start(2)] + token + text[match.end(2):]
            time.sleep(1.0)  # let the server settle after the previous rebuild
            start = time.perf_counter()
            data.write_text(changed, encoding="utf-8")
            while True:
                page = fetch_text(base)
                if page is not None and token in page:
                    break
                if time.perf_counter() - start > 60:
                    raise SystemExit("the edited value did not appear within 60 s")
                time.sleep(0.02)
            latencies.append(time.perf_counter() - start)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return {"edits": edits, "median": statistics.median(latencies), "min": min(latencies),
            "max": max(latencies), "all": latencies}


# ------------------------------------------------------------------ report

def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the site; writes bench/report.md")
    parser.add_argument("--runs", type=int, default=5, help="full builds per variant (median)")
    parser.add_argument("--inner", type=int, default=30, help="in-process repetitions (median)")
    parser.add_argument("--edits", type=int, default=5, help="YAML edits under mkdocs serve (median)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "report.md")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fwguide-bench-") as tmp:
        work = Path(tmp)
        print("full builds ...", flush=True)
        build = bench_build(work, args.runs)
        print("in-process load and render ...", flush=True)
        real = bench_in_process(ROOT / DATA, args.inner)
        synthetic, slope, marginal = bench_synthetic(work, args.inner)
        print("page weight ...", flush=True)
        weights, baseline = bench_weight(work, build["site"])
        print("mkdocs serve latency ...", flush=True)
        serve = bench_serve(work, args.edits)

    budgets = []
    budgets.append(("Data load + validation + rendering of the real data < 100 ms",
                    real["total"] * 1000 < BUDGET_DATA_MS, ms(real["total"])))
    budgets.append((f"Growth no worse than linear in frameworks x features (fitted exponent <= {BUDGET_EXPONENT})",
                    slope <= BUDGET_EXPONENT, f"exponent {slope:.2f}"))
    plain_pages = {p: w for p, w in weights.items() if not w["interactive"]}
    # A page's weight is its HTML, CSS and JS.  Its own article (prose, tables, code) is content,
    # not cost of the site: the budget is on everything else the page carries and loads, against
    # the same for a plain Material page.  The totals, content included, are in the table below.
    chrome = {p: (w["total"] - w["article"]) - (baseline["total"] - baseline["article"])
              for p, w in plain_pages.items()}
    worst = max(chrome.items(), key=lambda item: item[1])
    over = [p or "/" for p, extra in chrome.items() if extra > BUDGET_WEIGHT_KB * 1024]
    budgets.append((f"Every page but the interactive decision page within {BUDGET_WEIGHT_KB:.0f} KB of the plain Material page, "
                    "not counting the page's own article", not over,
                    f"heaviest {worst[0] or '/'} +{kb(worst[1])}" + (f"; over: {', '.join(over)}" if over else "")))
    heaviest = max(plain_pages.items(), key=lambda item: item[1]["total"])
    budgets.append(("(shown, not a budget) Heaviest page but the decision page, content included, over the plain page",
                    True, f"{heaviest[0] or '/'} +{kb(heaviest[1]['total'] - baseline['total'])}"))

    lines = [
        "# Benchmark report", "",
        f"Generated by `make bench` (bench/run.py) on {dt.datetime.now().isoformat(timespec='seconds')}; "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())} at the end. Total run time "
        f"{time.perf_counter() - started:.0f} s.", "",
        "## Budgets", "",
        "| budget | result | measured |", "| --- | --- | --- |",
        *[f"| {name} | **{'PASS' if ok else 'FAIL'}** | {value} |" for name, ok, value in budgets], "",
        "## Full build", "",
        f"Median of {build['runs']} runs of `mkdocs build --strict` in a project copy (wall clock, including "
        "Python start-up; MkDocs' own \"built in\" figure in brackets).", "",
        "| variant | wall clock | MkDocs reports |", "| --- | --- | --- |",
        f"| with macros (the real site) | {ms(build['with'])} | {ms(build['with_reported'] or 0)} |",
        f"| macros off, same pages pre-rendered | {ms(build['without'])} | {ms(build['without_reported'] or 0)} |",
        f"| ratio with / without | {build['ratio']:.2f} | "
        f"{(build['with_reported'] or 0) / (build['without_reported'] or 1):.2f} |", "",
        "Macros off: every page as mkdocs-macros rendered it (dumped by a build hook, front matter kept) "
        "replaces its source, and the macros plugin is removed from a copy of mkdocs.yml. Both builds "
        f"then turn the same Markdown into the same site: {build['pages_same']} of {build['pages']} HTML "
        "files are byte-identical, so the difference is the cost of the macros (plugin, data load, "
        "validation, rendering).", "",
        "## Data load, validation and rendering (in process)", "",
        f"Median of up to {args.inner} runs each (fewer, at least 5, for the largest set), `time.perf_counter`. Rendering calls every macro with every "
        "argument the data allows (each table, list, the flowchart and its text version).", "",
        "| data | frameworks x features | cells | load + validate | render | total | per cell | output |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for label, r in [("real data/frameworks.yaml", real)] + [(f"synthetic {r['cells']}", r) for r in synthetic]:
        lines.append(f"| {label} | {r['frameworks']} x {r['features']} | {r['cells']} | {ms(r['load'])} | "
                     f"{ms(r['render'])} | {ms(r['total'])} | {r['total'] / r['cells'] * 1e6:.0f} µs | "
                     f"{r['calls']} calls, {r['chars'] / 1024:.0f} KB |")
    lines += ["", f"Fitted exponent (least squares of log time on log cells): **{slope:.2f}** "
              f"(1 = linear). Between consecutive sizes: {', '.join(f'{m:.2f}' for m in marginal)}. "
              "Synthetic sets are generated from the test fixture's shape (categories of 5 features, a "
              "one-question-per-framework decision chain) and pass `load_guide`.", "",
              "## Page weight", "",
              "What Chromium fetches for each page in a fresh context (HTML, CSS, JS; the decision guide's "
              "scripts where they load; the search worker script counts as JS, the search index as other), sized "
              "from the built files. Baseline: a one-page Material site with the same theme settings and "
              "the search plugin.", "",
              "| page | HTML | CSS | JS | total | vs baseline | gzip total | other (index, images) |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |",
              f"| *baseline: plain Material page* | {kb(baseline['html'])} | {kb(baseline['css'])} | "
              f"{kb(baseline['js'])} | {kb(baseline['total'])} | | {kb(baseline['gzip'])} | {kb(baseline['other'])} |"]
    for path, w in weights.items():
        delta = w["total"] - baseline["total"]
        lines.append(f"| {path or '/'}{' (interactive)' if w['interactive'] else ''} | {kb(w['html'])} | {kb(w['css'])} | "
                     f"{kb(w['js'])} | {kb(w['total'])} | {'+' if delta >= 0 else ''}{kb(delta)} | "
                     f"{kb(w['gzip'])} | {kb(w['other'])} |")
    lines += ["", "## `mkdocs serve` latency", "",
              f"Time from writing a changed framework summary into data/frameworks.yaml to the home page "
              f"serving it (polled every 20 ms), {serve['edits']} edits: median **{ms(serve['median'])}**, "
              f"min {ms(serve['min'])}, max {ms(serve['max'])} "
              f"({', '.join(ms(x) for x in serve['all'])}).", ""]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    print(f"\nwritten to {args.out}")
    return 0 if all(ok for _, ok, _ in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
