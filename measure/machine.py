"""What the results file records about the machine and the software."""
from __future__ import annotations

import os
import platform
from importlib.metadata import distributions
from pathlib import Path

# The packages on the measured path: the servers, the frameworks and what they run on, the model.
# The build compares these versions with requirements/examples.txt (fwguide/measured.py): a results file
# measured with other versions than the pins is stale.
STACK = ("gunicorn", "uvicorn", "gevent", "greenlet", "h11", "Flask", "Werkzeug", "Django", "asgiref",
         "fastapi", "starlette", "pydantic", "pydantic_core", "anyio", "scikit-learn", "numpy", "scipy")


def load_average() -> str:
    """The 1, 5 and 15-minute load averages, as /proc/loadavg writes them."""
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def _first(path: str, prefix: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return None


def machine() -> dict:
    mem_kib = int((_first("/proc/meminfo", "MemTotal") or "0 kB").split()[0])
    distro = _first("/etc/os-release", "PRETTY_NAME=") or platform.system()
    return {
        "cores": os.cpu_count() or 1,
        "memory_mib": mem_kib // 1024,
        "cpu": _first("/proc/cpuinfo", "model name") or platform.processor() or "unknown",
        "os": f"{distro}, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def packages() -> dict[str, str]:
    """Every installed distribution and its version, by name (case as the package spells it)."""
    found = {d.metadata["Name"]: d.version for d in distributions() if d.metadata["Name"]}
    return dict(sorted(found.items(), key=lambda kv: kv[0].lower()))
