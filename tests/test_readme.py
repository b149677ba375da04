"""The README's sample of a failed check is what `python -m fwguide check` prints for the two
mistakes it shows (a misspelt support level, a mistyped decision node), so the sample cannot drift
from the data or the messages."""
from __future__ import annotations

import re
import subprocess
import sys

from fwguide.paths import DATA_FILE, ROOT

SAMPLE = re.compile(r"Mistakes stop the build.*?```text\n(.*?)```", re.S)


def _mistakes(text: str) -> str:
    """Flask's ORM level written `builtin`, and q-model's second answer pointing at `q-stak`."""
    lines = text.splitlines(keepends=True)
    flask = next(i for i, line in enumerate(lines) if line.strip() == '- id: "flask"')
    orm = next(i for i in range(flask, len(lines)) if lines[i].strip() == "orm:")
    level = next(i for i in range(orm, orm + 5) if lines[i].strip().startswith("level:"))
    lines[level] = re.sub(r'"[a-z-]+"', '"builtin"', lines[level])
    start = next(i for i, line in enumerate(lines) if line.strip() == '- id: "q-model"')
    answer = [i for i in range(start, start + 40) if lines[i].strip() == 'next: "q-stack"'][0]
    lines[answer] = lines[answer].replace('"q-stack"', '"q-stak"')
    return "".join(lines)


def test_the_readme_sample_error_list_is_the_real_output(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = SAMPLE.search(readme).group(1)
    broken = tmp_path / "frameworks.yaml"
    broken.write_text(_mistakes(DATA_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "fwguide", "check", str(broken)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    printed = run.stderr.replace(str(broken), "data/frameworks.yaml")
    assert shown.strip() == printed.strip(), (
        "README.md's sample under 'Mistakes stop the build' no longer matches; paste this:\n" + printed)



def _budget_figures(text: str, patterns: dict[str, str]) -> dict[str, float]:
    found = {}
    for name, pattern in patterns.items():
        match = re.search(pattern, text, re.S)
        assert match, f"no {name} budget found by {pattern!r}"
        found[name] = float(match.group(1))
    return found


def test_the_budgets_the_readmes_state_are_the_ones_bench_judges():
    """README.md and bench/README.md quote every budget of bench/budgets.py; a budget changed in one
    place only fails here."""
    from bench import budgets as b
    expected = {"decision": b.DECISION_TRANSFER_GZ / b.KB, "cls": b.DECISION_CLS, "chrome": b.CHROME_EXTRA_GZ / b.KB,
                "index": b.SEARCH_INDEX_RAW / b.KB, "serve": b.SERVE_MEDIAN_S, "share": b.PROJECT_SHARE * 100,
                "big_s": b.BIG_BUILD_S, "big_mb": b.BIG_BUILD_MB, "growth": b.GROWTH_EXPONENT}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    readme = readme[readme.index("The budgets (`bench/budgets.py`)"):]
    assert _budget_figures(readme, {
        "decision": r"decision page ≤ (\d+) KB", "cls": r"layout\s+shift ≤ (\d+(?:\.\d+)?)", "chrome": r"within (\d+) KB",
        "index": r"search index ≤ (\d+) KB", "serve": r"under (\d+(?:\.\d+)?) s \(median\)",
        "share": r"≤ (\d+) % of a build", "big_s": r"builds in under (\d+) s", "big_mb": r"s and (\d+) MB",
        "growth": r"exponent ≤ (\d+(?:\.\d+)?)"}) == expected
    bench_readme = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    bench_readme = bench_readme[bench_readme.index("## Budgets"):bench_readme.index("## Before and after")]
    assert _budget_figures(bench_readme, {
        "decision": r"Decision page: ≤ (\d+) KB", "cls": r"layout shift ≤ (\d+(?:\.\d+)?)", "chrome": r"within (\d+) KB",
        "index": r"Search index ≤ (\d+) KB", "serve": r"in under (\d+(?:\.\d+)?) s \(median\)",
        "share": r"≤ (\d+) % of a full build", "big_s": r"full build in under (\d+) s", "big_mb": r"and (\d+) MB",
        "growth": r"exponent ≤ (\d+(?:\.\d+)?)"}) == expected
