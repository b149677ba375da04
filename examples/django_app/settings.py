"""Settings for the Django example: no database, no templates, JSON only.

Read from the environment (start commands: examples/commands.sh):
    DJANGO_SECRET_KEY     required; a long random string, kept out of the code
    DJANGO_ALLOWED_HOSTS  comma-separated host names the app answers to;
                          default localhost,127.0.0.1,[::1] for local runs
"""

import os

from django.core.exceptions import ImproperlyConfigured

from examples.common.model import MAX_BODY_BYTES

DEBUG = False  # never serve tracebacks as HTML error pages

# Django signs data with this key. A fallback written here would be a key that
# anyone reading the code knows, so there is none: no key, no start.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# Requests whose Host header is not listed get a 400. Only request.get_host()
# checks it; CommonMiddleware below calls it on every request.
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
    if host.strip()
]

# Listing the app makes Django run its AppConfig.ready(), which loads the model.
INSTALLED_APPS = ["examples.django_app"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",  # calls request.get_host()
    "django.middleware.csrf.CsrfViewMiddleware",  # on by default in new projects
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "examples.django_app.urls"
DATABASES = {}

# Reading request.body raises RequestDataTooBig above this size.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_BODY_BYTES
USE_TZ = True
TIME_ZONE = "UTC"

# The API sets no cookies, but if a CSRF cookie is ever set, only send it over HTTPS.
CSRF_COOKIE_SECURE = True
# `check --deploy` still reports security.W004 (SECURE_HSTS_SECONDS) and
# security.W008 (SECURE_SSL_REDIRECT): in the documented deployment nginx ends
# TLS, redirects http:// to https:// and sends the HSTS header
# (examples/nginx.conf), and Django only listens on 127.0.0.1 behind it.

# With DEBUG = False, Django's default logging only mails errors to ADMINS
# (none here) and prints nothing. Print errors, including every 500 with its
# traceback, to stderr, where Gunicorn and container platforms collect them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
        },
    },
    # ERROR: 5xx responses and rejected Host headers; 4xx warnings are left out.
    "loggers": {"django": {"handlers": ["stderr"], "level": "ERROR"}},
}
