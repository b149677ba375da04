"""The Django example's settings with failing_apps as the urlconf (test-only)."""

from examples.django_app.settings import *  # noqa: F403

ROOT_URLCONF = "failing_apps"
