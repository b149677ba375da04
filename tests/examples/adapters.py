"""One small adapter per framework around its own test client, so that
test_examples.py runs every check against all three apps.

Each adapter answers with a ``Reply``. ``post_unsized`` sends a body without
Content-Length, the way a WSGI server that de-chunks ``Transfer-Encoding:
chunked`` hands it to the app (Gunicorn sets ``wsgi.input_terminated``).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import logging
import os
import secrets
import sys
from dataclasses import dataclass
from typing import Any
from unittest import mock

JSON = "application/json"
FRAMEWORKS = ("flask", "django", "fastapi")


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # lower-case names
    text: str
    streamed: bool = False

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")

    def json(self) -> Any:
        return json.loads(self.text)


def _lower(headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}


def _raise():
    raise RuntimeError("failure injected by the tests")


# --- Flask ---------------------------------------------------------------------


class FlaskAdapter:
    name = "flask"

    def __init__(self, with_failing_route: bool = False):
        from examples.flask_app.app import create_app

        self.app = create_app()
        if with_failing_route:
            self.app.add_url_rule("/boom", "boom", _raise)
        self.client = self.app.test_client()

    @contextlib.contextmanager
    def running(self):
        yield self

    def start_again(self) -> None:
        """What a second worker start does: here, another app from the factory."""
        from examples.flask_app.app import create_app

        create_app()

    def _reply(self, r) -> Reply:
        streamed = r.is_streamed  # ask before get_data() buffers the body
        return Reply(r.status_code, _lower(r.headers), r.get_data(as_text=True), streamed)

    def get(self, path: str) -> Reply:
        return self._reply(self.client.get(path))

    def post(self, path: str, body: bytes, content_type: str = JSON) -> Reply:
        return self._reply(self.client.post(path, data=body, content_type=content_type))

    def post_unsized(self, path: str, body: bytes) -> Reply:
        from werkzeug.test import EnvironBuilder, run_wsgi_app

        environ = EnvironBuilder(
            path, method="POST", input_stream=io.BytesIO(body), content_type=JSON,
            headers={"Transfer-Encoding": "chunked"},
        ).get_environ()
        del environ["CONTENT_LENGTH"]  # the test client always computes one
        environ["wsgi.input_terminated"] = True
        app_iter, status, headers = run_wsgi_app(self.app, environ, buffered=True)
        return Reply(int(status.split()[0]), _lower(headers), b"".join(app_iter).decode())


# --- Django --------------------------------------------------------------------
# Django settings are process-global. So that these tests cannot leak into the
# rest of the suite, the example's settings are applied while the adapter runs:
# configured and undone afterwards if nothing had configured Django yet, or
# laid over the existing settings with override_settings() if something had.


def example_settings(env: dict[str, str] | None = None) -> dict[str, Any]:
    """The example's settings module, imported afresh under ``env``."""
    env = {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)} if env is None else env
    with mock.patch.dict(os.environ, env, clear=False):
        for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"):
            if name not in env:
                os.environ.pop(name, None)
        sys.modules.pop("examples.django_app.settings", None)
        module = importlib.import_module("examples.django_app.settings")
    return {name: getattr(module, name) for name in dir(module) if name.isupper()}


def _unconfigure() -> None:
    """Return Django to its never-configured state."""
    from django.apps import apps
    from django.conf import settings
    from django.urls import clear_url_caches, set_urlconf
    from django.utils.functional import empty

    settings._wrapped = empty
    apps.app_configs = {}
    apps.apps_ready = apps.models_ready = apps.ready = apps.loading = False
    if hasattr(apps, "ready_event"):
        apps.ready_event.clear()
    apps.clear_cache()
    clear_url_caches()
    set_urlconf(None)


@contextlib.contextmanager
def django_example(**overrides):
    import django
    from django.conf import settings
    from django.test import override_settings

    values = {**example_settings(), **overrides}
    logger = logging.getLogger("django")
    saved = (logger.handlers[:], logger.level, logger.propagate)
    try:
        if settings.configured:
            values.pop("DATABASES")  # overriding it only draws a warning
            with override_settings(**values):
                yield
            return
        settings.configure(**values)
        try:
            django.setup()  # runs AppConfig.ready() and applies LOGGING
            yield
        finally:
            _unconfigure()
    finally:
        logger.handlers[:], logger.level, logger.propagate = saved


class DjangoAdapter:
    name = "django"
    host = "localhost"  # in the example's default ALLOWED_HOSTS

    def __init__(self, with_failing_route: bool = False):
        self.overrides = {"ROOT_URLCONF": "failing_apps"} if with_failing_route else {}

    @contextlib.contextmanager
    def running(self):
        from django.test import Client

        with django_example(**self.overrides):
            # Like a real browser-facing deployment: CSRF checks are enforced,
            # and the JSON views opt out with @csrf_exempt.
            self.client = Client(
                enforce_csrf_checks=True, raise_request_exception=False, HTTP_HOST=self.host
            )
            yield self

    def start_again(self) -> None:
        from django.apps import apps

        apps.get_app_config("iris_example").ready()

    def _reply(self, r) -> Reply:
        text = b"".join(r.streaming_content).decode() if r.streaming else r.content.decode()
        return Reply(r.status_code, _lower(r.headers), text, r.streaming)

    def get(self, path: str, **extra) -> Reply:
        return self._reply(self.client.get(path, **extra))

    def post(self, path: str, body: bytes, content_type: str = JSON) -> Reply:
        return self._reply(self.client.post(path, data=body, content_type=content_type))

    def post_unsized(self, path: str, body: bytes) -> Reply:
        return self._reply(
            self.client.generic(
                "POST", path, CONTENT_TYPE=JSON, HTTP_TRANSFER_ENCODING="chunked",
                **{"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True},
            )
        )


# --- FastAPI -------------------------------------------------------------------


class FastAPIAdapter:
    name = "fastapi"

    def __init__(self, with_failing_route: bool = False):
        from examples.fastapi_app.app import create_app

        self.app = create_app()
        if with_failing_route:
            self.app.add_api_route("/boom", _raise)

    @contextlib.contextmanager
    def running(self):
        from fastapi.testclient import TestClient

        # The lifespan (which loads the model) only runs when TestClient is
        # used as a context manager.
        with TestClient(self.app, raise_server_exceptions=False) as client:
            self.client = client
            yield self

    def start_again(self) -> None:
        from fastapi.testclient import TestClient

        from examples.fastapi_app.app import create_app

        with TestClient(create_app()):  # runs a second app's lifespan
            pass

    def _reply(self, r) -> Reply:
        return Reply(r.status_code, _lower(r.headers), r.text)

    def get(self, path: str) -> Reply:
        return self._reply(self.client.get(path))

    def post(self, path: str, body: bytes, content_type: str = JSON) -> Reply:
        return self._reply(self.client.post(path, content=body, headers={"Content-Type": content_type}))

    def post_unsized(self, path: str, body: bytes) -> Reply:
        def chunks():  # a generator body: httpx sends no Content-Length
            for i in range(0, len(body), 1024):
                yield body[i : i + 1024]

        return self._reply(self.client.post(path, content=chunks(), headers={"Content-Type": JSON}))


ADAPTERS = {"flask": FlaskAdapter, "django": DjangoAdapter, "fastapi": FastAPIAdapter}
