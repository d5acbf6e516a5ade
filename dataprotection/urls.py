from django.urls import path, re_path

from . import privacy_views, views

app_name = "dataprotection"

# The case reference's own alphabet, as contacts' case pages.
_REQUEST = r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/subject-access/"

urlpatterns: list = [
    path("privacy/", privacy_views.privacy_notice, name="privacy"),
    re_path(r"^data-protection/subject-access/$", views.officer_requests, name="requests"),
    re_path(rf"{_REQUEST}$", views.request_page, name="request"),
    re_path(rf"{_REQUEST}extend/$", views.request_extend_view, name="request-extend"),
    re_path(rf"{_REQUEST}export/$", views.request_export, name="request-export"),
    re_path(
        rf"{_REQUEST}exports/(?P<export_id>[0-9]{{1,18}})/$",
        views.export_download,
        name="export-download",
    ),
]
