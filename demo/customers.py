"""The demo's customer records (docs/adr/0019): the contact centre is the front line, whose
advisors edit and merge customer records, and one resident was entered twice, so that the
possible duplicates have something to show."""

from accounts.models import Team
from contacts.models import Customer

#: The demo's front door: its advisors log for any service and keep customer records right.
FRONT_LINE_TEAMS = ("contact-centre",)

#: Gwenllian Parry (demo.case_seeds) again, as reception typed her: her e-mail address in
#: capitals, her mobile number, large print, and no language asked.
DUPLICATE = {
    "name": "Gwenllian Parry",
    "email": "Gwenllian.Parry@example.com",
    "phone": "07700 900101",
    "address": "3 Heol y Bryn, Llanfair",
    "postcode": "LL99 1AB",
    "large_print": True,
}


def seed_customers(*, first_run: bool) -> None:
    """Mark the front line; add the duplicate on the first run only, so that running the demo
    again does not bring back a duplicate someone has merged."""
    Team.objects.filter(code__in=FRONT_LINE_TEAMS, front_line=False).update(front_line=True)
    if first_run:
        Customer.objects.create(**DUPLICATE)
