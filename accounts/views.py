"""Signing in and out, and the landing page that sends each role to its work."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from common.errors import add_service_error

from . import selectors, services
from .access import landing_url_name, role_required, signed_in
from .forms import AbsenceForm, SignInForm
from .models import STAFF_ROLES


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    name = landing_url_name(signed_in(request))
    if name is None:
        raise PermissionDenied
    return redirect(name)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True
    # A form: shown by GET, sent by POST (Django's also takes PUT as POST).
    http_method_names = ["get", "post", "options"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # Refused before Django's LoginView sends a signed-in user on, whatever the method.
        if request.method and request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        # Reached only once signed in: after a sign-in, or sent on as already signed in.
        name = landing_url_name(signed_in(self.request))
        return reverse(name or "accounts:home")


class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # Told on the sign-in page, so that someone at a shared desk knows the next person
        # cannot carry on as them.
        messages.success(request, _("You have signed out."))
        return response


@role_required(STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def absences(request: HttpRequest) -> HttpResponse:
    """Record time away, so that e-mail addressed to the officer gets an out-of-office reply
    saying when they are back and whom to contact."""
    officer, today = signed_in(request), timezone.localdate()
    form = AbsenceForm(request.POST or None, officer=officer)
    if request.method == "POST" and form.is_valid():
        try:
            services.absence_record(officer=officer, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your absence has been recorded."))
            return redirect("accounts:absences")
    return render(
        request,
        "accounts/absences.html",
        {"form": form, "absences": selectors.absences_ahead(officer=officer, today=today)},
    )


@require_POST
@role_required(STAFF_ROLES)
def absence_cancel(request: HttpRequest, absence_id: int) -> HttpResponse:
    if not services.absence_cancel(officer=signed_in(request), absence_id=absence_id):
        # Not one of theirs (or removed already): nothing of anyone else's is touched.
        raise Http404
    messages.success(request, _("The absence has been removed."))
    return redirect("accounts:absences")
