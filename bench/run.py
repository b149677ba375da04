"""Benchmark of the site (`make bench`; not part of `make test`).  Writes bench/report.md.

Every budget in bench/budgets.py is judged from its own measurement, and `make bench` exits 1
when one fails.  Rows marked "shown, not a budget" carry no verdict.  Measured on copies of the
project in a temporary folder (``--project DIR`` measures another checkout with this harness):

  builds    full `mkdocs build --strict`, alternated with a twin of the same pages pre-rendered
            without macros (A/B pairs in one run); wall clock and CPU time (the child's own
            rusage) with min, median and spread; the project's own CPU inside the build
            (fwguide.site.WORK: load and validate, render, export) over the build's CPU.
  growth    in process, in a child per point: load + validate + render + export for data grown
            along one axis at a time (frameworks with features fixed, features with frameworks
            fixed) up to 100 x 100; CPU per stage, fitted exponent, peak memory.
  big       a full strict build of the site with 100 frameworks x 100 features.
  pages     Chromium (Playwright) loads every page: transfer sizes raw and gzipped, the search
            index, what each page carries beyond a plain Material page; and for the home,
            comparison and decision pages, layout shift (PerformanceObserver 'layout-shift',
            session windows as Lighthouse counts them) and blocking time ('longtask') with
            Lighthouse's mobile settings (412 x 823 viewport, 4x CPU slowdown).
  serve     `mkdocs serve` with live reload, a page open in Chromium; save data/frameworks.yaml
            and time until the new text is visible in that page; count the rebuilds per save
            in the server's log.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from bench import budgets as B  # noqa: E402
from bench.probe import HOOK  # noqa: E402
from support import copy_project, free_port, page_paths, static_server  # noqa: E402

DATA_REL = "data/frameworks.yaml"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("FWGUIDE_DATA", None)
ENV.pop("FWGUIDE_SERVE", None)
KB = B.KB
LEVELS = ["built-in", "official-extension", "third-party", "not-available"]
FRAMEWORK_POINTS = [3, 6, 12, 25, 50, 100]    # frameworks, with BIG_DATA[1] features
FEATURE_POINTS = [6, 12, 25, 50, 100]         # features, with BIG_DATA[0] frameworks
METRIC_PAGES = ["", "comparison/", "decision/"]
MOBILE = {"width": 412, "height": 823}
CPU_SLOWDOWN = 4


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ statistics

@dataclass
class Stats:
    values: list[float]

    @property
    def min(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def max(self) -> float:
        return max(self.values)

    @property
    def spread(self) -> float:
        """(max - min) / median: how far apart the repeats were."""
        return (self.max - self.min) / self.median if self.median else 0.0

    def fmt(self, unit: str = "s", scale: float = 1.0, digits: int = 2) -> str:
        f = f"{{:.{digits}f}}"
        return (f"median {f.format(self.median * scale)} {unit} (min {f.format(self.min * scale)}, "
                f"max {f.format(self.max * scale)}, spread {self.spread:.0%}, n={len(self.values)})")


def fit_exponent(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log y on log x."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


# ------------------------------------------------------------------ the machine

def machine() -> dict:
    info = {"cores": os.cpu_count(), "python": platform.python_version(), "system": platform.platform()}
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.M)
        info["cpu"] = model.group(1).strip() if model else platform.processor() or "unknown"
        mem = re.search(r"^MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        info["memory_gb"] = int(mem.group(1)) / 1024 / 1024 if mem else None
    except OSError:
        info["cpu"], info["memory_gb"] = platform.processor() or "unknown", None
    return info


def loadavg() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


# ------------------------------------------------------------------ child processes

@dataclass
class Run:
    returncode: int
    wall: float
    cpu: float            # user + system of the child itself
    maxrss_mb: float
    stdout: str = ""
    stderr: str = ""


def run_child(args: list[str], cwd: Path, env: dict | None = None, timeout: float = 900) -> Run:
    """Run a child and take its own resource usage from wait4 (CPU and peak memory of that child)."""
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    start = time.perf_counter()
    proc = subprocess.Popen(args, cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=err)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.seek(0)
    err.seek(0)
    return Run(proc.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def mkdocs_build(project: Path, site: Path, config: str = "mkdocs.yml", env: dict | None = None) -> Run:
    if site.exists():
        shutil.rmtree(site)
    return run_child([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site),
                      "--config-file", config], project, env)


def with_hook(config_text: str, hook: str) -> str:
    """mkdocs.yml with one more hook file."""
    if re.search(r"^hooks:\n", config_text, re.M):
        return re.sub(r"^hooks:\n", f"hooks:\n  - {hook}\n", config_text, count=1, flags=re.M)
    return config_text.rstrip("\n") + f"\n\nhooks:\n  - {hook}\n"


def without_entries(config_text: str, pattern: str) -> str:
    """mkdocs.yml without the list entries matching `pattern` (and their indented options)."""
    out, skip_deeper = [], None
    for line in config_text.splitlines():
        indent = len(line) - len(line.lstrip())
        if skip_deeper is not None and (not line.strip() or indent > skip_deeper):
            continue
        skip_deeper = None
        match = re.match(rf"^(\s*)- {pattern}", line)
        if match:
            skip_deeper = len(match.group(1))
            continue
        out.append(line)
    text = "\n".join(out) + "\n"
    return re.sub(r"^hooks:\n(?=\S|\Z)", "", text, flags=re.M)   # an emptied hooks: list


def add_probe(project: Path) -> str:
    (project / "bench_probe.py").write_text(HOOK, encoding="utf-8")
    config = with_hook((project / "mkdocs.yml").read_text(encoding="utf-8"), "bench_probe.py")
    (project / "mkdocs-bench.yml").write_text(config, encoding="utf-8")
    return "mkdocs-bench.yml"


def project_copy(work: Path, name: str, root: Path) -> Path:
    """A fresh copy of the checkout's sources (nothing generated) at work/name/project."""
    (work / name).mkdir()
    return copy_project(work / name, root)


