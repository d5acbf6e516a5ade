from django.urls import path

from . import tracking, views

app_name = "public"

urlpatterns = [
    path("contact-us/", views.start, name="start"),
    path("contact-us/check/", views.check, name="check"),
    path("contact-us/done/", views.done, name="done"),
    path("contact-us/<slug:step>/", views.step, name="step"),
    path("track/", tracking.track, name="track"),
    path("track/status/", tracking.track_status, name="track-status"),
]
