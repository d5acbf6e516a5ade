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
    """The staff case page's files: whoever may open the page (the policy let them see the
    case) reads them, as they read the rest of it; its service's staff add to them."""
    may_work = policies.can_work(context["request"].user, case)
    return AttachmentsPanel(
        attachments=selectors.case_attachments(case=case),
        can_add=may_work,
        form=AttachmentForm() if may_work else None,
    )