def export_first(project: Path) -> Run:
    """What `make build` and `make serve` run before the builder."""
    return run_child([sys.executable, "-m", "fwguide.export"], project)


# ------------------------------------------------------------------ 1. builds

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


def twin_without_macros(project: Path, work: Path) -> Path:
    """The same pages as mkdocs-macros rendered them, built without the macros plugin (and without the
    hooks that need it); the JSON API files copied in as static files, so both publish the same site."""
    dump, dump_site = work / "dump", work / "dump-site"
    (project / "bench_dump.py").write_text(DUMP_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-dump.yml").write_text(with_hook(config, "bench_dump.py"), encoding="utf-8")
    result = mkdocs_build(project, dump_site, "mkdocs-dump.yml", {"FWGUIDE_BENCH_DUMP": str(dump)})
    if result.returncode:
        raise SystemExit(f"dump build failed:\n{result.stderr[-3000:]}")
    for name in ("bench_dump.py", "mkdocs-dump.yml"):
        (project / name).unlink()
    twin = work / "twin"
    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("site", "mkdocs-bench.yml", "bench_probe.py"))
    for page in dump.rglob("*.md"):
        shutil.copy2(page, twin / "docs" / page.relative_to(dump))
    if (dump_site / "api").is_dir():
        shutil.rmtree(twin / "docs" / "api", ignore_errors=True)
        shutil.copytree(dump_site / "api", twin / "docs" / "api")
    text = without_entries(without_entries(config, r"macros\b"), r"fwguide/mkdocs_hooks\.py")
    (twin / "mkdocs.yml").write_text(text, encoding="utf-8")
    return twin


def html_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def bench_builds(project: Path, work: Path, runs: int) -> dict:
    config = add_probe(project)
    twin = twin_without_macros(project, work)
    probe = work / "probe.json"
    a, b, shares, imports, probes = [], [], [], [], []
    for i in range(runs):   # A/B alternated, order swapped every pair, so drift in load hits both alike
        order = ("a", "b") if i % 2 == 0 else ("b", "a")
        for which in order:
            if which == "a":
                probe.unlink(missing_ok=True)
                run = mkdocs_build(project, work / "site-a", config, {"FWGUIDE_BENCH_PROBE": str(probe)})
                if run.returncode:
                    raise SystemExit(f"build failed:\n{run.stderr[-3000:]}")
                data = json.loads(probe.read_text())
                probes.append(data)
                a.append(run)
                work_cpu = data["work"]
                if work_cpu is not None:
                    shares.append(sum(v for k, v in work_cpu.items() if "." not in k) / run.cpu)
                marks = data["marks"]
                imports.append(marks["config_end"] - marks["config_start"]
                               - (work_cpu or {}).get("load", 0.0))
            else:
                run = mkdocs_build(twin, work / "site-b")
                if run.returncode:
                    raise SystemExit(f"twin build failed:\n{run.stderr[-3000:]}")
                b.append(run)
    with_html, twin_html = html_files(work / "site-a"), html_files(work / "site-b")
    same = sum(with_html[k] == twin_html.get(k) for k in with_html)
    last_work = probes[-1]["work"]
    return {
        "runs": runs, "a_wall": Stats([r.wall for r in a]), "a_cpu": Stats([r.cpu for r in a]),
        "b_wall": Stats([r.wall for r in b]), "b_cpu": Stats([r.cpu for r in b]),
        "a_rss": max(r.maxrss_mb for r in a), "ratios": Stats([x.cpu / y.cpu for x, y in zip(a, b)]),
        "share": Stats(shares) if shares else None, "import": Stats(imports),
        "work": {k: Stats([p["work"][k] for p in probes if p["work"] and k in p["work"]])
                 for k in (last_work or {})},
        "pages_same": same, "pages": len(with_html), "site": work / "site-a",
        "writes_docs_api": (project / "docs" / "api").exists(),
    }


# ------------------------------------------------------------------ 2. data growth

