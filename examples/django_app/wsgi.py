"""WSGI entry point for Gunicorn; the start command is in examples/commands.sh."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.django_app.settings")
application = get_wsgi_application()  # calls django.setup(), so ready() runs
