"""The chat recipe's browser side (examples/llm/chat.html and chat.js) in Chromium, against
the FastAPI chat app under Uvicorn with a fake model client: the answer streams in, and
the Stop button aborts the fetch, which makes the server close the model stream."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest
import uvicorn
from fastapi.responses import FileResponse

from examples.llm.fastapi_chat import create_app
from llm_fakes import KEY, FakeModel, service
from support import free_port, wait_for

pytestmark = pytest.mark.browser
LLM = Path(__file__).resolve().parents[2] / "examples" / "llm"


class ChatServer:
    """The FastAPI chat app with the page and its script, under Uvicorn in a thread."""

    def __init__(self):
        self.model = FakeModel()
        app = create_app(service(self.model))
        app.get("/")(lambda: FileResponse(LLM / "chat.html"))
        app.get("/chat.js")(lambda: FileResponse(LLM / "chat.js", media_type="text/javascript"))
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        wait_for(lambda: self.server.started, timeout=30)
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture
def chat():
    with ChatServer() as server:
        yield server


def ask(page, chat, key=KEY, prompt="Say hello"):
    page.goto(chat.url)
    page.fill("#key", key)
    page.fill("#prompt", prompt)
    page.click("button[type=submit]")


def test_the_answer_streams_into_the_page(page, chat):
    ask(page, chat)
    page.wait_for_function("document.querySelector('#status').textContent === 'Done.'")
    assert page.text_content("#answer") == "Hello, world"
    assert chat.model.prompts == ["Say hello"] and page.errors == []


def test_stop_aborts_the_fetch_and_the_server_stops_the_model(page, chat):
    chat.model.stall_after = 1   # one token, then the model keeps thinking
    ask(page, chat)
    page.wait_for_function("document.querySelector('#answer').textContent === 'Hello'")
    assert page.is_enabled("#stop")
    page.click("#stop")
    page.wait_for_function("document.querySelector('#status').textContent === 'Stopped.'")
    assert chat.model.closed.wait(20), "the server did not close the model stream"
    assert not chat.model.finished.is_set() and page.errors == []


def test_a_refusal_is_shown_not_streamed(page, chat):
    ask(page, chat, key="wrong-key")
    page.wait_for_function("document.querySelector('#status').textContent.startsWith('Failed:')")
    assert page.text_content("#status") == "Failed: 401: missing or unknown API key"
    assert chat.model.prompts == []
