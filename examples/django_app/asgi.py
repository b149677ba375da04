"""ASGI entry point for Uvicorn (or any ASGI server); the start command is in examples/commands.sh."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_app.settings")
application = get_asgi_application()  # calls django.setup(), so ready() runs
