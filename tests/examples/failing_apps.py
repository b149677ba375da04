"""The example apps plus a /boom route that raises, for the tests of what
happens after an unexpected error (a 500). Test-only: the examples themselves
have no route that fails on purpose.

    Flask:   gunicorn ... 'failing_apps:flask_app()'
    FastAPI: uvicorn ... failing_apps:fastapi_app
    Django:  DJANGO_SETTINGS_MODULE=failing_django_settings (urlconf: this module)
"""

from __future__ import annotations

from django.urls import path

from examples.django_app import urls as example_urls


def boom():
    raise RuntimeError("failure injected by the tests")


def boom_view(request):
    boom()


def flask_app():
    from examples.flask_app.app import create_app

    app = create_app()
    app.add_url_rule("/boom", "boom", boom)
    return app


def _fastapi_app():
    from examples.fastapi_app.app import create_app

    app = create_app()
    app.add_api_route("/boom", boom)
    return app


def __getattr__(name: str):
    # Built on first use, so that importing this module as Django's urlconf
    # does not build a FastAPI app.
    if name == "fastapi_app":
        globals()["fastapi_app"] = app = _fastapi_app()
        return app
    raise AttributeError(name)


# Django urlconf: the example's routes, its JSON error handlers, and /boom.
urlpatterns = [*example_urls.urlpatterns, path("boom", boom_view)]
handler400 = example_urls.handler400
handler404 = example_urls.handler404
handler500 = example_urls.handler500