def scaled_data(real: dict, n_frameworks: int, n_features: int) -> dict:
    """The real data grown (or cut) to n_frameworks x n_features: extra frameworks are copies of the
    reference framework with their own sites, rated lowest everywhere (so they never top the
    scorer, and the scenarios still hold) and named in every recommendation's "why not"; extra
    features come in categories of ten; fewer features keep the first n and their categories."""
    import copy
    d = copy.deepcopy(real)
    if n_features < len(d["features"]):
        d["features"] = d["features"][:n_features]
        used = {f["category"] for f in d["features"]}
        d["categories"] = [c for c in d["categories"] if c["id"] in used]
        keep = {f["id"] for f in d["features"]}
        for fw in d["frameworks"]:
            fw["support"] = {k: v for k, v in fw["support"].items() if k in keep}
    for i in range(n_features - len(d["features"])):
        category = f"bench-{i // 10}"
        if i % 10 == 0:
            d["categories"].append({"id": category, "name": f"Bench area {i // 10}"})
        d["features"].append({"id": f"bench-feature-{i}", "name": f"Bench feature {i}", "category": category,
                              "description": f"What bench feature {i} does, in one sentence."})
    template = next(fw for fw in d["frameworks"] if fw["role"] == "reference")
    for j in range(n_frameworks - len(d["frameworks"])):
        fw, site = copy.deepcopy(template), f"https://fw{j}.example.org"
        fw.update(id=f"bench-fw-{j}", name=f"Bench framework {j}", symbol=chr(0x2460 + j),
                  summary=f"Bench framework {j}, generated for the benchmark.", homepage=site + "/",
                  docs=site + "/docs/", repository=f"https://github.com/example/fw{j}",
                  package=f"https://pypi.org/project/bench-fw-{j}/", licence_source=site + "/licence/",
                  version_source=f"https://pypi.org/project/bench-fw-{j}/", support={})
        for item in fw["key_features"] + fw["ideal_uses"]:
            item["source"] = site + "/docs/"
        for rated in fw["considerations"].values():
            rated.update(rating=1, source=site + "/docs/")
        d["frameworks"].append(fw)
    for node in d["decision"]["nodes"]:
        if "recommend" in node:
            for fw in d["frameworks"]:
                if fw["id"] != node["recommend"] and fw["id"] not in node["why_not"]:
                    node["why_not"][fw["id"]] = f"{fw['name']} is a benchmark stand-in."
    for j, fw in enumerate(d["frameworks"]):
        for i, feature in enumerate(d["features"]):
            if feature["id"] in fw["support"]:
                continue
            level = LEVELS[(i + j) % len(LEVELS)]
            cell = {"level": level, "note": f"How {fw['name']} covers {feature['name']}.",
                    "source": f"{fw['homepage']}docs/f{i}/"}
            if level in ("official-extension", "third-party"):
                cell["package"] = f"pkg-{j}-{i}"
            fw["support"][feature["id"]] = cell
    return d


def write_yaml(data: dict, path: Path) -> int:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return len(text.encode("utf-8"))


def growth_point(project: Path, work: Path, real: dict, n_frameworks: int, n_features: int, repeats: int) -> dict:
    path = work / f"data-{n_frameworks}x{n_features}.yaml"
    size = write_yaml(scaled_data(real, n_frameworks, n_features), path)
    run = run_child([sys.executable, str(HERE / "probe.py"), str(project), str(path), str(repeats)], project)
    if run.returncode:
        raise SystemExit(f"growth point {n_frameworks}x{n_features} failed:\n{run.stderr[-3000:]}")
    data = json.loads(run.stdout)
    runs = data["runs"]
    return {"frameworks": n_frameworks, "features": n_features, "bytes": size,
            "total": Stats([r["total"] for r in runs]),
            **{k: Stats([r[k] for r in runs]) for k in ("load", "render", "export")},
            "chars": runs[0]["chars"], "json": runs[0]["json"],
            "tracemalloc_mb": data["tracemalloc_peak"] / B.MB, "maxrss_mb": data["maxrss_kb"] / 1024}


def bench_growth(project: Path, work: Path, repeats: int) -> dict:
    real = yaml.safe_load((project / DATA_REL).read_text(encoding="utf-8"))
    fixed_features, fixed_frameworks = B.BIG_DATA[1], B.BIG_DATA[0]
    axes, seen = {}, {}
    for axis, points in (("frameworks", [(n, fixed_features) for n in FRAMEWORK_POINTS]),
                         ("features", [(fixed_frameworks, n) for n in FEATURE_POINTS])):
        rows = []
        for n_frameworks, n_features in points:
            if (n_frameworks, n_features) not in seen:   # the 100 x 100 point ends both axes
                log(f"  growth {n_frameworks} x {n_features} ...")
                seen[n_frameworks, n_features] = growth_point(project, work, real, n_frameworks, n_features, repeats)
            rows.append(seen[n_frameworks, n_features])
        xs = [r[axis] for r in rows]
        ys = [r["total"].median for r in rows]
        axes[axis] = {"rows": rows, "exponent": fit_exponent(xs, ys),
                      "last": math.log(ys[-1] / ys[-2]) / math.log(xs[-1] / xs[-2])}
    real_point = growth_point(project, work, real, len(real["frameworks"]), len(real["features"]), repeats)
    return {"axes": axes, "real": real_point}


# ------------------------------------------------------------------ 3. the big build

