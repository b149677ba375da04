"""Median latency of POST /predict through each framework's test client.

    python examples/bench_predict.py [--calls 500]

In-process test clients: no network, no server, one request at a time. The
numbers compare framework overhead per request on one machine; they say
nothing about throughput under a real server with several workers.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repo root

from examples.common.model import load_model  # noqa: E402

FEATURES = [5.1, 3.5, 1.4, 0.2]
BODY = {"features": FEATURES}


def time_calls(call, calls: int, warmup: int = 50) -> list[float]:
    for _ in range(warmup):
        call()
    timings = []
    for _ in range(calls):
        start = time.perf_counter()
        call()
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def model_only():
    model = load_model()
    return lambda: model.predict(FEATURES)


def flask_client():
    from examples.flask_app.app import create_app

    client = create_app().test_client()

    def call():
        assert client.post("/predict", json=BODY).status_code == 200

    return call


def django_client():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_app.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))  # this run only
    import django
    from django.test import Client

    django.setup()
    client = Client(HTTP_HOST="localhost")  # a host in the default ALLOWED_HOSTS

    def call():
        r = client.post("/predict", BODY, content_type="application/json")
        assert r.status_code == 200

    return call


def fastapi_client():
    with warnings.catch_warnings():  # Starlette's notice about httpx vs httpx2
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from examples.fastapi_app.app import create_app

    client = TestClient(create_app())
    client.__enter__()  # run the lifespan; left open until the process exits

    def call():
        assert client.post("/predict", json=BODY).status_code == 200

    return call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500)
    args = parser.parse_args()

    rows = []
    for name, make in [
        ("model.predict() only", model_only),
        ("Flask", flask_client),
        ("Django", django_client),
        ("FastAPI", fastapi_client),
    ]:
        timings = time_calls(make(), args.calls)
        q = statistics.quantiles(timings, n=10)
        rows.append((name, statistics.median(timings), q[0], q[-1]))

    print(f"POST /predict, {args.calls} calls each, Python {sys.version.split()[0]}")
    print(f"{'':<22} {'median ms':>10} {'p10 ms':>8} {'p90 ms':>8}")
    for name, median, p10, p90 in rows:
        print(f"{name:<22} {median:>10.3f} {p10:>8.3f} {p90:>8.3f}")


if __name__ == "__main__":
    main()
