"""Posts and messages from the council's social media tool: each opens a social media case
(respond within 1 working day), unless it answers an earlier post of an open case. A provider
id seen before changes nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from contacts.channel_details import parse_details
from contacts.domain.lifecycle import OPEN
from contacts.services import case_create
from standards.channels import Channel

from ..domain.language import detect_language
from ..models import QuarantineReason
from .records import (
    Outcome,
    Result,
    opened,
    quarantine,
    seen_before,
    summary_of,
    thread_onto,
    webhook_service,
)


@dataclass(frozen=True)
class InboundPost:
    provider_id: str
    platform: str
    handle: str
    text: str
    link: str
    received_at: datetime
    reply_to: str  # the provider id of the post this one answers, or ""
    raw: bytes


def post_ingest(*, post: InboundPost, now: datetime | None = None) -> Outcome:
    now = now or timezone.now()
    source_key = f"{Channel.SOCIAL}:{post.provider_id}"
    earlier = seen_before(source_key)
    if earlier is not None:
        return Outcome(Result.DUPLICATE, case=earlier)
    received_at = min(post.received_at, now)
    record = {
        "channel": Channel.SOCIAL,
        "sender": f"{post.platform}:{post.handle}",
        "body": post.text,
        "received_at": received_at,
        "created_at": now,
    }
    with transaction.atomic():
        answered = seen_before(f"{Channel.SOCIAL}:{post.reply_to}") if post.reply_to else None
        if answered is not None and answered.status in OPEN:
            return thread_onto(
                answered,
                source_key=source_key,
                record=record,
                text=post.text,
                received_at=received_at,
                now=now,
            )
        service = webhook_service()
        if service is None:
            return quarantine(
                channel=Channel.SOCIAL,
                reason=QuarantineReason.NO_SERVICE,
                detail="CYSWLLT_INBOUND_SERVICE names no service.",
                raw=post.raw,
                received_at=now,
            )
        try:
            raw_details = {
                "platform": post.platform,
                "handle": post.handle,
                "post_id": post.provider_id,
            }
            if post.link:
                raw_details["url"] = post.link
            details = parse_details(Channel.SOCIAL, raw_details)
            with transaction.atomic():
                created = case_create(
                    channel=Channel.SOCIAL,
                    details=details,
                    kind="enquiry",
                    service=service,
                    summary=summary_of(post.text, _("Social media post")),
                    description=post.text,
                    language=detect_language(post.text),
                    received_at=received_at,
                    now=now,
                )
        except (ValidationError, serializers.ValidationError) as error:
            return quarantine(
                channel=Channel.SOCIAL,
                reason=QuarantineReason.REFUSED,
                detail=str(getattr(error, "detail", None) or error),
                raw=post.raw,
                received_at=now,
            )
        return opened(created, source_key=source_key, record=record)
