"""Setting up the authenticator app, and giving its code after the password."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import user_has_device

from ..access import landing_url_name
from . import services
from .forms import SecurityCodeForm
from .qr import qr_svg, secret_text


def _wrong_code(form: SecurityCodeForm) -> None:
    form.add_error(
        "code",
        _("The security code is not right. Check your authenticator app and try again"),
    )


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    name = landing_url_name(request.user)  # type: ignore[arg-type]
    return str(redirect(name or "accounts:home").url)


@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def set_up(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the secret), then give the first code to confirm it.

    Someone who has an authenticator already must pass it before replacing it: otherwise a
    password alone would be enough to set up a second factor of one's own.
    """
    user = request.user
    if user_has_device(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect("accounts:second-factor-verify")
    device = services.totp_device_pending(user=user)
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_device_confirm(
            request=request, device=device, token=form.cleaned_data["code"]
        ):
            messages.success(request, _("Your authenticator app is set up."))
            return redirect(_next_url(request))
        _wrong_code(form)
    return render(
        request,
        "accounts/second_factor_set_up.html",
        {"form": form, "qr_svg": qr_svg(device), "secret": secret_text(device)},
    )


@sensitive_post_parameters("code")
@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The code from the authenticator app, asked for after the password."""
    if not user_has_device(request.user):
        return redirect("accounts:second-factor-set-up")
    if request.user.is_verified():  # type: ignore[union-attr]
        return redirect(_next_url(request))
    form = SecurityCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(request=request, token=form.cleaned_data["code"]):
            return redirect(_next_url(request))
        _wrong_code(form)
    return render(
        request,
        "accounts/second_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )
