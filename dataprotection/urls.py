from django.urls import path, re_path

from . import retention_views as views

app_name = "dataprotection"

urlpatterns = [
    path("data-protection/", views.overview_page, name="overview"),
    path("data-protection/legal-holds/add/", views.legal_hold_add_page, name="hold-add"),
    # The hold's id in the body: a POST only, from the overview's release buttons.
    path(
        "data-protection/legal-holds/release/", views.legal_hold_release_page, name="hold-release"
    ),
    # A customer's id only: never a name in an address.
    re_path(
        r"^data-protection/customers/(?P<customer_id>[0-9]{1,18})/erase/$",
        views.customer_erase_page,
        name="customer-erase",
    ),
]
