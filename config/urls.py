from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

handler404 = "common.api.not_found"

urlpatterns = [
    path("api/v1/", include("contacts.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
)
