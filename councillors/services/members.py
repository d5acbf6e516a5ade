"""Members' own settings: their profile, how they want to hear from us, their calendar feed's
secret."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Language, User
from common.errors import ServiceError
from messaging.domain.replies import is_uk_mobile

from ..models import (
    ContactMethod,
    MemberProfile,
    new_calendar_token,
)


def member_profile_ensure(*, user: User) -> MemberProfile:
    profile, _created = MemberProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def member_preferences_update(
    *, user: User, contact_method: str, language: str, phone: str, postal_address: str
) -> MemberProfile:
    """How the member wants officers to reach them: the method needs its address."""
    errors = {}
    if contact_method not in ContactMethod.values:
        errors["contact_method"] = _("Choose how officers should contact you.")
    elif contact_method == ContactMethod.SMS and not is_uk_mobile(phone):
        errors["phone"] = _("Enter a UK mobile number, like 07700 900 982, to get text messages.")
    elif contact_method == ContactMethod.LETTER and not postal_address.strip():
        errors["postal_address"] = _("Enter the postal address for letters.")
    elif contact_method == ContactMethod.EMAIL and not user.email:
        errors["contact_method"] = _("We have no e-mail address for you: choose another way.")
    if language not in Language.values:
        errors["language"] = _("Choose the language officers should write in.")
    if errors:
        raise ServiceError(errors)
    profile = member_profile_ensure(user=user)
    profile.contact_method = contact_method
    profile.postal_address = postal_address.strip()
    profile.save(update_fields=["contact_method", "postal_address"])
    user.preferred_language = language
    user.phone = phone.strip()
    user.save(update_fields=["preferred_language", "phone"])
    return profile


def member_calendar_token_regenerate(*, user: User) -> MemberProfile:
    """A new secret address for the member's calendar feed: the old one stops working."""
    profile = member_profile_ensure(user=user)
    profile.calendar_token = new_calendar_token()
    profile.save(update_fields=["calendar_token"])
    return profile
