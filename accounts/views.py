"""Signing in and out, and the landing page that sends each role to its work."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .access import landing_url_name
from .forms import SignInForm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    name = landing_url_name(request.user)
    if name is None:
        raise PermissionDenied
    return redirect(name)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        name = landing_url_name(self.request.user)
        return reverse(name or "accounts:home")


class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # Told on the sign-in page, so that someone at a shared desk knows the next person
        # cannot carry on as them.
        messages.success(request, _("You have signed out."))
        return response
