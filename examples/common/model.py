"""Model code shared by the Flask, Django and FastAPI examples.

Everything framework-neutral lives here: training the model, loading it once
per process, validating a request payload and turning features into a
prediction. The three apps only differ in how they wire this into HTTP.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import dataclass
from typing import Any

N_FEATURES = 4  # sepal length, sepal width, petal length, petal width (cm)
# Every feature is a length in centimetres. Iris sepals and petals are a few
# centimetres long (0.1 to 7.9 cm in the training data), so 0 to 100 cm admits
# any real flower with a wide margin, while keeping the scaler's arithmetic far
# from overflow (four values of 1e308 overflow it to infinity).
FEATURE_MIN_CM = 0.0
FEATURE_MAX_CM = 100.0
MAX_BODY_BYTES = 16 * 1024  # bodies larger than this get 413
MAX_BATCH_ROWS = 32  # rows accepted by the streaming endpoint

# How many times this process has built the model. Tests assert it stays 1.
LOAD_COUNT = 0
_LOAD_LOCK = threading.Lock()


class InvalidInput(ValueError):
    """The request payload is not what the API accepts (answered with 400)."""


@dataclass(frozen=True)
class IrisModel:
    estimator: Any  # a fitted scikit-learn Pipeline
    class_names: tuple[str, ...]

    def predict(self, features: list[float]) -> dict[str, Any]:
        return self.predict_many([features])[0]

    def predict_many(self, rows: list[list[float]]) -> list[dict[str, Any]]:
        probabilities = self.estimator.predict_proba(rows)
        results = []
        for row in probabilities:
            best = max(range(len(row)), key=row.__getitem__)
            results.append(
                {
                    "prediction": self.class_names[best],
                    "probabilities": {
                        name: round(float(p), 6)
                        for name, p in zip(self.class_names, row)
                    },
                }
            )
        return results


@functools.cache
def _train() -> IrisModel:
    # Imported here so importing this module stays cheap.
    from sklearn.datasets import load_iris
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    global LOAD_COUNT
    LOAD_COUNT += 1
    iris = load_iris()  # ships with scikit-learn: no download
    estimator = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    estimator.fit(iris.data, iris.target)
    return IrisModel(estimator, tuple(str(n) for n in iris.target_names))


def load_model() -> IrisModel:
    """Return this process's model, training it on the first call only.

    ``functools.cache`` alone can run the function twice if two threads call
    it at the same moment, so the first call is serialised with a lock.
    """
    with _LOAD_LOCK:
        return _train()


def is_loaded() -> bool:
    return _train.cache_info().currsize > 0


def _check_fields(payload: Any, field: str) -> Any:
    if not isinstance(payload, dict):
        raise InvalidInput(
            f"request body must be a JSON object, got {_json_type(payload)}"
        )
    extra = sorted(set(payload) - {field})
    if extra:
        names = ", ".join(repr(k) for k in extra)
        raise InvalidInput(f"unexpected field(s): {names}; only {field!r} is allowed")
    if field not in payload:
        raise InvalidInput(f"missing required field {field!r}")
    return payload[field]


def _check_row(row: Any, where: str) -> list[float]:
    if not isinstance(row, list):
        raise InvalidInput(
            f"{where} must be an array of {N_FEATURES} numbers, got {_json_type(row)}"
        )
    if len(row) != N_FEATURES:
        raise InvalidInput(
            f"{where} must contain exactly {N_FEATURES} numbers, got {len(row)}"
        )
    clean = []
    for i, value in enumerate(row):
        # bool is a subclass of int in Python, but true/false are not numbers.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInput(
                f"{where}[{i}] must be a number, got {_json_type(value)}"
            )
        # Python's json module accepts NaN and Infinity literals; reject them.
        if isinstance(value, float) and not math.isfinite(value):
            raise InvalidInput(f"{where}[{i}] must be a finite number, got {value}")
        # Compare before converting: float() of a 400-digit integer raises
        # OverflowError, while comparing a Python int with a float is exact.
        if not FEATURE_MIN_CM <= value <= FEATURE_MAX_CM:
            raise InvalidInput(
                f"{where}[{i}] must be between {FEATURE_MIN_CM:g} and "
                f"{FEATURE_MAX_CM:g} (cm), got {_short(value)}"
            )
        clean.append(float(value))
    return clean


def validate_features(payload: Any) -> list[float]:
    """Check a decoded ``{"features": [4 numbers]}`` body; return the floats."""
    return _check_row(_check_fields(payload, "features"), "features")


def validate_batch(payload: Any) -> list[list[float]]:
    """Check a decoded ``{"instances": [[4 numbers], ...]}`` body."""
    rows = _check_fields(payload, "instances")
    if not isinstance(rows, list) or not rows:
        raise InvalidInput("instances must be a non-empty array of rows")
    if len(rows) > MAX_BATCH_ROWS:
        raise InvalidInput(
            f"instances may hold at most {MAX_BATCH_ROWS} rows, got {len(rows)}"
        )
    return [_check_row(row, f"instances[{n}]") for n, row in enumerate(rows)]


def _short(value: int | float) -> str:
    """A number for an error message, without echoing 400 digits back."""
    if isinstance(value, int) and abs(value) >= 10**15:
        return "an integer of more than 15 digits"
    return repr(value)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__
