from django.apps import AppConfig

from examples.common.model import load_model


class IrisExampleConfig(AppConfig):
    name = "examples.django_app"
    label = "iris_example"

    def ready(self):
        # Runs once per process when Django starts (django.setup()).
        # load_model() is cached, so a second ready() call costs nothing.
        load_model()
