"""What the three chat apps share: the model client, the per-user rate limit,
the request checks and the server-sent-event stream.

The web app does not run the model. It calls a model server (vLLM, or any
server with an OpenAI-compatible streaming API) and relays the tokens to the
browser, so each open answer is one upstream request, not a busy CPU.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import secrets
import threading
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import httpx

from examples.common.body import parse_json
from examples.common.model import InvalidInput
from examples.common.sse import SSE_HEADERS, format_event

MAX_PROMPT_CHARS = 4000
MAX_BODY_BYTES = 16 * 1024
HEARTBEAT_SECONDS = 15.0  # a comment line after this long without a token (proxies close silent streams)

__all__ = ["SSE_HEADERS", "ChatService", "ModelClient", "OpenAICompatibleClient", "RateLimiter", "Refusal",
           "UpstreamError", "sse_events"]


class UpstreamError(Exception):
    """The model server failed or answered with an error."""


class ModelClient(Protocol):
    def stream(self, prompt: str) -> AsyncIterator[str]:
        """The answer's text, piece by piece. Closing the iterator ends the upstream request."""
        ...


@dataclass
class OpenAICompatibleClient:
    """Streams a chat completion from an OpenAI-compatible server such as vLLM's.

    Each answer opens its own HTTP connection, which leaving the ``async with``
    closes: when the browser goes away, the relay stops reading and the model
    server sees its client disconnect. (Under Flask every stream runs in an
    event loop of its own, so a client shared across streams is not an option
    there; under ASGI a shared ``httpx.AsyncClient`` would pool connections.)
    """

    base_url: str
    model: str
    api_key: str | None = None
    timeout: float = 60.0
    transport: httpx.AsyncBaseTransport | None = None  # the tests pass a fake one

    async def stream(self, prompt: str) -> AsyncIterator[str]:
        body = {"model": self.model, "stream": True, "messages": [{"role": "user", "content": prompt}]}
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=self.timeout,
                                         transport=self.transport) as client:
                async with client.stream("POST", "/v1/chat/completions", json=body, headers=headers) as reply:
                    if reply.status_code != 200:
                        raise UpstreamError(f"model server answered {reply.status_code}")
                    async for line in reply.aiter_lines():
                        if not line.startswith("data:"):
                            continue  # blank separators and ": keep-alive" comments
                        data = line.removeprefix("data:").strip()
                        if data == "[DONE]":
                            return
                        for choice in json.loads(data).get("choices") or []:
                            text = (choice.get("delta") or {}).get("content")
                            if text:
                                yield text
        except (httpx.HTTPError, ValueError) as error:
            raise UpstreamError(f"model server failed: {type(error).__name__}") from error


class RateLimiter:
    """At most ``limit`` requests per ``period`` seconds for each key (a sliding window).

    The counts live in this process. Each worker process counts on its own, so
    N workers let a user through up to N times the limit; with several
    processes or machines keep the counts in a shared store such as Redis, as
    Flask-Limiter, django-ratelimit and slowapi do.
    """

    def __init__(self, limit: int, period: float, clock: Callable[[], float] = time.monotonic):
        self.limit, self.period, self.clock = limit, period, clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # Flask and Django may call it from several threads

    def hit(self, key: str) -> float:
        """Count one request; 0 if it is allowed, else the seconds until the next one will be."""
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.period:
                hits.popleft()
            if len(hits) >= self.limit:
                return hits[0] + self.period - now
            hits.append(now)
            return 0.0


@dataclass(frozen=True)
class Refusal:
    """Why a request is not answered: the status, a message and any headers."""
    status: int
    error: str
    headers: dict[str, str] = field(default_factory=dict)


def parse_prompt(raw: bytes) -> str:
    """The prompt from a ``{"prompt": "..."}`` body, or InvalidInput."""
    if len(raw) > MAX_BODY_BYTES:
        raise InvalidInput(f"request body is larger than {MAX_BODY_BYTES} bytes")
    body = parse_json(raw)
    if not isinstance(body, dict) or set(body) != {"prompt"}:
        raise InvalidInput('expected a JSON object with one key, "prompt"')
    prompt = body["prompt"]
    if not isinstance(prompt, str) or not prompt.strip():
        raise InvalidInput("prompt must be a non-empty string")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise InvalidInput(f"prompt is longer than {MAX_PROMPT_CHARS} characters")
    return prompt


@dataclass
class ChatService:
    """The model client, the API keys (key -> user id) and the per-user limit."""
    model: ModelClient
    api_keys: Mapping[str, str]
    limiter: RateLimiter
    heartbeat: float = HEARTBEAT_SECONDS

    def user(self, authorization: str | None) -> str | None:
        scheme, _, key = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not key:
            return None
        for known, user in self.api_keys.items():  # compare_digest: no timing hint about the key
            if secrets.compare_digest(known.encode(), key.encode()):
                return user
        return None

    def admit(self, authorization: str | None, body: bytes) -> str | Refusal:
        """The prompt to answer, or a Refusal: 401 without a valid key, 429 over the
        user's limit (counted before the body is read), 400 for a bad body."""
        user = self.user(authorization)
        if user is None:
            return Refusal(401, "missing or unknown API key", {"WWW-Authenticate": "Bearer"})
        wait = self.limiter.hit(user)
        if wait:
            return Refusal(429, "too many requests, slow down", {"Retry-After": str(math.ceil(wait))})
        try:
            return parse_prompt(body)
        except InvalidInput as error:
            return Refusal(400, str(error))

    @classmethod
    def from_env(cls) -> ChatService:
        """Settings from the environment: LLM_BASE_URL (e.g. http://127.0.0.1:8001 for
        `vllm serve`), LLM_MODEL, LLM_API_KEYS ("key:user,key:user") and
        LLM_REQUESTS_PER_MINUTE (default 10); LLM_UPSTREAM_KEY if the model server wants a key."""
        model = OpenAICompatibleClient(os.environ["LLM_BASE_URL"], os.environ["LLM_MODEL"],
                                       os.environ.get("LLM_UPSTREAM_KEY"))
        keys = dict(pair.split(":", 1) for pair in os.environ.get("LLM_API_KEYS", "").split(",") if ":" in pair)
        limit = int(os.environ.get("LLM_REQUESTS_PER_MINUTE", "10"))
        return cls(model, keys, RateLimiter(limit, 60.0))


async def sse_events(tokens: AsyncIterator[str], heartbeat: float = HEARTBEAT_SECONDS) -> AsyncIterator[str]:
    """The answer as server-sent events: one ``token`` event per piece, a ``: ping``
    comment whenever the model is silent for ``heartbeat`` seconds, then ``done``
    (or ``error``).

    Closing this generator, or cancelling the task that iterates it, is how a
    server reports that the browser left; either way the model stream is closed
    too, which ends the upstream request.
    """
    pending: asyncio.Future | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(anext(tokens))
            done, _ = await asyncio.wait({pending}, timeout=heartbeat)
            if not done:
                yield ": ping\n\n"
                continue
            finished, pending = pending, None
            try:
                token = finished.result()
            except StopAsyncIteration:
                break
            yield format_event(token, event="token")
        yield format_event({}, event="done")
    except UpstreamError as error:
        yield format_event({"error": str(error)}, event="error")
    finally:
        if pending is not None:
            pending.cancel()  # the model stream stops at its next await and closes its request
        else:
            await tokens.aclose()
