from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("absences/", views.absences, name="absences"),
    path("absences/<int:absence_id>/remove/", views.absence_cancel, name="absence-remove"),
]
