from django.urls import path, re_path

from . import privacy_views, retention_views, views

app_name = "dataprotection"

# The case reference's own alphabet, as contacts' case pages.
_REQUEST = r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/subject-access/"

urlpatterns: list = [
    path("privacy/", privacy_views.privacy_notice, name="privacy"),
    # The data protection officer's pages: retention runs, legal holds, erasures (ADR 0030).
    path("data-protection/", retention_views.overview_page, name="overview"),
    path("data-protection/legal-holds/add/", retention_views.legal_hold_add_page, name="hold-add"),
    # The hold's id in the body: a POST only, from the overview's release buttons.
    path(
        "data-protection/legal-holds/release/",
        retention_views.legal_hold_release_page,
        name="hold-release",
    ),
    # A customer's id only: never a name in an address.
    re_path(
        r"^data-protection/customers/(?P<customer_id>[0-9]{1,18})/erase/$",
        retention_views.customer_erase_page,
        name="customer-erase",
    ),
    # Subject access requests (ADR 0031).
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
