"""The customer record's forms: editing it, and choosing what to keep when two records of one
person are merged. They check what was typed; the services decide the rest and their refusals
are shown on the same fields."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from common.form_fields import LineField, TextField

from ..channel_details.staff_form import Radios
from ..customer_presenters import FIELD_NAMES, value_text
from ..customers import phone_normalise, postcode_normalise
from ..domain.customer_records import EDITABLE_FIELDS, MERGE_GROUPS, differing_groups
from ..models import ContactMethod, Customer, LanguagePreference

#: The characters a telephone number is typed with.
PHONE_CHARACTERS = frozenset("0123456789 +()-")


class CustomerForm(forms.Form):
    """A customer's details, preferences and needs."""

    name = LineField(label=_("Full name"), required_message=_("Enter the customer's full name"))
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
            "max_length": _("Write no more than %(limit_value)s characters."),
        },
    )
    phone = LineField(label=_("Telephone number"), max_length=30)
    address = TextField(label=_("Postal address"), max_length=500)
    postcode = LineField(label=_("Postcode"), max_length=10)
    preferred_language = forms.ChoiceField(
        label=_("Which language would they like to deal with us in?"),
        required=False,
        choices=LanguagePreference.choices,
        widget=Radios,
        error_messages={"invalid_choice": _("Select a language from the list")},
    )
    preferred_contact_method = forms.ChoiceField(
        label=_("How would they like us to contact them?"),
        required=False,
        choices=ContactMethod.choices,
        widget=Radios,
        error_messages={"invalid_choice": _("Select how they would like us to contact them")},
    )
    large_print = forms.BooleanField(label=_("Large print"), required=False)
    bsl = forms.BooleanField(label=_("British Sign Language interpreter"), required=False)
    interpreter_language = LineField(
        label=_("Interpreter for another language (which language?)"), max_length=60
    )
    other_needs = TextField(label=_("Other needs"), max_length=2000)
    #: When the record was last changed as the form showed it: a colleague's change since then
    #: is not overwritten unseen.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, data: Any = None, *, customer: Customer, **kwargs: Any) -> None:
        initial = {name: getattr(customer, name) for name in EDITABLE_FIELDS}
        initial["version"] = customer.modified_at.isoformat()
        super().__init__(data, initial=initial, **kwargs)
        self.fields["address"].widget.attrs["rows"] = 3
        self.fields["other_needs"].widget.attrs["rows"] = 2

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and (
            len(phone_normalise(phone).lstrip("+")) < 6 or not set(phone) <= PHONE_CHARACTERS
        ):
            raise forms.ValidationError(
                _("Enter a telephone number using digits, spaces and an optional leading +.")
            )
        return phone

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        return postcode_normalise(postcode) if postcode else ""

    def clean_version(self) -> datetime | None:
        return parse_datetime(self.cleaned_data["version"] or "")

    def changes(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}

    @classmethod
    def as_it_is(cls, customer: Customer) -> "CustomerForm":
        """The form filled in with the record as it now is, as if posted (so that a refusal
        can be shown on it, and saving again changes only what the editor changes again)."""
        data: dict[str, Any] = {
            name: getattr(customer, name)
            for name in EDITABLE_FIELDS
            if name not in ("large_print", "bsl")
        }
        data.update(
            {name: "on" for name in ("large_print", "bsl") if getattr(customer, name)},
            version=customer.modified_at.isoformat(),
        )
        form = cls(data, customer=customer)
        form.is_valid()
        return form


class CustomerMergeForm(forms.Form):
    """Which of two records to keep, and for each detail they disagree on, whose value."""

    keep = forms.ChoiceField(
        label=_("Which record do you want to keep?"),
        widget=Radios,
        error_messages={
            "required": _("Select the record to keep"),
            "invalid_choice": _("Select the record to keep"),
        },
    )

    def __init__(
        self, data: Any = None, *, first: Customer, second: Customer, **kwargs: Any
    ) -> None:
        super().__init__(data, **kwargs)
        self.records = {str(first.pk): first, str(second.pk): second}
        keep = self.fields["keep"]
        assert isinstance(keep, forms.ChoiceField)
        keep.choices = [
            (str(customer.pk), _("Record %(id)s") % {"id": customer.pk})
            for customer in (first, second)
        ]
        self.initial.setdefault("keep", str(first.pk))
        values = {pk: _values(customer) for pk, customer in self.records.items()}
        self.groups = differing_groups(values[str(first.pk)], values[str(second.pk)])
        for group in self.groups:
            self.fields[f"from_{group}"] = forms.ChoiceField(
                label=_group_label(group),
                widget=Radios,
                choices=[
                    (pk, _choice_label(group, values[pk], pk))
                    for pk in (str(first.pk), str(second.pk))
                ],
                error_messages={
                    "required": _("Select the record to keep this detail from"),
                    "invalid_choice": _("Select the record to keep this detail from"),
                },
            )
            # A detail only one record has is kept by default: a merge loses nothing unless
            # someone chooses to.
            has = [pk for pk in values if not _blank(group, values[pk])]
            self.initial.setdefault(f"from_{group}", has[0] if len(has) == 1 else str(first.pk))

    def group_fields(self) -> list[forms.BoundField]:
        return [self[f"from_{group}"] for group in self.groups]

    def kept_id(self) -> int:
        return int(self.cleaned_data["keep"])

    def merged_id(self) -> int:
        return next(int(pk) for pk in self.records if pk != self.cleaned_data["keep"])

    def take(self) -> set[str]:
        """The groups to take from the merged record: those whose chosen record is not the
        kept one."""
        keep = self.cleaned_data["keep"]
        return {group for group in self.groups if self.cleaned_data[f"from_{group}"] != keep}


def _values(customer: Customer) -> dict[str, Any]:
    return {name: getattr(customer, name) for name in EDITABLE_FIELDS}


def _blank(group: str, values: dict[str, Any]) -> bool:
    return all(values.get(name) in ("", None, False) for name in MERGE_GROUPS[group])


def _group_label(group: str) -> str:
    names = " ".join(str(FIELD_NAMES[name]) for name in MERGE_GROUPS[group][:1])
    return names[:1].upper() + names[1:]


def _choice_label(group: str, values: dict[str, Any], pk: str) -> str:
    shown = [
        value_text(name, values[name])
        for name in MERGE_GROUPS[group]
        if values[name] not in ("", None)
    ]
    text = ", ".join(shown) if shown else str(_("Not recorded"))
    return _("%(value)s (record %(id)s)") % {"value": text, "id": pk}
