"""Composing a message to a customer from a template, in the language they should get it in."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import F, Q, QuerySet
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from standards import milestone_kinds

from .domain.replies import Reachable, ReplyLanguage, ReplyMethod, is_uk_mobile, reply_language
from .domain.replies import reply_method as choose_method
from .domain.signatures import Officer, signed
from .models import MessageTemplate, Purpose
from .privacy_link import privacy_url

#: The milestones whose due time is "when the full answer will come" (``milestone_kinds``).
FULL_RESPONSE_KINDS = milestone_kinds.FULL_RESPONSE_PROMISED
BILINGUAL_DIVIDER = "\n\n" + "—" * 20 + "\n\n"
SMS_DIVIDER = "\n\n"


@dataclass(frozen=True)
class Message:
    method: ReplyMethod
    language: ReplyLanguage
    subject: str
    body: str


def format_date(moment: datetime, language: str) -> str:
    """A date as the language writes it: "Dydd Llun 16 Mawrth 2026", "Monday 16 March 2026"."""
    with translation.override(language):
        return date_format(timezone.localtime(moment), "l j F Y")


def full_response_due(milestones: Iterable) -> datetime | None:
    due = [m.due_at for m in milestones if m.kind in FULL_RESPONSE_KINDS and m.due_at]
    return min(due) if due else None


def welsh_welcome() -> str:
    return _(
        "We welcome correspondence in Welsh. We will reply in Welsh, and this will not lead "
        "to a delay."
    )


@functools.lru_cache(maxsize=512)
def compiled(text: str) -> Template:
    """A template text compiled once per process: keyed by the text itself, so an edited
    template is simply a new entry."""
    return Template(text)


def render(template: MessageTemplate, language: ReplyLanguage, values: dict[str, dict]) -> Message:
    """Render ``template`` in ``language``; ``values`` holds the placeholders per language.

    A bilingual message is the Welsh text, then the English, with a Welsh-first subject.
    """
    languages = ["cy", "en"] if language is ReplyLanguage.BILINGUAL else [language.value]
    subjects, bodies = [], []
    for code in languages:
        with translation.override(code):
            context = Context(values[code], autoescape=False)
            subjects.append(compiled(getattr(template, f"subject_{code}") or "").render(context))
            bodies.append(compiled(getattr(template, f"body_{code}") or "").render(context))
    return Message(
        method=ReplyMethod(template.method),
        language=language,
        subject=" / ".join(s.strip() for s in subjects if s.strip()),
        # A text's divider stays within the GSM alphabet, or every bilingual text would be
        # sent (and charged) as Unicode.
        body=(SMS_DIVIDER if template.method == ReplyMethod.SMS else BILINGUAL_DIVIDER).join(
            b.strip() for b in bodies
        ),
    )


def case_values(
    case, template: MessageTemplate, code: str, *, due: datetime | None
) -> dict[str, str]:
    """The placeholders of a message about ``case``, in language ``code``; ``due`` is when the
    full response will come (``full_response_due``)."""
    with translation.override(code):
        service = case.service
        handler = case.team.name if case.team else service.name
        return {
            "reference": case.reference,
            "customer_name": case.customer.name if case.customer else "",
            "next_steps": getattr(template, f"next_steps_{code}") or "",
            "handler": handler,
            "due_date": format_date(due, code) if due else "",
            "service_contact": " · ".join(part for part in (service.phone, service.email) if part),
            "welsh_welcome": welsh_welcome(),
            "privacy_url": privacy_url(code),
        }


@dataclass(frozen=True)
class Plan:
    """How a message will go: by which method, in which language, to whom."""

    method: ReplyMethod
    language: ReplyLanguage
    recipient: str


def message_plan(case) -> Plan | None:
    """How a message to this case's customer should go, or ``None`` when nothing can reach
    them. Decided without rendering anything, so that case creation stays cheap."""
    customer = case.customer
    details = case.channel_details or {}
    email = (customer.email if customer else "") or details.get("from_address", "")
    mobile = next(
        (
            number
            for number in (
                customer.phone if customer else "",
                details.get("from_number", ""),
                details.get("caller_number", ""),
            )
            if number and is_uk_mobile(number)
        ),
        "",
    )
    address = (customer.address if customer else "") or details.get("postal_address", "")
    fax = details.get("fax_number", "")
    method = choose_method(
        channel=case.channel,
        preference=customer.preferred_contact_method if customer else "",
        reachable=Reachable(
            email=bool(email), mobile=bool(mobile), postal_address=bool(address), fax=bool(fax)
        ),
    )
    if method is None:
        return None
    language = reply_language(
        contact_language=case.language,
        preference=customer.preferred_language if customer else "",
    )
    recipient = {
        ReplyMethod.EMAIL: email,
        ReplyMethod.SMS: mobile,
        ReplyMethod.LETTER: address,
        ReplyMethod.FAX: fax,
    }
    return Plan(method=method, language=language, recipient=recipient[method])


#: A fax is a letter sent down the line, under the corporate fax cover sheet
#: (``fax_pdf``): it is worded by the letter templates, so no wording is kept twice.
WORDED_AS = {ReplyMethod.FAX.value: ReplyMethod.LETTER.value}

#: (standard id or None, purpose, method) of every template, per version of the case rules.
_template_uses: dict[str, frozenset[tuple[int | None, str, str]]] = {}


def has_template(*, standard_id: int | None, purpose: str, method: str, version: str) -> bool:
    """Whether some template words this message, without a query per case: the set of
    templates is read once per process and ``version`` of the case rules (admin changes to a
    template renew the version)."""
    uses = _template_uses.get(version)
    if uses is None:
        uses = frozenset(MessageTemplate.objects.values_list("standard_id", "purpose", "method"))
        _template_uses.clear()
        _template_uses[version] = uses
    method = WORDED_AS.get(method, method)
    return (standard_id, purpose, method) in uses or (None, purpose, method) in uses


def templates_for(*, standard_id: int | None, purpose: str, method: str) -> QuerySet:
    """The standard's own wording first, then the wording for every standard."""
    return MessageTemplate.objects.filter(
        Q(standard_id=standard_id) | Q(standard__isnull=True),
        purpose=purpose,
        method=WORDED_AS.get(method, method),
    ).order_by(F("standard_id").asc(nulls_last=True))


