"""Telling ward councillors that a consultation has opened in their ward, through the one
outbox: by each one's preferred method, in their language, once per consultation and
councillor (the message's key), however often the job runs."""

from datetime import datetime

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from accounts.models import User
from councillors.models import MemberProfile
from councillors.notices import way_to
from messaging.models import Purpose, RecipientKind
from messaging.owing import PersonMessage, messages_owe

from .models import Consultation
from .services.responses import public_url


def _render(consultation: Consultation, user: User, language: str) -> tuple[str, str]:
    with translation.override(language):
        text = render_to_string(
            "consultations/email/opened.txt",
            {
                "consultation": consultation,
                "name": user.get_full_name() or user.get_username(),
                "url": public_url(consultation, language),
                "wards": [w.name for w in consultation.wards.all() if user in w.councillors.all()],
            },
        ).strip()
    subject, _blank, body = text.partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def openings_tell(*, now: datetime, batch: int = 50) -> int:
    """Owe the notices of every published consultation that has opened and whose councillors
    were not told yet; claimed with SKIP LOCKED so two runs never tell the same one."""
    told = 0
    today = timezone.localdate(now)
    with transaction.atomic():
        due = list(
            Consultation.objects.select_for_update(skip_locked=True)
            .filter(
                published_at__isnull=False,
                councillors_told_at__isnull=True,
                opens_on__lte=today,
                closes_on__gte=today,
            )
            .order_by("pk")[:batch]
        )
        if not due:
            return 0
        chosen = Consultation.objects.filter(pk__in=[c.pk for c in due]).prefetch_related(
            "wards__councillors"
        )
        councillors = {
            user.pk: user
            for consultation in chosen
            for ward in consultation.wards.all()
            for user in ward.councillors.all()
            if user.is_active
        }
        profiles = MemberProfile.objects.in_bulk(list(councillors))
        rows = []
        for consultation in chosen:
            users = {u.pk: u for w in consultation.wards.all() for u in w.councillors.all()}
            for pk in sorted(set(users) & set(councillors)):
                user = councillors[pk]
                way = way_to(user, profiles.get(pk))
                if way is None:
                    continue
                subject, body = _render(consultation, user, way.language)
                rows.append(
                    PersonMessage(
                        key=f"consultation-opened:{consultation.pk}:user:{pk}",
                        person=user,
                        kind=RecipientKind.MEMBER,
                        purpose=Purpose.MEMBER_NOTICE,
                        method=way.method,
                        address=way.address,
                        language=way.language,
                        subject=subject[:300],
                        body=body,
                    )
                )
        messages_owe(rows, now=now)
        told = Consultation.objects.filter(pk__in=[c.pk for c in due]).update(
            councillors_told_at=now
        )
    return told
