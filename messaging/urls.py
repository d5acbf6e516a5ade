from django.urls import re_path

from . import views

app_name = "messaging"

urlpatterns = [
    re_path(r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/reply/$", views.reply, name="case-reply"),
    re_path(
        r"^cases/(?P<reference>[A-Za-z0-9-]{1,20})/confirm/$",
        views.confirm,
        name="case-confirm",
    ),
]
