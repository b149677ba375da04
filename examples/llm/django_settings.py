"""Settings for the Django chat example (examples/llm/django_chat.py)."""

import os

from django.core.exceptions import ImproperlyConfigured

try:
    SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
except KeyError:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (see examples/commands.sh, section django-env)") from None

DEBUG = False
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
ROOT_URLCONF = "examples.llm.django_chat"
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
USE_TZ = True
# Every middleware here is async-capable, so requests stay on the event loop.
MIDDLEWARE = [
    "examples.llm.django_chat.GZipExceptEventStream",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
