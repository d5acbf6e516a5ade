from django.urls import path

from . import views
from .second_factor import views as second_factor

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("sign-in/security-code/", second_factor.verify, name="second-factor-verify"),
    path("second-factor/set-up/", second_factor.set_up, name="second-factor-set-up"),
    path("absences/", views.absences, name="absences"),
    path("absences/<int:absence_id>/remove/", views.absence_cancel, name="absence-remove"),
]
