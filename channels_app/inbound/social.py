"""Posts and messages from the council's social media tool: each opens a social media case
(respond within 1 working day), unless it answers an earlier post of an open case. A provider
id seen before changes nothing."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from standards.channels import Channel

from ..domain.language import detect_language
from .pipeline import NormalisedMessage, ThreadHints, inbound_accept
from .records import Outcome, summary_of


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


def post_normalise(post: InboundPost) -> NormalisedMessage:
    details = {"platform": post.platform, "handle": post.handle, "post_id": post.provider_id}
    if post.link:
        details["url"] = post.link
    return NormalisedMessage(
        channel=Channel.SOCIAL,
        source_key=f"{Channel.SOCIAL}:{post.provider_id}",
        sender=f"{post.platform}:{post.handle}",
        body=post.text,
        received_at=post.received_at,
        raw=post.raw,
        details=details,
        summary=summary_of(post.text, _("Social media post")),
        description=post.text,
        language=detect_language(post.text),
        thread=ThreadHints(
            replies_to=(f"{Channel.SOCIAL}:{post.reply_to}",) if post.reply_to else ()
        ),
    )


def post_ingest(*, post: InboundPost, now: datetime | None = None) -> Outcome:
    return inbound_accept(post_normalise(post), now=now)
