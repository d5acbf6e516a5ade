"""Compliments: the service's list, and recording one."""

from datetime import datetime, time

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.access import signed_in
from common.errors import add_service_error

from .. import selectors, services
from ..domain.rules import quarter_of
from ..forms import ComplimentForm, quarter_label
from .common import complaints_staff_only


@complaints_staff_only
@require_GET
def compliment_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = Paginator(selectors.compliment_list(user=user), 50).get_page(request.GET.get("page"))
    quarter = quarter_of(timezone.localdate())
    counts = selectors.compliment_counts_by_service(
        since=_start_of(quarter.starts_on), until=_start_of(quarter.ends_before)
    )
    if not user.is_administrator:
        counts = [row for row in counts if row["service_id"] == user.service_id]
    return render(
        request,
        "complaints/compliments.html",
        {"page": page, "counts": counts, "quarter_label": quarter_label(quarter)},
    )


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@complaints_staff_only
@require_http_methods(["GET", "POST"])
def compliment_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if user.team is None:
        raise PermissionDenied  # a compliment is recorded for the recorder's own service
    service = user.team.service
    form = ComplimentForm(
        request.POST if request.method == "POST" else None,
        service_id=service.pk,
        initial={"received_on": timezone.localdate().isoformat()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A compliment received today is dated now; an earlier one at noon that day.
        received_on = data["received_on"]
        now = timezone.now()
        received_at = (
            now
            if received_on == timezone.localdate(now)
            else timezone.make_aware(datetime.combine(received_on, time(12)))
        )
        try:
            services.compliment_record(
                service=service,
                channel=data["channel"],
                received_at=received_at,
                text=data["text"],
                from_name=data["from_name"],
                officer=data["officer"],
                team=data["team"],
                actor=user,
                now=now,
            )
        except ValidationError as error:
            add_service_error(form, error, {"received_at": "received_on"})
        else:
            messages.success(
                request, _("Compliment recorded: the officer and their manager will be e-mailed.")
            )
            return redirect("complaints:compliments")
    return render(request, "complaints/compliment_new.html", {"form": form})
