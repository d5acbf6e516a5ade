"""The read-only case summary that the queues link to."""

import html
import re

import pytest
from django.utils import timezone

from contacts.models import Case

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.text)))


def test_the_summary_shows_the_case_and_its_deadlines(signed_in, world):
    case = world.mine_breached

    response = signed_in(world.advisor).get(f"/en/cases/{case.reference}/")

    assert response.status_code == 200
    page = text_of(response)
    assert f"Enquiry {case.reference} Missed bin" in page
    assert "Customer Name Gwenllian Parry" in page
    assert "Channel E-mail" in page
    assert "Status New" in page
    assert "SLA Breached" in page
    assert "Owner Alex Officer" in page
    # Missed 90 minutes ago: in hours on the day it was due, in working days once that day is
    # over (a page opened between midnight and half past one).
    due = world.mine_breached.milestones.get(kind="acknowledge").due_at
    same_day = timezone.localdate(due) == timezone.localdate()
    overdue = "Overdue by 1 hour" if same_day else "Overdue by 1 working day"
    assert "Acknowledge" in page and overdue in page
    assert "Respond" in page and "On track" in page


def test_the_summary_speaks_welsh(signed_in, world):
    response = signed_in(world.advisor).get(f"/cy/cases/{world.mine_due_soon.reference}/")

    page = text_of(response)
    assert "Sianel Ffôn" in page
    assert "Cyflwr y terfyn amser" not in page  # the page's own words, not the filter's
    assert "Yn ddyledus cyn bo hir" in page
    assert "3 awr" in page


def test_a_case_of_another_service_is_read_but_a_confidential_one_is_not_found(signed_in, world):
    """One council (docs/adr/0018): reading another service's case, never its confidential
    ones."""
    client = signed_in(world.advisor)
    assert client.get(f"/en/cases/{world.highways.reference}/").status_code == 200
    Case.objects.filter(pk=world.highways.pk).update(confidential=True)

    response = client.get(f"/en/cases/{world.highways.reference}/")

    assert response.status_code == 404
    assert "Page not found" in response.text


def test_a_councillor_sees_their_own_enquiry_but_no_other_case(signed_in, world):
    client = signed_in(world.councillor)

    # Followed to their own enquiry page (councillors/), which has no staff notes.
    assert client.get(f"/en/cases/{world.enquiry.reference}/", follow=True).status_code == 200
    assert client.get(f"/en/cases/{world.mine_breached.reference}/").status_code == 404


@pytest.mark.parametrize("reference", ["nonsense", "CYS-2026-999999", "%00", "x" * 300])
def test_an_unknown_reference_is_not_found(signed_in, world, reference):
    assert signed_in(world.advisor).get(f"/en/cases/{reference}/").status_code == 404


def test_the_summary_needs_signing_in(client, world):
    response = client.get(f"/en/cases/{world.mine_breached.reference}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/sign-in/?next=")


def test_the_summary_costs_the_same_few_queries_for_any_case(
    signed_in, world, django_assert_num_queries
):
    client = signed_in(world.advisor)
    client.get(f"/en/cases/{world.mine_breached.reference}/")

    # session, user, team, the case with its relations, milestones with targets, timeline,
    # the customer's other cases, attachments, nav counts, business hours, closure days, and
    # the audit of reads' INSERT (ADR 0021)
    with django_assert_num_queries(12):
        client.get(f"/en/cases/{world.mine_breached.reference}/")
    with django_assert_num_queries(11):  # no customer: no other cases to look up
        client.get(f"/en/cases/{world.mine_compliment.reference}/")
