"""Feedback and suggestions: considered, decided, the customer told the outcome, and what the
council acted on published as "You said, we did"."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from common.errors import ServiceError
from contacts.domain import lifecycle
from contacts.models import Case, CaseKind
from contacts.services import case_resolve

from ..models import Feedback, FeedbackDecision


@transaction.atomic
def feedback_decide(
    *,
    case: Case,
    decision: str,
    outcome: str,
    actor: User,
    now: datetime | None = None,
) -> Feedback:
    """Record the decision and tell the customer the outcome, in their language (the feedback
    standard's "tell the outcome" milestone is met by it)."""
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    errors = {}
    if case.kind != CaseKind.FEEDBACK:
        errors["case"] = _("Only feedback can be decided here.")
    elif case.status not in lifecycle.OPEN:
        errors["case"] = _("This feedback has already been answered.")
    if decision not in (FeedbackDecision.ACTED_ON, FeedbackDecision.NOT_ADOPTED):
        errors["decision"] = _("Choose the decision.")
    if not outcome.strip():
        errors["outcome"] = _("Write the outcome to tell the customer.")
    if errors:
        raise ServiceError(errors)
    feedback, _created = Feedback.objects.get_or_create(case=case)
    feedback.decision = decision
    feedback.outcome = outcome.strip()
    feedback.decided_at = now
    feedback.save(update_fields=["decision", "outcome", "decided_at", "modified_at"])
    case_resolve(
        case=case,
        actor=actor,
        note=FeedbackDecision(decision).label,
        message=outcome,
        at=now,
        now=now,
    )
    return feedback


@transaction.atomic
def feedback_publish(
    *,
    feedback: Feedback,
    you_said_cy: str,
    you_said_en: str,
    we_did_cy: str,
    we_did_en: str,
    actor: User,
) -> Feedback:
    """Publish feedback the council acted on, in the officer's words in both languages. The
    officer writes them afresh so that nothing personal from the customer's message goes out."""
    feedback = Feedback.objects.select_for_update().get(pk=feedback.pk)
    errors = {}
    if feedback.decision != FeedbackDecision.ACTED_ON:
        errors["decision"] = _("Only feedback the council acted on can be published.")
    texts = {
        "you_said_cy": you_said_cy,
        "you_said_en": you_said_en,
        "we_did_cy": we_did_cy,
        "we_did_en": we_did_en,
    }
    for name, text in texts.items():
        if not text.strip():
            errors[name] = _("Write this in both Welsh and English.")
    if errors:
        raise ServiceError(errors)
    feedback.published = True
    feedback.published_you_said_cy = you_said_cy.strip()
    feedback.published_you_said_en = you_said_en.strip()
    feedback.published_we_did_cy = we_did_cy.strip()
    feedback.published_we_did_en = we_did_en.strip()
    feedback.save(
        update_fields=[
            "published",
            "published_you_said_cy",
            "published_you_said_en",
            "published_we_did_cy",
            "published_we_did_en",
            "modified_at",
        ]
    )
    return feedback


@transaction.atomic
def feedback_unpublish(*, feedback: Feedback, actor: User) -> Feedback:
    feedback.published = False
    feedback.save(update_fields=["published", "modified_at"])
    return feedback
