"""What the customer pages show of a record and its history, in the reader's language (no
queries: the selectors load what is shown)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from .domain.customer_records import EMAIL, NAME_AND_POSTCODE, PHONE
from .models import ContactMethod, CustomerEvent, CustomerEventKind, LanguagePreference

#: Each field as it is named inside a sentence ("Changed: contact preference, large print").
FIELD_NAMES = {
    "name": gettext_lazy("name"),
    "email": gettext_lazy("e-mail address"),
    "phone": gettext_lazy("telephone number"),
    "address": gettext_lazy("postal address"),
    "postcode": gettext_lazy("postcode"),
    "preferred_language": gettext_lazy("language preference"),
    "preferred_contact_method": gettext_lazy("contact preference"),
    "large_print": gettext_lazy("large print"),
    "bsl": gettext_lazy("British Sign Language interpreter"),
    "interpreter_language": gettext_lazy("interpreter"),
    "other_needs": gettext_lazy("other accessibility needs"),
}

#: Why two records may be one person, as a list of them says it.
REASON_LABELS = {
    EMAIL: gettext_lazy("Same e-mail address"),
    PHONE: gettext_lazy("Same telephone number"),
    NAME_AND_POSTCODE: gettext_lazy("Same name and postcode"),
}


def field_names(names: Iterable[str]) -> str:
    """Field names as a list inside a sentence, its first letter a capital."""
    text = ", ".join(str(FIELD_NAMES.get(name, name)) for name in names)
    return text[:1].upper() + text[1:]


def reasons_text(reasons: Iterable[str]) -> list[str]:
    return [str(REASON_LABELS[reason]) for reason in reasons if reason in REASON_LABELS]


def value_text(name: str, value: Any) -> str:
    """A kept value (a preference or a need) in words."""
    if name == "preferred_language":
        return str(LanguagePreference(value).label) if value in LanguagePreference.values else value
    if name == "preferred_contact_method":
        return str(ContactMethod(value).label) if value in ContactMethod.values else value
    if isinstance(value, bool):
        # "Does the customer need it?" is answered, in Welsh, with the verb: Oes / Nac oes.
        return pgettext("needs it", "Yes") if value else pgettext("needs it", "No")
    return str(value)


@dataclass(frozen=True)
class HistoryItem:
    event: CustomerEvent
    title: str
    actor: str
    lines: Sequence[str]


def _actor(event: CustomerEvent) -> str:
    user = event.actor
    return (user.get_full_name() or user.get_username()) if user else ""


def _changed_lines(payload: dict[str, Any]) -> list[str]:
    fields = payload.get("fields") or []
    lines = [field_names(fields)]
    values = payload.get("values") or {}
    lines += [
        _("%(field)s is now: %(value)s")
        % {"field": field_names([name]), "value": value_text(name, value)}
        for name, value in values.items()
    ]
    return lines


def _merged_lines(payload: dict[str, Any]) -> list[str]:
    # How many cases moved is kept but not shown: the reader may not see them all, and a
    # count would tell them that a confidential case exists (docs/adr/0019).
    lines = [
        _("Record %(merged)s merged into this one; its cases are on this record now.")
        % {"merged": payload.get("merged_customer")},
    ]
    if payload.get("from_merged"):
        lines.append(
            _("Taken from the merged record: %(fields)s")
            % {"fields": field_names(payload["from_merged"])}
        )
    if payload.get("from_kept"):
        lines.append(
            _("Kept from this record: %(fields)s") % {"fields": field_names(payload["from_kept"])}
        )
    return lines


def history_items(events: Iterable[CustomerEvent]) -> list[HistoryItem]:
    items = []
    for event in events:
        payload = event.payload or {}
        if event.kind == CustomerEventKind.MERGED:
            lines = _merged_lines(payload)
        else:
            lines = _changed_lines(payload)
        title = (
            str(CustomerEventKind(event.kind).label)
            if event.kind in CustomerEventKind.values
            else event.kind
        )
        items.append(HistoryItem(event=event, title=title, actor=_actor(event), lines=lines))
    return items
