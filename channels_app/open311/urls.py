from django.urls import re_path

from . import views

app_name = "open311"

FORMAT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(rf"^services{FORMAT}", views.service_list, name="services"),
    re_path(rf"^requests{FORMAT}", views.requests, name="requests"),
    re_path(
        rf"^requests/(?P<reference>[A-Za-z0-9-]{{1,20}}){FORMAT}",
        views.request_detail,
        name="request",
    ),
]
