"""Settings for the Django example: no database, no templates, JSON only.

Run from the repository root:
    python -m django runserver --settings=examples.django_app.settings
"""

import os

from examples.common.model import MAX_BODY_BYTES

# Example only: set DJANGO_SECRET_KEY in anything you deploy.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-example-key")
DEBUG = False  # never serve tracebacks as HTML error pages
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

# Listing the app makes Django run its AppConfig.ready(), which loads the model.
INSTALLED_APPS = ["examples.django_app"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # on by default in new projects
]
ROOT_URLCONF = "examples.django_app.urls"
DATABASES = {}

# Reading request.body raises RequestDataTooBig above this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
USE_TZ = True
TIME_ZONE = "UTC"
