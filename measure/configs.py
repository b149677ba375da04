"""The servers measured, each with the exact command that starts it.

Three of them are the production commands of ``examples/commands.sh`` (sections ``flask``,
``django`` and ``fastapi``) with the worker count and port filled in; the others change one
thing each: the worker class (Flask under Gunicorn's sync and gevent workers) or the server
(Django under Uvicorn, through ``examples/django_app/asgi.py``).  Two changes apply to all:
Uvicorn runs with ``--no-access-log`` (Gunicorn logs no requests by default, and one line per
request would tilt the comparison), and the port is a free one instead of 8000.
"""
from __future__ import annotations

import shlex
import sys
from dataclasses import dataclass, field
from pathlib import Path

from measure.paced import ASYNC_PATH, PATH

BIN = Path(sys.executable).parent
THREADS = 8  # gthread threads, as in examples/commands.sh


@dataclass(frozen=True)
class Config:
    id: str
    framework: str            # Flask, Django, FastAPI
    server: str               # Gunicorn, Uvicorn
    worker: str               # sync, gthread, gevent, asyncio
    interface: str            # WSGI, ASGI
    app: str                  # the example app, as the server names it
    paced_app: str            # the same app plus the paced stream (measure/paced.py)
    section: str | None = None  # the examples/commands.sh section this command is, if any
    env: dict[str, str] = field(default_factory=dict)
    paced_env: dict[str, str] = field(default_factory=dict)
    stream_path: str = PATH

    @property
    def preload(self) -> bool:
        """Whether the server can load the app before it forks its workers (Gunicorn's --preload;
        Uvicorn starts each worker as a fresh interpreter and has no such option)."""
        return self.server == "Gunicorn"

    def argv(self, port: int | str, workers: int, *, preload: bool = False, paced: bool = False) -> list[str]:
        app = self.paced_app if paced else self.app
        if self.server == "Gunicorn":
            words = ["gunicorn", "--worker-class", self.worker, "--workers", str(workers)]
            if self.worker == "gthread":
                words += ["--threads", str(THREADS)]
            words += ["--bind", f"127.0.0.1:{port}"] + (["--preload"] if preload else []) + [app]
        else:
            words = ["uvicorn", "--workers", str(workers), "--host", "127.0.0.1", "--port", str(port),
                     "--no-access-log"] + (["--factory"] if app.endswith("()") else []) + [app.removesuffix("()")]
        return words

    def command(self, workers: int, **kwargs) -> str:
        """The command as the results file and the page show it (PORT for the free port)."""
        return shlex.join(self.argv("PORT", workers, **kwargs))

    def executable_argv(self, port: int, workers: int, **kwargs) -> list[str]:
        words = self.argv(port, workers, **kwargs)
        return [str(BIN / words[0]), *words[1:]]


def _django_env() -> dict[str, str]:
    import secrets
    return {"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)}


FLASK_APP = "examples.flask_app.app:create_app()"
FLASK_PACED = "measure.paced:flask_app()"
DJANGO_PACED_ENV = {"DJANGO_SETTINGS_MODULE": "measure.paced_django_settings"}

CONFIGS: tuple[Config, ...] = (
    Config("flask-sync", "Flask", "Gunicorn", "sync", "WSGI", FLASK_APP, FLASK_PACED),
    Config("flask-gthread", "Flask", "Gunicorn", "gthread", "WSGI", FLASK_APP, FLASK_PACED, section="flask"),
    Config("flask-gevent", "Flask", "Gunicorn", "gevent", "WSGI", FLASK_APP, FLASK_PACED),
    Config("django-gthread", "Django", "Gunicorn", "gthread", "WSGI", "examples.django_app.wsgi",
           "examples.django_app.wsgi", section="django", env=_django_env(), paced_env=DJANGO_PACED_ENV),
    Config("django-uvicorn", "Django", "Uvicorn", "asyncio", "ASGI", "examples.django_app.asgi:application",
           "examples.django_app.asgi:application", section="django-asgi", env=_django_env(),
           paced_env=DJANGO_PACED_ENV, stream_path=ASYNC_PATH),
    Config("fastapi-uvicorn", "FastAPI", "Uvicorn", "asyncio", "ASGI", "examples.fastapi_app.app:app",
           "measure.paced:fastapi_app()", section="fastapi"),
)
BY_ID = {c.id: c for c in CONFIGS}
