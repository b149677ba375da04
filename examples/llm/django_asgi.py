"""ASGI entry point for the Django chat example."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.llm.django_settings")
application = get_asgi_application()
