"""Make ``examples`` (repository root) and the shared test helpers importable,
whatever pytest import mode or working directory is used."""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]

for path in (str(REPO_ROOT), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)
