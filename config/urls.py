from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from channels_app import views as channels_views

handler404 = "common.api.not_found"
handler500 = "common.views.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include("contacts.api.urls")),
    path("api/v1/", include("messaging.api_urls")),
    path("api/v1/", include("channels_app.api.urls")),
    path("api/v1/", include("councillors.api.urls")),
    path("api/v1/", include("complaints.api.urls")),
    path("open311/v2/", include("channels_app.open311.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("contacts.urls")),
    path("", include("messaging.urls")),
    path("", include("channels_app.webforms.urls")),
    path("", include("complaints.urls")),
    path("", include("councillors.urls")),
    path("", include("publishing.urls")),
    path("", include("performance.urls")),
    path("", include("audit.urls")),
    path("", include("dataprotection.urls")),
    path("", include("consultations.urls")),
    path("letters/", channels_views.letters, name="letters"),
    path("letters/<int:letter_id>/pdf/", channels_views.letter_document, name="letter-document"),
)
