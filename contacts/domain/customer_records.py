"""The rules of one customer record (docs/adr/0019): what an edit changed and what its history
keeps, how two records of one person are merged, and when two records look like one person.

Plain values in, plain values out: a customer is a mapping of field name to value, so the
rules are tested without a database (``tests/contacts/domain/test_customer_records.py``).
"""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

#: Who the customer is and where they are.
DETAIL_FIELDS = ("name", "email", "phone", "address", "postcode")
#: How they want to deal with the council.
PREFERENCE_FIELDS = ("preferred_language", "preferred_contact_method")
#: What they need to read or hear us.
NEED_FIELDS = ("large_print", "bsl", "interpreter_language", "other_needs")
#: Everything staff may edit, in the order the pages list it.
EDITABLE_FIELDS = DETAIL_FIELDS + PREFERENCE_FIELDS + NEED_FIELDS

#: The fields whose new value the history keeps as well as the fact of the change: the choices
#: that decide how the council writes to the person (language, method, print, interpreter),
#: which a dispute ("why was my letter in English?") needs. Names, addresses, numbers and the
#: free-text needs (health, often) are only named: the record holds their current value, and a
#: second copy of superseded personal data would outlive its use (docs/adr/0019).
VALUES_KEPT = frozenset({"preferred_language", "preferred_contact_method", "large_print", "bsl"})

#: What a merge chooses between, each group taken whole from one record: an address without
#: its postcode is no address.
MERGE_GROUPS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "name": ("name",),
        "email": ("email",),
        "phone": ("phone",),
        "address": ("address", "postcode"),
        "preferred_language": ("preferred_language",),
        "preferred_contact_method": ("preferred_contact_method",),
        "large_print": ("large_print",),
        "bsl": ("bsl",),
        "interpreter_language": ("interpreter_language",),
        "other_needs": ("other_needs",),
    }
)

Values = Mapping[str, Any]


# --- Edits ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """What an edit changed: the fields, in page order, and the new values the history keeps."""

    fields: tuple[str, ...]
    values: Mapping[str, Any] = field(default_factory=dict)

    def payload(self) -> dict[str, Any]:
        return {"fields": list(self.fields), "values": dict(self.values)}


def changed_fields(before: Values, after: Values) -> tuple[str, ...]:
    """The editable fields whose value ``after`` changes, in page order; a field ``after``
    leaves out is unchanged."""
    return tuple(
        name for name in EDITABLE_FIELDS if name in after and after[name] != before.get(name)
    )


def change_of(before: Values, after: Values) -> Change | None:
    """The history's record of an edit from ``before`` to ``after``, or ``None`` when nothing
    changed (nothing is recorded then)."""
    fields = changed_fields(before, after)
    if not fields:
        return None
    return Change(
        fields=fields, values={name: after[name] for name in fields if name in VALUES_KEPT}
    )


# --- Merges --------------------------------------------------------------------------------


def _blank(value: Any) -> bool:
    return value in ("", None, False)


def differing_groups(kept: Values, merged: Values) -> tuple[str, ...]:
    """The merge groups whose values the two records disagree on: the only choices to ask."""
    return tuple(
        group
        for group, names in MERGE_GROUPS.items()
        if any(kept.get(name) != merged.get(name) for name in names)
    )


def suggested_groups(kept: Values, merged: Values) -> frozenset[str]:
    """The groups to take from the merged record unless someone says otherwise: those the kept
    record has nothing in and the merged one has, so that a merge loses nothing by default (a
    need recorded on either record stays recorded)."""
    return frozenset(
        group
        for group in differing_groups(kept, merged)
        if all(_blank(kept.get(name)) for name in MERGE_GROUPS[group])
        and not all(_blank(merged.get(name)) for name in MERGE_GROUPS[group])
    )


def unknown_groups(take: Collection[str]) -> frozenset[str]:
    return frozenset(take) - MERGE_GROUPS.keys()


@dataclass(frozen=True)
class Merge:
    """The kept record's values after a merge, and which differing fields came from where
    (field names only, in page order: what the history keeps)."""

    values: Mapping[str, Any]
    from_merged: tuple[str, ...]
    from_kept: tuple[str, ...]

    def changed(self, kept: Values) -> tuple[str, ...]:
        return changed_fields(kept, self.values)


def merge_of(kept: Values, merged: Values, *, take: Collection[str]) -> Merge:
    """Merge ``merged`` into ``kept``, taking the groups named in ``take`` from ``merged`` and
    the rest from ``kept``. ``take`` must hold only names of ``MERGE_GROUPS``."""
    unknown = unknown_groups(take)
    if unknown:
        raise ValueError(f"not merge groups: {sorted(unknown)}")
    differing = differing_groups(kept, merged)
    values = {name: kept.get(name) for name in EDITABLE_FIELDS}
    from_merged: list[str] = []
    from_kept: list[str] = []
    for group in differing:
        names = MERGE_GROUPS[group]
        if group in take:
            values.update({name: merged.get(name) for name in names})
            from_merged.extend(names)
        else:
            from_kept.extend(names)
    order = EDITABLE_FIELDS.index
    return Merge(
        values=values,
        from_merged=tuple(sorted(from_merged, key=order)),
        from_kept=tuple(sorted(from_kept, key=order)),
    )


# --- Possible duplicates -------------------------------------------------------------------

#: What telephone numbers are written with besides digits (``contacts.searchable`` removes the
#: same characters in SQL, so that both ways agree).
PHONE_PUNCTUATION = (" ", "-", "(", ")", "+", ".")
#: Fewer digits than this is an extension or a typing slip, not a number to match on.
MIN_PHONE_DIGITS = 6


def email_key(email: str) -> str:
    return email.upper()


def phone_key(phone: str) -> str:
    for character in PHONE_PUNCTUATION:
        phone = phone.replace(character, "")
    return phone


def postcode_key(postcode: str) -> str:
    return postcode.replace(" ", "").upper()


def name_key(name: str) -> str:
    return name.strip().upper()


#: The ways two records can look like one person, strongest first.
EMAIL, PHONE, NAME_AND_POSTCODE = "email", "phone", "name_and_postcode"
REASONS = (EMAIL, PHONE, NAME_AND_POSTCODE)


def duplicate_reasons(first: Values, second: Values) -> tuple[str, ...]:
    """Why two customer records may be one person: the same e-mail address (whatever its
    capitals), the same telephone digits, or the same name at the same postcode."""
    reasons = []
    email = email_key(str(first.get("email") or ""))
    if email and email == email_key(str(second.get("email") or "")):
        reasons.append(EMAIL)
    phone = phone_key(str(first.get("phone") or ""))
    if len(phone) >= MIN_PHONE_DIGITS and phone == phone_key(str(second.get("phone") or "")):
        reasons.append(PHONE)
    postcode = postcode_key(str(first.get("postcode") or ""))
    name = name_key(str(first.get("name") or ""))
    if (
        postcode
        and name
        and postcode == postcode_key(str(second.get("postcode") or ""))
        and name == name_key(str(second.get("name") or ""))
    ):
        reasons.append(NAME_AND_POSTCODE)
    return tuple(reasons)
