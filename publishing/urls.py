"""The web publishing pages (docs/adr/0033). A case's reference in its own alphabet."""

from django.urls import path, re_path

from . import views

app_name = "publishing"

urlpatterns = [
    path("web-publishing/", views.web_queue, name="queue"),
    path("web-publishing/change/", views.change_request, name="change"),
    path("web-publishing/emergency/", views.emergency_raise, name="emergency"),
    path("web-publishing/emergencies/", views.emergency_report, name="report"),
    path("web-publishing/emergencies.csv", views.emergency_report_export, name="report-export"),
    re_path(
        r"^web-publishing/(?P<reference>[A-Za-z0-9-]{1,20})/$",
        views.request_page,
        name="request",
    ),
]
