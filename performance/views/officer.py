"""One officer's results for their appraisal: the officer and their managers only."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES, User

from ..dashboards.officer import may_see_officer, officer_results, officers_managed
from ..forms import PeriodForm


@require_GET
@role_required(STAFF_ROLES)
def officer(request: HttpRequest, user_id: int | None = None) -> HttpResponse:
    officer = (
        signed_in(request)
        if user_id is None
        else get_object_or_404(User.objects.select_related("team"), pk=user_id)
    )
    if not may_see_officer(viewer=signed_in(request), officer=officer):
        raise PermissionDenied
    today = timezone.localdate()
    data = request.GET.copy()
    data.setdefault("first", (today - timedelta(days=365)).isoformat())
    form = PeriodForm(data, today=today, services=None)
    results = None
    if form.is_valid():
        results = officer_results(
            officer=officer,
            viewer=signed_in(request),
            first=form.cleaned_data["first"],
            last=form.cleaned_data["last"],
            now=timezone.now(),
        )
    return render(
        request,
        "performance/officer.html",
        {
            "officer": officer,
            "form": form,
            "results": results,
            "team_members": officers_managed(manager=signed_in(request)),
        },
        status=200 if results else 400,
    )
