"""Who runs consultations: managers and administrators, by their role (roles are the unit of
permission, docs/spec.md §1). Not every officer should read residents' responses; the managers
who commission a consultation and analyse it do. A role, not a Django permission granted user
by user: the two would drift apart, and a role costs no query on every page's navigation."""

from collections.abc import Callable

from django.http import HttpResponse

from accounts.access import role_required
from accounts.models import Role

RUNS_CONSULTATIONS = (Role.MANAGER, Role.ADMINISTRATOR)

View = Callable[..., HttpResponse]


def consultation_officer(view: View) -> View:
    return role_required(RUNS_CONSULTATIONS)(view)
