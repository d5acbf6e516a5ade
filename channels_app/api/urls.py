from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .inbound import (
    InboundEmailView,
    NotifyTextWebhook,
    PhoneWebhook,
    SocialWebhook,
    TextWebhook,
)
from .views import LetterViewSet

router = SimpleRouter()
router.register("letters", LetterViewSet, basename="letter")

urlpatterns = [
    path("", include(router.urls)),
    path("inbound/email/", InboundEmailView.as_view(), name="inbound-email"),
    path("inbound/texts/notify/", NotifyTextWebhook.as_view(), name="inbound-texts-notify"),
    path("inbound/texts/", TextWebhook.as_view(), name="inbound-texts"),
    path("inbound/social/", SocialWebhook.as_view(), name="inbound-social"),
    path("inbound/phone/", PhoneWebhook.as_view(), name="inbound-phone"),
]
