"""FastAPI ``async def`` endpoint that hands CPU-bound inference to a thread.

A plain ``def`` endpoint gets the thread pool for free. An ``async def`` one runs
on the event loop, so it must push blocking work off the loop itself; AnyIO,
which FastAPI is built on, does that with ``to_thread.run_sync``.
"""

from __future__ import annotations

from typing import Annotated

import anyio.to_thread
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict, Field

from examples.common.model import FEATURE_MAX_CM, FEATURE_MIN_CM, N_FEATURES, load_model


class Features(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid")
    features: Annotated[
        list[Annotated[float, Field(allow_inf_nan=False, ge=FEATURE_MIN_CM, le=FEATURE_MAX_CM)]],
        Field(min_length=N_FEATURES, max_length=N_FEATURES),
    ]


app = FastAPI(docs_url=None, redoc_url=None)  # those pages load scripts from a CDN


@app.post("/predict")
async def predict(body: Features) -> dict:
    model = load_model()
    return await anyio.to_thread.run_sync(model.predict, body.features)
