from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import MemberEnquiryViewSet

router = SimpleRouter()
router.register("member-enquiries", MemberEnquiryViewSet, basename="member-enquiry")

urlpatterns = [path("", include(router.urls))]
