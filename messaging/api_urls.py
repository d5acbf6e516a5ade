from django.urls import re_path

from .api import CaseReplyViewSet

urlpatterns = [
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/reply/$",
        CaseReplyViewSet.as_view({"post": "reply"}),
        name="case-reply",
    ),
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/confirm/$",
        CaseReplyViewSet.as_view({"post": "confirm"}),
        name="case-confirm",
    ),
]
