"""The measuring harness (measure/): its smoke mode end to end, as `make test` runs it; that it
leaves no process behind, even when stopped half-way; the results file it writes passes the
build's checks.  Counts are bounded and every wait has a timeout (a guard, not a measurement)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml

from fwguide.measured import load_measured
from fwguide.yamlstrict import read_yaml
from measure import procs
from support import ROOT

GUARD = 120  # seconds: a hang guard for a run that takes seconds


def smoke(out: Path, run_id: str, **popen) -> subprocess.Popen:
    env = {**os.environ, "FWGUIDE_MEASURE_RUN_ID": run_id}
    return subprocess.Popen([sys.executable, "-m", "measure", "--smoke", "--out", str(out)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen)


def wait_until(predicate, timeout: float = GUARD):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("smoke") / "measurements.yaml"
    run_id = uuid.uuid4().hex
    proc = smoke(out, run_id)
    output, _ = proc.communicate(timeout=GUARD)
    return proc.returncode, output, out, run_id


def test_smoke_mode_writes_a_results_file_the_build_accepts(smoke_run):
    returncode, output, out, _ = smoke_run
    assert returncode == 0, output
    data, _lines, problems = read_yaml(out.read_bytes())
    assert problems == []
    assert data["mode"] == "smoke" and data["leftover_processes"] == 0
    ms = load_measured(out, published=False)
    assert [s.id for s in ms.servers] == ["flask-gthread"]
    assert min(ms.figure("flask-gthread.predict.c1.rps").values) > 0
    assert ms.figure("flask-gthread.streams_held").values[0] >= 1
    assert min(ms.figure("flask-gthread.preload.memory.uss_kib").values) > 0
    assert "wrote " in output


def test_smoke_mode_leaves_no_process_behind(smoke_run):
    *_, run_id = smoke_run
    assert procs.leftovers(run_id) == []


def test_a_smoke_file_is_not_publishable(smoke_run):
    out = smoke_run[2]
    with pytest.raises(Exception, match="never published"):
        load_measured(out)


def test_stopping_the_harness_half_way_stops_its_servers(tmp_path):
    run_id = uuid.uuid4().hex
    proc = smoke(tmp_path / "m.yaml", run_id)
    try:
        wait_until(lambda: procs.leftovers(run_id))     # a server is up
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=GUARD)
        assert proc.returncode != 0
        wait_until(lambda: not procs.leftovers(run_id), timeout=30)
        assert not (tmp_path / "m.yaml").exists()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_smoke_needs_an_output_file_outside_the_published_one():
    result = subprocess.run([sys.executable, "-m", "measure", "--smoke"], cwd=ROOT, capture_output=True, text=True,
                            timeout=GUARD)
    assert result.returncode == 2 and "--out" in result.stderr


def test_a_server_and_everything_it_starts_is_stopped():
    server = procs.Server(["bash", "-c", "sleep 300 & sleep 300 & wait"], 0).start()
    try:
        pids = wait_until(lambda: len(server.group()) == 3 and server.group())
        assert all(p in procs.leftovers() for p in pids)
    finally:
        server.stop()
    assert not set(pids) & set(procs.leftovers())
    assert procs.group_members(server.proc.pid) == []


def test_memory_of_a_process_is_read_from_proc():
    m = procs.memory_kib(os.getpid())
    assert 0 < m["uss"] <= m["pss"] <= m["rss"]


def test_the_results_file_is_strict_yaml_with_flow_lists():
    from measure.run import dump
    text = dump({"a": [1, 2], "b": {"c": [[1, 2, 0]], "d": "3.10", "e": "2026-01-01"}})
    data, _lines, problems = read_yaml(text.encode())
    assert problems == [] and data == {"a": [1, 2], "b": {"c": [[1, 2, 0]], "d": "3.10", "e": "2026-01-01"}}
    assert "a: [1, 2]" in text and text.startswith("# yaml-language-server: $schema=./measurements.schema.json")
    assert yaml.safe_load(text) == data


def test_a_server_that_fails_to_start_is_reported_with_its_output_and_stopped():
    import dataclasses

    from measure.configs import BY_ID
    from measure.run import SMOKE, Run
    broken = dataclasses.replace(BY_ID["fastapi-uvicorn"], app="examples.nowhere:app")
    with pytest.raises(RuntimeError, match="exited with") as caught:
        Run(SMOKE).start(broken, 1)
    assert "examples.nowhere" in str(caught.value)
    assert procs.leftovers() == []
