from django.urls import path

from . import views

urlpatterns = [
    path("health", views.health),
    path("predict", views.predict),
    path("predict/stream", views.predict_stream),
]

# With DEBUG = False Django renders HTML error pages; answer in JSON instead.
handler400 = views.bad_request
handler404 = views.not_found
handler500 = views.server_error
