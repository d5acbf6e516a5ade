from django.urls import path

from . import views

app_name = "public"

urlpatterns = [
    path("contact-us/", views.start, name="start"),
    path("contact-us/check/", views.check, name="check"),
    path("contact-us/done/", views.done, name="done"),
    path("contact-us/<slug:step>/", views.step, name="step"),
    path("track/", views.track, name="track"),
    path("track/status/", views.track_status, name="track-status"),
]
