"""The SLA breach dashboard and the cases behind each of its figures."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.access import role_required, signed_in
from accounts.models import Service, Team, User
from common.htmx import HtmxHttpRequest
from common.paging import pagination
from contacts import presenters
from contacts.models import LanguagePreference
from standards.channels import Channel
from standards.models import Standard
from standards.selectors import standard_names, working_calendar

from ..dashboards.live import BUCKET_LABELS, DIMENSIONS, Bucket, Drill, cases_behind, sla_board
from ..forms import DrillForm
from .access import EVALUATION_ROLES

PAGE_SIZE = 25
_DIMENSION_PARAM = {"officer": "officer", "team": "team"}


def _label(dimension, row, *, names: dict[str, dict[int, str]]) -> str:
    if dimension.key == "channel":
        return str(dict(Channel.choices).get(row["channel"], row["channel"]))
    if dimension.key == "language":
        return str(dict(LanguagePreference.choices).get(row["language"], row["language"]))
    # Standards, services and teams are named in the page's language (modeltranslation), not
    # by the stored base column the snapshot's ``values()`` read, and never by a code.
    if dimension.key == "standard":
        return names["standard"].get(row["standard_id"], row["standard__event"])
    if dimension.key == "service":
        return names["service"].get(row["service_id"], row["service__name"])
    if dimension.key == "team":
        if not row["team_id"]:
            return str(_("No team"))
        return names["team"].get(row["team_id"], row["team__name"])
    if row["owner_id"] is None:
        return str(_("Nobody"))
    return f"{row['owner__first_name']} {row['owner__last_name']}".strip()


def _names() -> dict[str, dict[int, str]]:
    return {
        "standard": standard_names(),
        "service": {service.pk: str(service) for service in Service.objects.all()},
        "team": {team.pk: team.name for team in Team.objects.all()},
    }


def _link(bucket: str, key: str | None = None, value: str = "") -> str:
    params = {"bucket": bucket}
    if key:
        if key == "language":
            value = value or "none"
        elif key in ("team", "officer"):
            value = value or "0"
        params[key] = value
    return "?" + urlencode(params)


@never_cache
@require_GET
@role_required(EVALUATION_ROLES)
def dashboard(request: HtmxHttpRequest) -> HttpResponse:
    names = _names()
    board = sla_board(
        user=signed_in(request),
        labeller=lambda dimension, row: _label(dimension, row, names=names),
        now=timezone.now(),
    )
    tables = [
        (
            dimension,
            [
                (
                    row,
                    {b.value: _link(b.value, dimension.key, row.value) for b in Bucket},
                )
                for row in rows
            ],
        )
        for dimension, rows in board.tables
    ]
    context = {
        "board": board,
        "tables": tables,
        "totals": [
            (BUCKET_LABELS[b], getattr(board.totals, b.value), _link(b.value)) for b in Bucket
        ],
        "buckets": [(b.value, BUCKET_LABELS[b]) for b in Bucket],
    }
    template = (
        "performance/includes/dashboard_board.html"
        if request.htmx
        else "performance/dashboard.html"
    )
    return render(request, template, context)


@require_GET
@role_required(EVALUATION_ROLES)
def dashboard_cases(request: HttpRequest) -> HttpResponse:
    form = DrillForm(request.GET)
    if not form.is_valid():
        return render(request, "performance/dashboard_cases.html", {"form": form}, status=400)
    data = form.cleaned_data
    language = data["language"]
    drill = Drill(
        bucket=Bucket(data["bucket"]),
        channel=data["channel"] or None,
        standard=data["standard"],
        service=data["service"],
        team=data["team"],
        officer=data["officer"],
        language=("" if language == "none" else language) if language else None,
    )
    now = timezone.now()
    cases = (
        cases_behind(user=signed_in(request), drill=drill, now=now)
        .select_related("customer", "standard", "owner")
        .prefetch_related("milestones")
    )
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = presenters.queue_rows(cases=page.object_list, now=now, calendar=working_calendar())
    return render(
        request,
        "performance/dashboard_cases.html",
        {
            "form": form,
            "bucket_label": BUCKET_LABELS[drill.bucket],
            "chosen": _chosen(drill),
            "page": page,
            "rows": rows,
            "pagination": pagination(page=page, params=request.GET),
        },
    )


def _chosen(drill: Drill) -> list[tuple[object, str]]:
    """What the figure counted, in words, for the page's heading."""
    labels = {d.key: d.label for d in DIMENSIONS}
    chosen = []
    if drill.channel:
        chosen.append((labels["channel"], str(dict(Channel.choices)[drill.channel])))
    if drill.standard is not None:
        standard = Standard.objects.filter(pk=drill.standard).first()
        chosen.append((labels["standard"], standard.event if standard else "–"))
    if drill.service is not None:
        chosen.append(
            (labels["service"], str(Service.objects.filter(pk=drill.service).first() or "–"))
        )
    if drill.team is not None:
        team = Team.objects.filter(pk=drill.team).first() if drill.team else None
        chosen.append((labels["team"], team.name if team else "–"))
    if drill.officer is not None:
        officer = User.objects.filter(pk=drill.officer).first() if drill.officer else None
        chosen.append((labels["officer"], officer.get_full_name() if officer else "–"))
    if drill.language is not None:
        chosen.append(
            (labels["language"], str(dict(LanguagePreference.choices).get(drill.language, "")))
        )
    return chosen
