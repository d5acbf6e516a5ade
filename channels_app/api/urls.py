from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .views import LetterViewSet

router = SimpleRouter()
router.register("letters", LetterViewSet, basename="letter")

urlpatterns = [
    path("", include(router.urls)),
]
