"""The case page's attachments panel gets what it shows from here, so that the case view
needs no change to show it."""

from dataclasses import dataclass
from typing import Any

from django import template

from .. import policies, selectors
from ..forms.attachments import AttachmentForm
from ..models import Attachment, Case

register = template.Library()


@dataclass(frozen=True)
class AttachmentsPanel:
    attachments: list[Attachment]
    can_add: bool
    form: AttachmentForm | None


@register.simple_tag(takes_context=True)
def attachments_panel(context: Any, case: Case) -> AttachmentsPanel:
    user = context["request"].user
    may_work = policies.can_work(user, case)
    return AttachmentsPanel(
        attachments=selectors.case_attachments(case=case) if may_work else [],
        can_add=may_work,
        form=AttachmentForm() if may_work else None,
    )
