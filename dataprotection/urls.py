from django.urls import path

from . import views

app_name = "dataprotection"

urlpatterns: list = [
    path("privacy/", views.privacy_notice, name="privacy"),
]
