"""A member's own contact preferences: how officers reach them, and in which language."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.access import role_required, signed_in
from accounts.models import SUBMITTER_ROLES
from common.errors import add_service_error

from .. import services
from ..forms import MemberPreferencesForm


@role_required(SUBMITTER_ROLES)
@require_http_methods(["GET", "POST"])
def my_preferences(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    profile = services.member_profile_ensure(user=user)
    if request.method == "POST":
        form = MemberPreferencesForm(request.POST)
    else:
        form = MemberPreferencesForm(
            initial={
                "contact_method": profile.contact_method,
                "language": user.preferred_language,
                "phone": user.phone,
                "postal_address": profile.postal_address,
            }
        )
    if request.method == "POST" and form.is_valid():
        try:
            services.member_preferences_update(user=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your contact preferences are saved."))
            return redirect("councillors:my-preferences")
    return render(request, "councillors/preferences.html", {"form": form, "email": user.email})