def big_project(base: Path, root: Path, n_frameworks: int, n_features: int) -> tuple[Path, int]:
    project = project_copy(base, "big", root)
    real = yaml.safe_load((project / DATA_REL).read_text(encoding="utf-8"))
    data = scaled_data(real, n_frameworks, n_features)
    size = write_yaml(data, project / DATA_REL)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = re.search(r"^(\s*)- [^\n]*: frameworks/[\w-]+\.md\n(?!\1- [^\n]*: frameworks/)", config, re.M)
    if not anchor:
        raise SystemExit("no framework pages found in the nav of mkdocs.yml")
    extra = "".join(f"{anchor.group(1)}- {fw['name']}: frameworks/{fw['id']}.md\n"
                    for fw in data["frameworks"] if fw["id"].startswith("bench-fw-"))
    (project / "mkdocs.yml").write_text(config[:anchor.end()] + extra + config[anchor.end():], encoding="utf-8")
    for fw in data["frameworks"]:
        page = project / "docs" / "frameworks" / f"{fw['id']}.md"
        if not page.exists():
            page.write_text(f'{{{{ framework_page("{fw["id"]}") }}}}\n', encoding="utf-8")
    return project, size


def bench_big(root: Path, work: Path, runs: int) -> dict:
    n_frameworks, n_features = B.BIG_DATA
    project, size = big_project(work, root, n_frameworks, n_features)
    config = add_probe(project)
    probe = work / "big-probe.json"
    refused = mkdocs_build(project, work / "big-site", config, {"FWGUIDE_BENCH_PROBE": str(probe)})
    out = {"bytes": size, "refused": None, "runs": []}
    if refused.returncode:
        limit = re.search(r"file is (\d+) bytes; the limit is (\d+)", refused.stderr)
        if not limit:
            raise SystemExit(f"the {n_frameworks} x {n_features} build failed:\n{refused.stderr[-3000:]}")
        out["refused"] = {"line": limit.group(0), "limit": int(limit.group(2))}
    else:
        out["runs"].append(refused)
    lifted = {"FWGUIDE_BENCH_PROBE": str(probe)}
    if out["refused"]:
        lifted["FWGUIDE_BENCH_MAX_BYTES"] = str(max(4 * size, 1 << 24))
    while len(out["runs"]) < runs:
        run = mkdocs_build(project, work / "big-site", config, lifted)
        if run.returncode:
            raise SystemExit(f"the {n_frameworks} x {n_features} build failed:\n{run.stderr[-3000:]}")
        out["runs"].append(run)
    out["wall"] = Stats([r.wall for r in out["runs"]])
    out["cpu"] = Stats([r.cpu for r in out["runs"]])
    out["rss"] = max(r.maxrss_mb for r in out["runs"])
    out["pages"] = len(list((work / "big-site").rglob("index.html")))
    return out


# ------------------------------------------------------------------ 4. pages in Chromium

OBSERVE = """
(() => {
  const p = window.__fwgPerf = {shifts: [], longtasks: [], fcp: null, lcp: null};
  const watch = (type, fn) => { try { new PerformanceObserver(l => l.getEntries().forEach(fn)).observe({type, buffered: true}); } catch (e) {} };
  watch('layout-shift', e => { if (!e.hadRecentInput) p.shifts.push([e.startTime, e.value]); });
  watch('longtask', e => p.longtasks.push([e.startTime, e.duration]));
  watch('paint', e => { if (e.name === 'first-contentful-paint') p.fcp = e.startTime; });
  watch('largest-contentful-paint', e => { p.lcp = e.startTime; });
})();
"""


def cls_of(shifts: list[list[float]]) -> float:
    """Lighthouse's CLS: the largest session window (shifts < 1 s apart, window at most 5 s)."""
    best = current = 0.0
    start = last = None
    for at, value in sorted(shifts):
        if start is None or at - last > 1000 or at - start > 5000:
            start, current = at, 0.0
        current += value
        last = at
        best = max(best, current)
    return best


def blocking_time(longtasks: list[list[float]], fcp: float | None) -> float:
    return sum(max(0.0, d - 50) for at, d in longtasks if fcp is None or at + d > fcp)


ARTICLE = re.compile(rb'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def gz(body: bytes) -> int:
    return len(gzip.compress(body, 6))


def load_page(browser, url: str, base: str, metrics: bool) -> dict:
    """Everything one page load fetches (fresh context, no cache, other hosts blocked), sized raw and
    gzipped from the bodies; with metrics, Lighthouse-style figures under its mobile settings."""
    context = browser.new_context(viewport=MOBILE if metrics else None)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    if metrics:
        context.add_init_script(OBSERVE)
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    if metrics:
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    try:
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1500 if metrics else 300)   # late work after the network goes quiet
        perf = page.evaluate("window.__fwgPerf") if metrics else None
        files = {}
        for response in responses:
            try:
                body = response.body()
            except Exception:   # redirects and aborted requests have none
                continue
            files[response.url[len(base) - 1:]] = body
    finally:
        context.close()
    doc = files.get(url[len(base) - 1:], b"")
    article = ARTICLE.search(doc)
    out = {"requests": len(files), "raw": sum(map(len, files.values())), "gz": sum(gz(b) for b in files.values()),
           "html_raw": len(doc), "article_gz": gz(article.group(1)) if article else 0,
           "index_gz": sum(gz(b) for u, b in files.items() if u.endswith("search_index.json")),
           "index_raw": sum(len(b) for u, b in files.items() if u.endswith("search_index.json")),
           "files": {u: (len(b), gz(b)) for u, b in files.items()}}
    if perf:
        out.update(cls=cls_of(perf["shifts"]), tbt=blocking_time(perf["longtasks"], perf["fcp"]),
                   fcp=perf["fcp"], lcp=perf["lcp"])
    return out


