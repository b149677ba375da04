"""Read the guide's JSON API and print how each framework provides each feature.

    python examples/api/consume.py https://YOUR-SITE/api/frameworks.json
    python examples/api/consume.py site/api/frameworks.json      # after `make build`

Standard library only.  Checks `schema_version` first, so a future,
incompatible format fails loudly instead of printing nonsense.
"""
from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

SUPPORTED_VERSION = 2


def load(location: str) -> dict:
    """The export, from an http(s) URL or a local file."""
    if location.startswith(("https://", "http://")):
        with urllib.request.urlopen(location, timeout=30) as response:
            data = json.load(response)
    else:
        data = json.loads(Path(location).read_text(encoding="utf-8"))
    if data.get("schema_version") != SUPPORTED_VERSION:
        raise SystemExit(f"unsupported schema_version {data.get('schema_version')!r}")
    return data


def support_table(data: dict) -> list[str]:
    """One line per feature: the feature's name, then each framework's support level label."""
    labels = {level["id"]: level["label"] for level in data["support_levels"]}
    lines = []
    for feature in data["features"]:
        cells = [f"{fw['name']}: {labels[fw['support'][feature['id']]['level']]}" for fw in data["frameworks"]]
        lines.append(f"{feature['name']} | " + " | ".join(cells))
    return lines


def main(location: str) -> None:
    data = load(location)
    print(f"Data reviewed {data['data_reviewed']}")
    for line in support_table(data):
        print(line)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1])
