"""The one renderer of messages whose text is left to the worker: customers' acknowledgements
(from the templates administrators edit) and staff's deadline alerts (owed by the SLA sweep in
one statement). Every other message is rendered by whoever owes it, when it is owed.

A bilingual message is the Welsh text, then the English (``messages.render``).
"""

from datetime import datetime

from standards.domain.calendar import WorkingCalendar
from standards.selectors import working_calendar

from .domain.replies import ReplyLanguage, ReplyMethod
from .messages import Plan, acknowledgement_render, templates_for
from .models import MessageTemplate, OutboundMessage, Purpose
from .staff import sla_alert_render


class MessageRenderer:
    """Renders one batch's messages, reading each template once."""

    def __init__(self, *, now: datetime) -> None:
        self._templates: dict[tuple[int | None, str, str], MessageTemplate | None] = {}
        self._now = now
        self._calendar: WorkingCalendar | None = None

    def render(self, message: OutboundMessage) -> tuple[str, str]:
        """(subject, body) of ``message``; ``LookupError`` when it cannot be rendered."""
        if message.purpose == Purpose.SLA_ALERT:
            if self._calendar is None:
                self._calendar = working_calendar()
            return sla_alert_render(message, now=self._now, calendar=self._calendar)
        if message.purpose != Purpose.ACKNOWLEDGEMENT or message.case is None:
            raise LookupError(f"Nothing renders a {message.purpose} message left without text")
        case = message.case
        use = (case.standard_id, message.purpose, message.method)
        if use not in self._templates:
            self._templates[use] = templates_for(
                standard_id=case.standard_id, purpose=message.purpose, method=message.method
            ).first()
        template = self._templates[use]
        plan = Plan(
            method=ReplyMethod(message.method),
            language=ReplyLanguage(message.language),
            recipient=message.recipient,
        )
        text = acknowledgement_render(case, plan, template=template) if template else None
        if text is None:
            raise LookupError(f"No template for {case.standard.code} by {message.method}")
        return text.subject, text.body