def baseline_site(root: Path, work: Path) -> Path:
    """A one-page Material site with this project's theme settings (no custom_dir) and search."""
    class Loader(yaml.SafeLoader):
        pass
    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    theme = {k: v for k, v in config["theme"].items() if k != "custom_dir"}
    project = work / "baseline"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# A plain page\n\nOne paragraph of text.\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(yaml.safe_dump({"site_name": "Baseline", "theme": theme,
                                                        "plugins": ["search"]}), encoding="utf-8")
    run = mkdocs_build(project, project / "site")
    if run.returncode:
        raise SystemExit(f"baseline build failed:\n{run.stderr[-2000:]}")
    return project / "site"


def chromium():
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import CHROMIUM_ARGS, chromium_path
    path = os.environ.get("CHROME_PATH") or chromium_path()
    if not path:
        raise SystemExit("no Chromium found: run `make bench` (it finds one with tools/browser.py) or set CHROME_PATH")
    manager = sync_playwright().start()
    return manager, manager.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)


def bench_pages(root: Path, site: Path, work: Path, repeats: int) -> dict:
    baseline = baseline_site(root, work)
    manager, browser = chromium()
    try:
        with static_server(baseline) as base:
            plain = load_page(browser, base, base, metrics=False)
        with static_server(site) as base:
            weights = {path: load_page(browser, base + path, base, metrics=False) for path in page_paths(site)}
            metrics = {path: [load_page(browser, base + path, base, metrics=True) for _ in range(repeats)]
                       for path in METRIC_PAGES}
    finally:
        browser.close()
        manager.stop()
    return {"plain": plain, "weights": weights, "metrics": metrics,
            "index_raw": (site / "search" / "search_index.json").stat().st_size,
            "index_gz": gz((site / "search" / "search_index.json").read_bytes())}


# ------------------------------------------------------------------ 5. serve latency

def process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_serve(project: Path, edits: int) -> dict:
    export_first(project)   # as `make serve` does
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    server_log = project / "serve.log"
    with server_log.open("wb") as sink:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
                                    "--livereload"], cwd=project, env=ENV, stdout=sink, stderr=subprocess.STDOUT)
    manager = browser = None
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(base, timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("mkdocs serve did not start:\n" + server_log.read_text()[-3000:])
                time.sleep(0.2)
        manager, browser = chromium()
        page = browser.new_page()
        page.goto(base, wait_until="load")
        data = project / DATA_REL
        text = data.read_text(encoding="utf-8")
        match = re.search(r'^(\s+summary: ")([^"\n]*)(")', text, flags=re.M)
        if not match:
            raise SystemExit("no framework summary found to edit")
        latencies, rebuilds, cpu = [], [], []
        for i in range(edits):
            time.sleep(1.5)   # let the previous rebuild and reload settle
            token = f"Benchmark edit {i} {time.time_ns() % 10**9}."
            before_log = len(server_log.read_bytes())
            before_cpu = process_cpu(process.pid)
            start = time.perf_counter()
            data.write_text(text[:match.start(2)] + token + text[match.end(2):], encoding="utf-8")
            while True:   # live reload replaces the page; wait until the new text is visible in it
                try:
                    page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=token,
                                           timeout=60000)
                    break
                except Exception as error:   # the page navigated while we waited: look again
                    if time.perf_counter() - start > 60:
                        raise SystemExit(f"the edit did not show within 60 s: {error}")
            latencies.append(time.perf_counter() - start)
            quiet_since, seen = time.perf_counter(), 0   # count rebuilds until 3 s pass without a new one
            while time.perf_counter() - quiet_since < 3.0:
                now = server_log.read_bytes()[before_log:].decode("utf-8", "replace").count("Building documentation")
                if now != seen:
                    seen, quiet_since = now, time.perf_counter()
                time.sleep(0.1)
            rebuilds.append(seen)
            cpu.append(process_cpu(process.pid) - before_cpu)
    finally:
        if browser:
            browser.close()
            manager.stop()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    return {"latency": Stats(latencies), "rebuilds": rebuilds, "cpu": Stats(cpu)}


# ------------------------------------------------------------------ report

