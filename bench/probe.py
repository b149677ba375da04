"""Code bench/run.py runs inside other processes (kept here so it is read and linted like the rest).

* ``HOOK``: an MkDocs hook file written into a project copy and added to a copy of its config.
  It records, as JSON at ``$FWGUIDE_BENCH_PROBE``: the CPU time of the build process at the start
  of ``on_config`` (before mkdocs-macros runs ``define_env``), at ``on_pre_build`` (after every
  plugin's ``on_config``) and at ``on_post_build``; its peak memory; and ``fwguide.site.WORK``, the
  CPU the project's own code spent (load and validate, render, export), when the checkout has it.
  With ``$FWGUIDE_BENCH_MAX_BYTES`` it lifts the YAML reader's byte limit, for a measurement that
  says so (the package is imported once, with the stamp macros.py compares, so it is not re-imported).
* ``growth_child``: run as ``python bench/probe.py PROJECT DATA REPEATS``: loads, validates, renders
  every macro with every id and exports the data file in process; prints JSON with the CPU time of
  each stage (every repeat), the peak of Python allocations (tracemalloc, a separate pass) and the
  process's peak resident memory.  The byte limit is lifted here too (the report says so).
"""
from __future__ import annotations

HOOK = r'''
import json
import os
import resource
import sys
import time
from pathlib import Path

from mkdocs.plugins import event_priority

_OUT = Path(os.environ["FWGUIDE_BENCH_PROBE"])
_MARKS = {}
_HERE = Path(__file__).resolve().parent

if os.environ.get("FWGUIDE_BENCH_MAX_BYTES"):
    if str(_HERE) not in sys.path:
        sys.path.insert(0, str(_HERE))
    import fwguide
    import fwguide.yamlstrict
    fwguide._source_stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(_HERE.joinpath("fwguide").rglob("*.py")))
    fwguide.yamlstrict.MAX_BYTES = int(os.environ["FWGUIDE_BENCH_MAX_BYTES"])


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@event_priority(100)
def on_config(config):
    _MARKS["config_start"] = _cpu()


def on_pre_build(config):
    _MARKS["config_end"] = _cpu()


@event_priority(-100)
def on_post_build(config):
    site = sys.modules.get("fwguide.site")
    work = getattr(site, "WORK", None)
    _MARKS["post_build"] = _cpu()
    _OUT.write_text(json.dumps({"marks": _MARKS, "work": dict(work) if work is not None else None,
                                "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
'''


def growth_child(project: str, data: str, repeats: int) -> dict:
    import resource
    import sys
    import time
    import tracemalloc

    sys.path.insert(0, project)
    import fwguide.yamlstrict as yamlstrict
    from fwguide import export
    from fwguide.loader import load_guide
    from fwguide.registry import REQUIRED, macros

    yamlstrict.MAX_BYTES = max(yamlstrict.MAX_BYTES, 1 << 30)
    declared = macros()

    def calls(guide):
        out = []
        for name, m in declared.items():
            required = [p for p in m.params if p.default is REQUIRED]
            if not required:
                out.append((name, ()))
            elif len(required) == 1 and required[0].kind and required[0].many:
                out.append((name, (list(guide.ids(required[0].kind)),)))   # every id in one call
            elif len(required) == 1 and required[0].kind:
                out += [(name, (ident,)) for ident in guide.ids(required[0].kind)]
        return out

    def once() -> dict:
        t0 = time.process_time()
        guide = load_guide(data)
        t1 = time.process_time()
        chars = sum(len(str(declared[name].render(guide, *args))) for name, args in calls(guide))
        t2 = time.process_time()
        published = export.files(guide)
        t3 = time.process_time()
        return {"load": t1 - t0, "render": t2 - t1, "export": t3 - t2, "total": t3 - t0,
                "chars": chars, "json": sum(len(v) for v in published.values()),
                "frameworks": len(guide.frameworks), "features": len(guide.features)}

    runs = [once() for _ in range(repeats)]
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    once()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"runs": runs, "tracemalloc_peak": peak, "maxrss_kb": maxrss_kb}


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(growth_child(sys.argv[1], sys.argv[2], int(sys.argv[3]))))
