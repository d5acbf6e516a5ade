"""The customer part of logging a contact: found among the customers we have, or new."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import User

from ...customers import CustomerMatch, customer_matches, phone_normalise, postcode_normalise
from ...models import ContactMethod, Customer, LanguagePreference
from ...visibility import customer_visible_to
from .fields import Radios

#: The customer's fields the page folds away (the name, number, e-mail address and the Welsh
#: question stay in view: the commonest contact needs no more).
MORE_ABOUT_THE_CUSTOMER = (
    "customer_postcode",
    "customer_address",
    "customer_contact_method",
    "large_print",
    "bsl",
    "interpreter_language",
    "other_needs",
)
NEW_CUSTOMER = "new"
NO_CUSTOMER = "none"
LARGEST_ID = 2**63 - 1


class CustomerForm(forms.Form):
    """The customer's fields; ``matches`` holds the existing customers whose details match the
    ones typed, once the form has looked for them, among those ``user`` (set by the form
    built on this one) may open."""

    user: User

    customer = forms.CharField(
        required=False,
        max_length=20,
        error_messages={"max_length": _("Select a customer from the list")},
    )
    customer_name = forms.CharField(
        label=_("Full name"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("The customer's name must be 200 characters or fewer")},
    )
    customer_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _(
                "Enter the customer's e-mail address in the correct format, like name@example.com"
            ),
            "max_length": _("The customer's e-mail address must be 254 characters or fewer"),
        },
    )
    customer_phone = forms.CharField(
        label=_("Telephone number"),
        required=False,
        max_length=30,
        error_messages={
            "max_length": _("The customer's telephone number must be 30 characters or fewer")
        },
    )
    customer_postcode = forms.CharField(
        label=_("Postcode"),
        required=False,
        max_length=10,
        error_messages={"max_length": _("The customer's postcode must be 10 characters or fewer")},
    )
    customer_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("The customer's postal address must be 500 characters or fewer")
        },
    )
    customer_welsh = forms.ChoiceField(
        label=_("Would you like to deal with us in Welsh?"),
        required=False,
        choices=[
            ("yes", pgettext_lazy("would like to deal with us in Welsh", "Yes")),
            ("no", pgettext_lazy("would like to deal with us in Welsh", "No")),
            ("", _("Not asked")),
        ],
        widget=Radios,
        error_messages={"invalid_choice": _("Select the customer's answer")},
    )
    customer_contact_method = forms.ChoiceField(
        label=_("How would they like us to contact them?"),
        required=False,
        choices=ContactMethod.choices,
        widget=Radios,
        error_messages={"invalid_choice": _("Select how they would like us to contact them")},
    )
    large_print = forms.BooleanField(label=_("Large print"), required=False)
    bsl = forms.BooleanField(label=_("British Sign Language interpreter"), required=False)
    interpreter_language = forms.CharField(
        label=_("Interpreter for another language (which language?)"),
        required=False,
        max_length=60,
        error_messages={
            "max_length": _("The interpreter's language must be 60 characters or fewer")
        },
    )
    other_needs = forms.CharField(
        label=_("Other needs"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("Other needs must be 2,000 characters or fewer")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.matches: list[CustomerMatch] = []
        self.chosen_customer: Customer | None = None

    def typed_matches(self) -> list[CustomerMatch]:
        """Existing customers matching what was typed, checked or not (for "Find")."""
        data = self.data

        def raw(name: str) -> str:
            value = data.get(self.add_prefix(name), "")
            return value.replace("\x00", "") if isinstance(value, str) else ""

        return customer_matches(
            customers=customer_visible_to(self.user),
            email=raw("customer_email"),
            phone=raw("customer_phone"),
            postcode=raw("customer_postcode"),
        )

    def find_customers(self) -> None:
        self.matches = self.typed_matches()

    def search_details_given(self) -> bool:
        """Whether anything was typed that customers are looked for by."""
        return any(
            str(self.data.get(self.add_prefix(name), "")).strip()
            for name in ("customer_email", "customer_phone", "customer_postcode")
        )

    def _new_customer_details_given(self, cleaned: dict[str, Any]) -> bool:
        return any(
            cleaned.get(name)
            for name in ("customer_name", "customer_email", "customer_phone", "customer_postcode")
        )

    def clean_customer_phone(self) -> str:
        phone = self.cleaned_data["customer_phone"].strip()
        if phone and (
            len(phone_normalise(phone).lstrip("+")) < 6
            or any(not (ch.isdigit() or ch in " +()-") for ch in phone)
        ):
            raise forms.ValidationError(
                _(
                    "Enter the customer's telephone number using digits, spaces and an optional "
                    "leading +"
                )
            )
        return phone_normalise(phone) if phone else ""

    def clean_customer_postcode(self) -> str:
        postcode = self.cleaned_data["customer_postcode"].strip()
        return postcode_normalise(postcode) if postcode else ""

    def clean_customer_email(self) -> str:
        return self.cleaned_data["customer_email"].strip().lower()

    def _clean_customer(self, cleaned: dict[str, Any]) -> None:
        choice = cleaned.get("customer") or ""
        if choice not in ("", NEW_CUSTOMER, NO_CUSTOMER):
            if not choice.isdigit() or int(choice) > LARGEST_ID:
                self.add_error("customer", _("Select a customer from the list"))
                return
            self.chosen_customer = customer_visible_to(self.user).filter(pk=int(choice)).first()
            if self.chosen_customer is None:
                self.add_error("customer", _("Select a customer from the list"))
            self.matches = self.typed_matches()
            if self.chosen_customer and all(
                m.customer.pk != self.chosen_customer.pk for m in self.matches
            ):
                self.matches.insert(0, CustomerMatch(self.chosen_customer, ()))
            return
        if not self._new_customer_details_given(cleaned):
            return
        if choice == "":
            self.matches = self.typed_matches()
            if self.matches:
                self.add_error(
                    "customer",
                    _(
                        "Existing customers have these details: select one, or confirm that "
                        "this is a new customer"
                    ),
                )
                return
        elif choice == NEW_CUSTOMER:
            self.matches = self.typed_matches()
        if not cleaned.get("customer_name") and "customer_name" not in self.errors:
            self.add_error("customer_name", _("Enter the customer's full name"))

    def new_customer(self) -> Customer | None:
        """The new customer to create with the case (unsaved), or ``None``."""
        cleaned = self.cleaned_data
        if self.chosen_customer is not None or cleaned.get("customer") == NO_CUSTOMER:
            return None
        if not self._new_customer_details_given(cleaned):
            return None
        return Customer(
            name=cleaned["customer_name"],
            email=cleaned["customer_email"],
            phone=cleaned["customer_phone"],
            postcode=cleaned["customer_postcode"],
            address=cleaned["customer_address"],
            preferred_language=self.preferred_language() or "",
            preferred_contact_method=cleaned["customer_contact_method"],
            large_print=cleaned["large_print"],
            bsl=cleaned["bsl"],
            interpreter_language=cleaned["interpreter_language"],
            other_needs=cleaned["other_needs"],
        )

    def preferred_language(self) -> str | None:
        """The answer to "Would you like to deal with us in Welsh?", or ``None`` if not asked."""
        answer = self.cleaned_data.get("customer_welsh")
        return {"yes": LanguagePreference.WELSH, "no": LanguagePreference.ENGLISH}.get(answer)

    def more_about_the_customer_open(self) -> bool:
        """Whether the page shows the folded-away fields open: something is typed in them, or
        they have an error."""
        return any(self[name].errors or self[name].value() for name in MORE_ABOUT_THE_CUSTOMER)

    def customer_choice_value(self) -> str:
        """The customer radio to show as chosen."""
        return str(self.data.get(self.add_prefix("customer"), "") or "")
