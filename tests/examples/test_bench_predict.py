"""examples/bench_predict.py, shown on the serving page, still runs."""

import subprocess
import sys

from servers import server_env
from command_file import REPO_ROOT


def test_bench_predict_runs_and_reports_each_client():
    result = subprocess.run(
        [sys.executable, "examples/bench_predict.py", "--calls", "3"],
        cwd=REPO_ROOT, env=server_env(), capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    rows = [line.split()[0] for line in result.stdout.splitlines()[2:]]
    assert rows == ["model.predict()", "Flask", "Django", "FastAPI"], result.stdout
