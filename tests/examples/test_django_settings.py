"""The Django example's settings: read from the environment, logged errors,
and `check --deploy` with the production settings the serving page documents."""

from __future__ import annotations

import io
import logging
import re
import subprocess
import sys

import pytest

from adapters import DjangoAdapter, django_example, example_settings
from command_file import REPO_ROOT, commands, start_script
from servers import server_env

pytest.importorskip("django")

from django.conf import settings  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402
from django.test import Client  # noqa: E402

SERVING_PAGE = REPO_ROOT / "docs" / "ai" / "serving.md"
# What `check --deploy` still reports with the documented production settings;
# the serving page explains each (security.W004 and W008: nginx ends TLS).
EXPLAINED_WARNINGS = {"security.W004", "security.W008"}


def test_settings_are_undone_afterwards():
    # Runs before anything else in this module configures Django.
    if settings.configured:
        pytest.skip("Django was configured by something else")
    for _ in range(2):  # can be configured again after being undone
        with django_example():
            assert settings.ROOT_URLCONF == "examples.django_app.urls"
            assert Client(HTTP_HOST="localhost").get("/health").status_code == 200
        assert not settings.configured


def test_no_secret_key_no_start():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY"):
        example_settings(env={})


def test_the_secret_key_comes_from_the_environment():
    assert example_settings(env={"DJANGO_SECRET_KEY": "k" * 60})["SECRET_KEY"] == "k" * 60


def test_allowed_hosts_default_to_local_names_only():
    hosts = example_settings(env={"DJANGO_SECRET_KEY": "k" * 60})["ALLOWED_HOSTS"]
    assert hosts == ["localhost", "127.0.0.1", "[::1]"]


def test_allowed_hosts_come_from_the_environment():
    env = {"DJANGO_SECRET_KEY": "k" * 60, "DJANGO_ALLOWED_HOSTS": " api.example.com, .example.org "}
    assert example_settings(env=env)["ALLOWED_HOSTS"] == ["api.example.com", ".example.org"]


def test_something_checks_the_host_header():
    # ALLOWED_HOSTS is only enforced by request.get_host(); CommonMiddleware
    # calls it for every request (test_examples.py sends a foreign Host).
    assert "django.middleware.common.CommonMiddleware" in example_settings()["MIDDLEWARE"]


def test_request_errors_are_logged_to_stderr():
    if settings.configured:
        pytest.skip("Django was configured by something else; LOGGING was not applied")
    with DjangoAdapter(with_failing_route=True).running() as app:
        handlers = [h for h in logging.getLogger("django").handlers
                    if isinstance(h, logging.StreamHandler)]
        assert handlers and all(h.stream is sys.stderr for h in handlers)
        buffer = io.StringIO()
        for handler in handlers:
            handler.setStream(buffer)
        try:
            reply = app.get("/boom")
        finally:
            for handler in handlers:
                handler.setStream(sys.stderr)
    assert reply.status == 500
    logged = buffer.getvalue()
    assert "ERROR django.request: Internal Server Error: /boom" in logged
    assert "RuntimeError: failure injected by the tests" in logged  # with the traceback


def run_check_deploy() -> subprocess.CompletedProcess:
    """The documented production environment, then the documented check."""
    script = start_script("django-production-env", "django-check-deploy")
    return subprocess.run(
        ["bash", "-c", script], cwd=REPO_ROOT, env=server_env(),
        capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_reports_only_the_explained_warnings():
    result = run_check_deploy()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output  # no errors
    assert set(re.findall(r"\((security\.[EW]\d+)\)", output)) == EXPLAINED_WARNINGS, output


def test_the_serving_page_explains_each_remaining_warning():
    page = SERVING_PAGE.read_text(encoding="utf-8")
    for warning in EXPLAINED_WARNINGS:
        assert f"`{warning}`" in page, warning


def test_the_production_hosts_are_named():
    exports = dict(re.findall(r'^export (\w+)="(.*)"$', "\n".join(commands("django-production-env")), re.M))
    hosts = exports["DJANGO_ALLOWED_HOSTS"].split(",")
    assert hosts and all(host.strip() and "*" not in host for host in hosts)
