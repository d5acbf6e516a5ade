"""One officer's results for their appraisal (the Customer Focus competency).

Read live from the officer's own cases (indexed by owner), so the figures need no table of
their own; an officer owns thousands of cases at most.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Count, Q

from accounts.models import Role, User
from complaints.selectors import compliment_counts_by_officer
from contacts.models import CaseStatus, Milestone, MilestoneState
from contacts.visibility import case_visible_to

from ..domain.measures import met_rate, percent, score_rate
from ..models import MonitoringScore, ScoreAnswer
from .daily import local_midnight


def may_see_officer(*, viewer: User, officer: User) -> bool:
    """The officer and their managers only: the manager of the officer's team, or a manager
    in that team."""
    if viewer.pk == officer.pk:
        return True
    if viewer.role != Role.MANAGER or officer.team is None:
        return False
    return officer.team.manager_id == viewer.pk or viewer.team_id == officer.team_id


@dataclass(frozen=True)
class OfficerResults:
    officer: User
    first: date
    last: date
    met: int
    met_late: int
    breached: int
    met_rate: Decimal | None
    resolved: int
    right_first_time: int
    right_first_time_rate: Decimal | None
    checks: int
    shown: int
    not_shown: int
    monitoring_rate: Decimal | None
    compliments: int


def officer_results(*, officer: User, viewer: User, first: date, last: date, now) -> OfficerResults:
    """The officer's figures for the cases they own that were received from ``first`` to
    ``last``, and the compliments and monitoring of that period, as ``viewer`` may see them:
    a case the viewer may not read (a complaint that names them) is not counted either, so
    that the figures cannot tell them it exists (docs/adr/0018)."""
    since, until = local_midnight(first), local_midnight(last + timedelta(days=1))
    cases = case_visible_to(viewer).filter(
        owner=officer, received_at__gte=since, received_at__lt=until
    )
    milestones = Milestone.objects.filter(case__in=cases).aggregate(
        met=Count("pk", filter=Q(state=MilestoneState.MET)),
        met_late=Count("pk", filter=Q(state=MilestoneState.MET_LATE)),
        breached=Count(
            "pk",
            filter=Q(
                state__in=[
                    MilestoneState.PENDING,
                    MilestoneState.DUE_SOON,
                    MilestoneState.BREACHED,
                ],
                due_at__lte=now,
            ),
        ),
    )
    resolved = cases.aggregate(
        resolved=Count("pk", filter=Q(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED])),
        right=Count(
            "pk",
            filter=Q(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED], reopened_count=0),
        ),
    )
    scores = MonitoringScore.objects.filter(
        sampled__case__in=case_visible_to(viewer).filter(owner=officer),
        sampled__sample__month__gte=first.replace(day=1),
        sampled__sample__month__lte=last,
    ).aggregate(
        checks=Count("sampled", distinct=True),
        yes=Count("pk", filter=Q(answer=ScoreAnswer.YES)),
        no=Count("pk", filter=Q(answer=ScoreAnswer.NO)),
    )
    compliments = compliment_counts_by_officer(officer_ids=[officer.pk], since=since, until=until)
    return OfficerResults(
        officer=officer,
        first=first,
        last=last,
        met=milestones["met"],
        met_late=milestones["met_late"],
        breached=milestones["breached"],
        met_rate=met_rate(**milestones),
        resolved=resolved["resolved"],
        right_first_time=resolved["right"],
        right_first_time_rate=percent(resolved["right"], resolved["resolved"]),
        checks=scores["checks"],
        shown=scores["yes"],
        not_shown=scores["no"],
        monitoring_rate=score_rate(yes=scores["yes"], no=scores["no"]),
        compliments=compliments.get(officer.pk, 0),
    )


def officers_managed(*, manager: User) -> list[User]:
    """The officers whose results a manager may open: the members of the teams they manage or
    belong to."""
    if manager.role != Role.MANAGER:
        return []
    return list(
        User.objects.filter(
            Q(team__manager=manager) | Q(team_id=manager.team_id)
            if manager.team_id
            else Q(team__manager=manager),
            is_active=True,
        )
        .exclude(pk=manager.pk)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