def officer_of(user, service) -> Officer:
    """The signature details of ``user`` writing for ``service``."""
    return Officer(
        name=user.get_full_name() or user.get_username(),
        job_title_cy=user.job_title_cy or "",
        job_title_en=user.job_title_en or "",
        service_cy=service.name_cy or "",
        service_en=service.name_en or "",
        phone=user.phone or service.phone,
        email=user.email,
        website_cy=service.website_cy or "",
        website_en=service.website_en or "",
    )


def compose(
    case,
    plan: Plan,
    *,
    purpose: str,
    author=None,
    extra: dict[str, dict[str, str]] | None = None,
    template: MessageTemplate | None = None,
) -> Message | None:
    """The text of a ``purpose`` message about ``case``, or ``None`` when no template has
    wording for it. ``extra`` adds placeholders per language; ``author`` signs it (texts are
    too short to carry a signature); ``template`` spares the lookup when the caller has it."""
    if template is None:
        template = templates_for(
            standard_id=case.standard_id, purpose=purpose, method=plan.method
        ).first()
    if template is None:
        return None
    due = full_response_due(case.milestones.all())
    values = {
        code: case_values(case, template, code, due=due) | (extra or {}).get(code, {})
        for code in ("cy", "en")
    }
    message = render(template, plan.language, values)
    if author is None or plan.method is ReplyMethod.SMS:
        return message
    return replace(message, body=signed(message.body, officer_of(author, case.service)))


def acknowledgement_render(
    case, plan: Plan, *, template: MessageTemplate | None = None
) -> Message | None:
    """The acknowledgement's text, or ``None`` when the standard has no template for it."""
    return compose(case, plan, purpose=Purpose.ACKNOWLEDGEMENT, template=template)


def acknowledgement_for(case) -> Message | None:
    """The acknowledgement this case's customer should get, or ``None`` when none can be sent."""
    plan = message_plan(case)
    return acknowledgement_render(case, plan) if plan else None
