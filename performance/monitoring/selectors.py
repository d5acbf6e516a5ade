"""Reads of random monitoring: the samples a user may see, and of each only the sampled cases
they may open (the one visibility policy, ``case_visible_to``, SPEC §6 and §9).

A sample is drawn from every case its service resolved in the month, whoever may open it, so
that the draw stays reproducible from its seed. What a manager reads of it is narrowed: a
complaint about them is neither listed, counted among the cases sampled or scored, nor opened
(the sample's page shows how many cases it lists, not the size asked for). The month's
population is a whole-service figure that names no case.
"""

from django.db.models import Count, Q, QuerySet

from accounts.models import User
from contacts.selectors import case_visible_to

from ..models import MonitoringCheck, MonitoringSample
from ..views.access import services_for


def samples_for(user: User) -> QuerySet[MonitoringSample]:
    """The samples of the services the user covers (a manager's own; every one for
    administrators), with how many of their cases the user may open were sampled and scored."""
    visible = Q(checks__case__in=case_visible_to(user))
    return MonitoringSample.objects.filter(service__in=services_for(user)).annotate(
        sampled=Count("checks", filter=visible, distinct=True),
        checked=Count(
            "checks", filter=visible & Q(checks__checked_at__isnull=False), distinct=True
        ),
    )


def checks_for(user: User) -> QuerySet[MonitoringCheck]:
    """The sampled cases the user may see and score: of their samples, those they may open."""
    return MonitoringCheck.objects.filter(
        sample__service__in=services_for(user), case__in=case_visible_to(user)
    )
