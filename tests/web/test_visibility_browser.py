"""The pages the one visibility policy changed, in a real Chromium, in Welsh and in English,
with axe-core's WCAG 2.2 AA check: another service's case read without its actions, search
results naming each case's service, and a ward councillor's outline of another member's
enquiry. Screenshots land in /tmp/ui/visibility/ (CYSWLLT_SCREENSHOTS)."""

from datetime import timedelta

import pytest

from accounts.models import Role
from contacts.models import Customer
from councillors.models import MemberProfile, OnBehalfOf, Ward
from councillors.services import enquiry_submit, enquiry_update_post
from tests.councillors.conftest import member
from tests.factories import make_case

from .conftest import axe_violations, build_world, screenshot, search_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "belongs": "Mae'r achos hwn yn perthyn i Priffyrdd",
        "follow": "Rydych chi'n dilyn yr ymholiad hwn dros eich ardal",
    },
    "en": {
        "belongs": "This case belongs to Highways",
        "follow": "You follow this enquiry for your area",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"visibility/{name}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_another_services_case_and_search_across_the_council(
    sign_in_browser, service, team, advisor, language
):
    world = build_world(service=service, team=team, advisor=advisor)
    customer = world.mine_breached.customer
    theirs = make_case(
        service=world.highways.service,
        customer=customer,
        received_at=world.now - timedelta(days=2),
    )
    secret = make_case(
        service=world.highways.service,
        customer=customer,
        confidential=True,
        received_at=world.now - timedelta(days=1),
    )
    page = sign_in_browser(world.advisor)

    page.goto(f"/{language}/cases/{theirs.reference}/")
    assert WORDS[language]["belongs"] in page.locator("main").inner_text()
    assert page.locator("main form").count() == 0  # nothing to act with
    check(page, f"other-service-case-{language}")

    page.goto(f"/{language}/cases/{world.mine_breached.reference}/")
    history = page.locator(".app-history").inner_text()
    assert theirs.reference in history and secret.reference not in history
    check(page, f"case-history-across-services-{language}")

    search_in_browser(page, language, "Gwenllian Parry")
    results = page.locator("main table.app-queue-table").inner_text()
    assert theirs.reference in results and secret.reference not in results
    assert ("Priffyrdd" if language == "cy" else "Highways") in results
    check(page, f"search-across-services-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_a_ward_councillor_reads_another_members_enquiry_in_outline(
    sign_in_browser, service, team, advisor, language
):
    llanfair = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    raiser = member("cllr-jones", Role.COUNCILLOR, first_name="Huw")
    follower = member("cllr-evans", Role.COUNCILLOR, first_name="Siân")
    llanfair.councillors.add(raiser, follower)
    MemberProfile.objects.filter(user=follower).update(sees_ward_enquiries=True)
    case = enquiry_submit(
        member=raiser,
        service=service,
        summary="Fly-tipping on Lôn Goch",
        description="Bags dumped by the gate of Megan's house.",
        on_behalf_of=OnBehalfOf.RESIDENT,
        ward=llanfair,
        resident=Customer(name="Megan Hughes"),
    )
    enquiry_update_post(case=case, actor=advisor, what="Crew booked for Thursday.")
    page = sign_in_browser(follower)

    page.goto(f"/{language}/enquiries/{case.reference}/")
    main = page.locator("main").inner_text()
    assert WORDS[language]["follow"] in main
    for withheld in ("Fly-tipping", "Megan", "Crew booked", advisor.last_name):
        assert withheld not in main, withheld
    check(page, f"member-outline-{language}")

    page.goto(f"/{language}/my-enquiries/")
    assert "Megan" not in page.locator("main").inner_text()
    check(page, f"my-enquiries-outline-{language}")