@dataclass
class Row:
    what: str
    goal: str
    measured: str
    ok: bool | None          # None: shown, not a budget
    notes: list[str] = field(default_factory=list)

    def verdict(self) -> str:
        return "shown, not a budget" if self.ok is None else ("**PASS**" if self.ok else "**FAIL**")


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def budget_rows(r: dict) -> list[Row]:
    rows = []
    pages, builds, serve, big, growth = r["pages"], r["builds"], r["serve"], r["big"], r["growth"]
    decision = pages["metrics"]["decision/"]
    gz_total = Stats([m["gz"] for m in decision])
    rows.append(Row("Decision page transfer, no interaction (gzipped)", f"≤ {kb(B.DECISION_TRANSFER_GZ)}",
                    f"{kb(gz_total.median)} gz ({kb(statistics.median(m['raw'] for m in decision))} raw) "
                    f"in {decision[0]['requests']} requests",
                    gz_total.max <= B.DECISION_TRANSFER_GZ))
    for path in METRIC_PAGES:
        cls = Stats([m["cls"] for m in pages["metrics"][path]])
        judged = path == "decision/"
        rows.append(Row(f"Layout shift (CLS), {'/' + path if path else 'home page'}",
                        f"≤ {B.DECISION_CLS}" if judged else "(the issue's goal is for the decision page)",
                        f"worst {cls.max:.3f} of {len(cls.values)} loads", cls.max <= B.DECISION_CLS if judged else None))
    for path in METRIC_PAGES:
        tbt = Stats([m["tbt"] for m in pages["metrics"][path]])
        rows.append(Row(f"Blocking time (long tasks after first paint, {CPU_SLOWDOWN}x CPU), "
                        f"{'/' + path if path else 'home page'}", "Lighthouse performance ≥ 95 (score not computed)",
                        f"median {tbt.median:.0f} ms (min {tbt.min:.0f}, max {tbt.max:.0f})", None))
    plain = pages["plain"]
    chrome = {p: (w["gz"] - w["article_gz"]) - (plain["gz"] - plain["article_gz"])
              for p, w in pages["weights"].items() if p != "decision/"}
    worst = max(chrome, key=chrome.get)
    over = [p or "/" for p, extra in chrome.items() if extra > B.CHROME_EXTRA_GZ]
    index_share = pages["weights"][worst]["index_gz"] - plain["index_gz"]
    rows.append(Row("Every other page beyond a plain Material page, its own article left out (gzipped, "
                    "search index included)", f"≤ {kb(B.CHROME_EXTRA_GZ)}",
                    f"worst /{worst}: +{kb(chrome[worst])} (of which search index +{kb(index_share)}); "
                    f"{len(over)} of {len(chrome)} pages over", not over))
    rows.append(Row("Search index (search/search_index.json, uncompressed)",
                    f"≤ {kb(B.SEARCH_INDEX_RAW)} (issue: 80 KB, see bench/README.md)",
                    f"{kb(pages['index_raw'])} ({kb(pages['index_gz'])} gz)", pages["index_raw"] <= B.SEARCH_INDEX_RAW))
    rows.append(Row("`mkdocs serve`: save the YAML → the open page shows it (median)", f"< {B.SERVE_MEDIAN_S} s",
                    serve["latency"].fmt(), serve["latency"].median < B.SERVE_MEDIAN_S))
    rows.append(Row("`mkdocs serve`: rebuilds per save", f"= {B.REBUILDS_PER_SAVE}",
                    f"{', '.join(map(str, serve['rebuilds']))} (one number per save)",
                    all(n == B.REBUILDS_PER_SAVE for n in serve["rebuilds"])))
    if builds["share"]:
        rows.append(Row("Project's own work (load, validate, render, export) / full build CPU",
                        f"≤ {B.PROJECT_SHARE:.0%}", builds["share"].fmt("%", 100, 1),
                        builds["share"].median <= B.PROJECT_SHARE))
    else:
        rows.append(Row("Project's own work / full build CPU", f"≤ {B.PROJECT_SHARE:.0%}",
                        "not measurable: this checkout has no fwguide.site.WORK", False))
    rows.append(Row("Full build CPU with macros / same pages pre-rendered without macros (A/B pairs)", "",
                    builds["ratios"].fmt("×"), None))
    n_frameworks, n_features = B.BIG_DATA
    if big["refused"]:
        measured = (f"refused by the YAML reader: \"{big['refused']['line']}\" (the data is {big['bytes']:,} bytes: "
                    f"a limit of at least {math.ceil(big['bytes'] / 1e6)} MB is needed); with the limit lifted for "
                    f"this measurement: {big['wall'].fmt()} wall, {big['cpu'].median:.2f} s CPU, peak {big['rss']:.0f} MB")
        ok = False
    else:
        measured = f"{big['wall'].fmt()} wall, {big['cpu'].median:.2f} s CPU, peak {big['rss']:.0f} MB"
        ok = big["wall"].median < B.BIG_BUILD_S and big["rss"] < B.BIG_BUILD_MB
    rows.append(Row(f"Full build with {n_frameworks} frameworks × {n_features} features",
                    f"< {B.BIG_BUILD_S:.0f} s and < {B.BIG_BUILD_MB} MB", measured, ok))
    for axis, fixed in (("frameworks", f"{B.BIG_DATA[1]} features"), ("features", f"{B.BIG_DATA[0]} frameworks")):
        a = growth["axes"][axis]
        rows.append(Row(f"Growth along {axis} ({fixed} fixed): fitted exponent of CPU",
                        f"≤ {B.GROWTH_EXPONENT}", f"{a['exponent']:.2f} (last step {a['last']:.2f})",
                        a["exponent"] <= B.GROWTH_EXPONENT))
    return rows


