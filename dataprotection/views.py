"""The data protection officer's pages (administrators too): the retention runs, erasures and
legal holds; erasing a customer. Thin: the selectors read, the services write."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import signed_in
from common.errors import ServiceError, add_service_error
from contacts.models import Case, Customer

from .forms import ErasureForm
from .selectors import overview
from .services.erasure import customer_erase

View = Callable[..., HttpResponseBase]


def data_protection_only(view: View) -> View:
    """Data protection officers and administrators; anyone else signed in gets the 403 page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not signed_in(request).reads_audit:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


@require_GET
@data_protection_only
def overview_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dataprotection/overview.html",
        {
            "runs": overview.retention_runs_latest(),
            "erasures": overview.erasures_latest(),
            "holds": overview.legal_holds_latest(),
        },
    )


@require_http_methods(["GET", "POST"])
@data_protection_only
def customer_erase_page(request: HttpRequest, customer_id: str) -> HttpResponse:
    if not Customer.objects.filter(pk=int(customer_id)).exists():
        raise Http404
    form = ErasureForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            customer_erase(
                customer_id=int(customer_id),
                reason=form.cleaned_data["reason"],
                by=signed_in(request),
            )
        except ServiceError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The customer's data was erased."))
            return redirect("dataprotection:overview")
    return render(
        request,
        "dataprotection/erase.html",
        {
            "form": form,
            "customer_id": int(customer_id),
            # How many cases the erasure would anonymise: a count, never their content.
            "case_count": Case.objects.filter(customer_id=int(customer_id)).count(),
        },
        status=400 if form.errors else 200,
    )
