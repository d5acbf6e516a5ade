from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .officer import MemberEnquiryOfficerViewSet
from .views import MemberEnquiryViewSet

router = SimpleRouter()
router.register("member-enquiries", MemberEnquiryViewSet, basename="member-enquiry")
# The officers' actions on the same enquiries: their own permissions, the same addresses.
router.register("member-enquiries", MemberEnquiryOfficerViewSet, basename="member-enquiry-officer")

urlpatterns = [path("", include(router.urls))]