def report(r: dict, rows: list[Row], started: float) -> str:
    m, b, g, p, s, big = r["machine"], r["builds"], r["growth"], r["pages"], r["serve"], r["big"]
    lines = [
        "# Benchmark report", "",
        f"Generated by `make bench` (bench/run.py) on {dt.datetime.now().isoformat(timespec='seconds')} for "
        f"`{r['project']}` ({r['commit']}).", "",
        f"Machine: {m['cores']} cores, {m['cpu']}, {m['memory_gb']:.1f} GB memory; {m['system']}; Python "
        f"{m['python']}. Load average (1, 5, 15 min) {r['load_before']} before and {r['load_after']} after "
        f"the run; the machine is shared, so wall-clock figures carry that load (CPU times much less). "
        f"Total run time {time.perf_counter() - started:.0f} s.", "",
        "## Budgets", "",
        "| what | goal | measured | verdict |", "| --- | --- | --- | --- |",
        *[f"| {row.what} | {row.goal} | {row.measured} | {row.verdict()} |" for row in rows], "",
        "## Full builds (A/B pairs, alternated)", "",
        f"{b['runs']} pairs of `mkdocs build --strict`: A is the site, B the same pages as mkdocs-macros "
        f"rendered them, built without the macros plugin and its hook (their JSON files copied in). "
        f"{b['pages_same']} of {b['pages']} HTML files of the two builds are byte-identical. CPU is the "
        "build process's own user + system time (wait4).", "",
        "| variant | wall clock | CPU |", "| --- | --- | --- |",
        f"| A: the site | {b['a_wall'].fmt()} | {b['a_cpu'].fmt()} |",
        f"| B: pre-rendered, no macros | {b['b_wall'].fmt()} | {b['b_cpu'].fmt()} |",
        f"| A / B per pair | | {b['ratios'].fmt('×')} |", "",
        f"Peak memory of A: {b['a_rss']:.0f} MB. The project's own CPU inside A (fwguide.site.WORK, measured in "
        "the build process with `time.process_time`):", "",
        "| part | CPU per build |", "| --- | --- |",
        *[f"| {k} | {v.fmt('ms', 1000, 1)} |" for k, v in b["work"].items()],
        f"| macros plugin set-up outside `load` (imports of fwguide and its dependencies) | "
        f"{b['import'].fmt('ms', 1000, 1)} |", "",
        "## Data growth (in process, one child per point)", "",
        "The real data grown along one axis at a time (extra frameworks copy the reference framework's "
        "shape; extra features come in categories of ten). Each point: load + validate (strict YAML, "
        f"schema, rules, model), render every macro with every id, export the JSON; {len(g['real']['total'].values)} "
        "repeats, CPU time (`time.process_time`); peak of Python allocations (tracemalloc, a separate pass) "
        "and the child's peak resident memory. The YAML reader's byte limit is lifted in these children.", "",
        "| frameworks × features | YAML | load + validate | render | export | total CPU (median, spread) | "
        "tracemalloc peak | peak RSS |", "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    real = g["real"]
    points = [("real data", real)] + [(axis, row) for axis, a in g["axes"].items() for row in a["rows"]]
    for label, row in points:
        lines.append(f"| {row['frameworks']} × {row['features']} ({label}) | {row['bytes'] / 1e6:.2f} MB | "
                     f"{row['load'].median * 1000:.0f} ms | {row['render'].median * 1000:.0f} ms | "
                     f"{row['export'].median * 1000:.0f} ms | {row['total'].median * 1000:.0f} ms "
                     f"({row['total'].spread:.0%}) | {row['tracemalloc_mb']:.0f} MB | {row['maxrss_mb']:.0f} MB |")
    lines += ["", "Fitted exponents (least squares of log CPU on log size): " + "; ".join(
        f"{axis}: {a['exponent']:.2f} (last step {a['last']:.2f})" for axis, a in g["axes"].items()) +
        ". The fixed axis and the decision tree cost the same at every point, so the fit stays under 1 "
        "for linear work; the last step shows the marginal cost.", "",
        f"## Full build at {B.BIG_DATA[0]} × {B.BIG_DATA[1]}", "",
        f"A project copy with {B.BIG_DATA[0]} frameworks × {B.BIG_DATA[1]} features ({big['bytes']:,} bytes of YAML), "
        f"a page per framework in the nav: {big['pages']} pages. "
        + (f"Refused at the real limit (`{big['refused']['line']}`); the builds below lift it through the "
           "bench's probe hook. " if big["refused"] else "")
        + f"Wall {big['wall'].fmt()}; CPU {big['cpu'].fmt()}; peak RSS {big['rss']:.0f} MB.", "",
        "## Pages in Chromium", "",
        "Fresh context per load (no cache), other hosts blocked; every response body sized raw and gzipped "
        "(level 6). *Beyond plain* is the page's gzipped transfer minus its own article (gzipped), minus the same "
        f"for a one-page Material site with this theme (plain: {kb(plain_gz(p))} gz in "
        f"{p['plain']['requests']} requests, search index {kb(p['plain']['index_gz'])} gz).", "",
        "| page | requests | raw | gzipped | HTML raw | article gz | search index gz | beyond plain (gz) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for path, w in p["weights"].items():
        extra = (w["gz"] - w["article_gz"]) - (p["plain"]["gz"] - p["plain"]["article_gz"])
        lines.append(f"| /{path} | {w['requests']} | {kb(w['raw'])} | {kb(w['gz'])} | {kb(w['html_raw'])} | "
                     f"{kb(w['article_gz'])} | {kb(w['index_gz'])} | {'+' if extra >= 0 else ''}{kb(extra)} |")
    lines += ["", f"Lighthouse-style figures ({MOBILE['width']} × {MOBILE['height']} viewport, {CPU_SLOWDOWN}× CPU "
              f"slowdown through the DevTools protocol, no network throttling), {len(p['metrics']['decision/'])} loads each:", "",
              "| page | transfer gz | CLS (worst) | blocking time (median) | first contentful paint | largest contentful paint |",
              "| --- | --- | --- | --- | --- | --- |"]
    for path, loads in p["metrics"].items():
        lines.append(f"| /{path} | {kb(statistics.median(m['gz'] for m in loads))} | {max(m['cls'] for m in loads):.3f} | "
                     f"{statistics.median(m['tbt'] for m in loads):.0f} ms | "
                     f"{statistics.median(m['fcp'] or 0 for m in loads):.0f} ms | "
                     f"{statistics.median(m['lcp'] or 0 for m in loads):.0f} ms |")
    heaviest = sorted(p["metrics"]["decision/"][0]["files"].items(), key=lambda kv: -kv[1][1])[:6]
    lines += ["", "Largest files the decision page loads (raw, gz): " +
              ", ".join(f"`{u}` {kb(raw)}, {kb(z)}" for u, (raw, z) in heaviest) + ".", "",
              "## `mkdocs serve`", "",
              f"`python -m fwguide.export`, then `mkdocs serve --livereload` in a project copy, the home page open in "
              f"Chromium. {len(s['rebuilds'])} saves of data/frameworks.yaml (a framework summary changed), 1.5 s "
              f"apart: from the write to the new text visible in the open page (live reload), {s['latency'].fmt()}. "
              f"Rebuilds per save, counted in the server's log until 3 s pass without one: "
              f"{', '.join(map(str, s['rebuilds']))}. Server CPU per save: {s['cpu'].fmt()}.", ""]
    if b["writes_docs_api"]:
        lines += ["Note: this checkout's build wrote docs/api/ into the project (the watched docs folder).", ""]
    return "\n".join(lines)


def plain_gz(p: dict) -> float:
    return p["plain"]["gz"]


def git_commit(project: Path) -> str:
    try:
        done = subprocess.run(["git", "-C", str(project), "log", "-1", "--format=%h %s"], capture_output=True,
                              text=True, timeout=10)
        dirty = subprocess.run(["git", "-C", str(project), "status", "--porcelain"], capture_output=True,
                               text=True, timeout=10).stdout.strip()
        return (done.stdout.strip()[:80] or "not a git checkout") + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the site; writes bench/report.md")
    parser.add_argument("--runs", type=int, default=5, help="A/B pairs of full builds")
    parser.add_argument("--repeats", type=int, default=5, help="repeats per data growth point")
    parser.add_argument("--loads", type=int, default=3, help="Chromium loads per page for the Lighthouse-style figures")
    parser.add_argument("--big-runs", type=int, default=2, help="full builds at 100 x 100")
    parser.add_argument("--edits", type=int, default=5, help="YAML saves under mkdocs serve")
    parser.add_argument("--project", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "report.md")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = collect(args)
    rows = budget_rows(results)
    text = report(results, rows, started)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    if args.json:
        args.json.write_text(json.dumps(results, default=lambda o: o.values if isinstance(o, Stats) else
                                        (vars(o) if hasattr(o, "__dict__") else str(o)), indent=1), encoding="utf-8")
    print(text)
    failed = [row.what for row in rows if row.ok is False]
    print(f"\nwritten to {args.out}; " + (f"{len(failed)} budget(s) FAILED: " + "; ".join(failed) if failed
                                         else "every budget passed"))
    return 1 if failed else 0


def collect(args) -> dict:
    """Every measurement, on copies of the checkout in a temporary folder."""
    project_root = args.project.resolve()
    results = {"machine": machine(), "load_before": loadavg(), "project": str(project_root),
               "commit": git_commit(project_root)}
    with tempfile.TemporaryDirectory(prefix="fwguide-bench-") as tmp:
        work = Path(tmp)
        log("full builds (A/B pairs) ...")
        project = project_copy(work, "a", project_root)
        results["builds"] = bench_builds(project, work, args.runs)
        log("pages in Chromium ...")
        results["pages"] = bench_pages(project_root, results["builds"]["site"], work, args.loads)
        log("mkdocs serve ...")
        results["serve"] = bench_serve(project_copy(work, "serve", project_root), args.edits)
        log("data growth ...")
        results["growth"] = bench_growth(project, work, args.repeats)
        log(f"full build at {B.BIG_DATA[0]} x {B.BIG_DATA[1]} ...")
        results["big"] = bench_big(project_root, work, args.big_runs)
    results["load_after"] = loadavg()
    return results


if __name__ == "__main__":
    sys.exit(main())
