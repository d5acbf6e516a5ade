"""Who may open, edit and merge customer records (docs/adr/0019, SPEC §9).

One record for the whole council: staff of any service and administrators find and open any
customer (the cases listed on it still pass ``case_visible_to``); councillors, clerks and
anyone without a service open none. Editing and merging are for the front line (members of a
``Team.front_line`` team: the contact centre, reception), who keep the record right as people
contact them, and for administrators; other staff read.

Which customers a user may find is the one visibility policy's
(``contacts.visibility.customer_visible_to``); ``may_open_customers`` is its yes-or-no for a page.
"""

from accounts.models import STAFF_ROLES, User


def may_open_customers(user: User) -> bool:
    """Administrators, and staff who belong to a service."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_administrator:
        return True
    return user.role in STAFF_ROLES and user.service_id is not None


def may_edit_customers(user: User) -> bool:
    """Administrators, and staff of a front-line team."""
    if not may_open_customers(user):
        return False
    return user.is_administrator or bool(user.team_id and user.team and user.team.front_line)


#: Merging duplicates is keeping records right, like editing them.
may_merge_customers = may_edit_customers
