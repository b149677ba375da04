"""The Django example's settings with the paced stream's URLs added (see ``measure.paced``)."""
from examples.django_app.settings import *  # noqa: F401,F403

ROOT_URLCONF = "measure.paced_django_urls"
