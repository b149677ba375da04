"""Reading and decoding a JSON request body, for the Flask and Django apps.

FastAPI reads and parses bodies itself (its JSON parser has a nesting limit of
its own); the two WSGI apps share these helpers so that they fail the same way.
"""

from __future__ import annotations

import json
from typing import Any, BinaryIO

from examples.common.model import InvalidInput


class BodyTooLarge(Exception):
    """The request body is over the size limit (answered with 413)."""


def read_unsized_body(stream: BinaryIO, limit: int) -> bytes:
    """Read a body sent without Content-Length (``Transfer-Encoding: chunked``).

    Only call this when the server has decoded the chunks and ends the stream
    at the end of the body (it sets ``wsgi.input_terminated``; Gunicorn does).
    Reads at most one byte past ``limit``: enough to tell a body of exactly
    ``limit`` bytes from a larger one, without reading the rest of a huge one.
    """
    data = bytearray()
    while len(data) <= limit:
        chunk = stream.read(limit + 1 - len(data))
        if not chunk:
            return bytes(data)
        data += chunk
    raise BodyTooLarge(f"request body is larger than {limit} bytes")


def parse_json(raw: bytes) -> Any:
    """Decode a JSON body; anything that is not valid JSON is an InvalidInput."""
    try:
        return json.loads(raw)
    except RecursionError:
        # The json module parses nested arrays recursively: 5,000 "[" in a
        # 10 KB body exhaust the interpreter's recursion limit.
        raise InvalidInput("malformed JSON: nested too deeply") from None
    except ValueError as exc:  # JSONDecodeError, bad UTF-8, over-long integers
        raise InvalidInput(f"malformed JSON: {exc}") from None
