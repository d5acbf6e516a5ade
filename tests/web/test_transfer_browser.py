"""A case goes to another service and comes back, in Chromium, in Welsh and English (SPEC §9):
the transfer page with every service's queues, its error state, the receiving officer's page
offering to send it back with the reason, and the case page showing both hops; axe-core checks
each against WCAG 2.2 AA. Screenshots land in /tmp/ui/routing/ (CYSWLLT_SCREENSHOTS)."""

import pytest

from accounts.models import Role
from contacts.models import CaseEvent, Milestone
from tests.factories import ServiceFactory, TeamFactory, UserFactory

from .conftest import axe_violations, build_world, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "en": {
        "transfer": "Transfer case",
        "error": "There is a problem",
        "back": "It came to this service from the",
        "sent_back": "Sent back: it came to the wrong service",
    },
    "cy": {
        "transfer": "Trosglwyddo achos",
        "error": "Mae problem",
        "back": "Daeth at y gwasanaeth hwn o giw",
        "sent_back": "Wedi'i anfon yn ôl: daeth at y gwasanaeth anghywir",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"routing/{name}")


def submit(page) -> None:
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()


@pytest.mark.parametrize("lang", ["cy", "en"])
def test_a_case_goes_to_another_service_and_is_sent_back(
    sign_in_browser, service, team, advisor, lang
):
    world = build_world(service=service, team=team, advisor=advisor)
    tax = ServiceFactory(code="tax", name_en="Council tax", name_cy="Treth y cyngor")
    billing = TeamFactory(service=tax, code="billing", name_en="Billing", name_cy="Biliau")
    officer = UserFactory(team=billing, username="tax-officer", first_name="Tomos")
    UserFactory(role=Role.MANAGER, team=billing, username="tax-manager")
    case = world.mine_breached
    due = dict(Milestone.objects.filter(case=case).values_list("kind", "due_at"))
    words = WORDS[lang]

    page = sign_in_browser(world.advisor)
    page.goto(f"/{lang}/cases/{case.reference}/transfer/")
    check(page, f"transfer-{lang}")
    submit(page)
    assert words["error"] in page.locator(".govuk-error-summary").inner_text()
    check(page, f"transfer-errors-{lang}")
    page.locator("#id_to").select_option(f"team:{billing.pk}")
    page.locator("#id_note").fill("Gwenllian Parry: mae ei bil treth yn anghywir.")
    submit(page)
    case.refresh_from_db()
    assert (case.service, case.team) == (tax, billing)

    page = sign_in_browser(officer)
    page.goto(f"/{lang}/cases/{case.reference}/transfer/")
    assert words["back"] in page.locator(".govuk-inset-text").inner_text()
    assert page.locator("#id_to").input_value() == f"team:{team.pk}"
    page.locator("input[name=misrouted][value=not_ours]").check()
    page.locator("#id_note").fill("Mae hyn am ei biniau, nid treth.")
    check(page, f"transfer-back-{lang}")
    submit(page)
    case.refresh_from_db()
    assert case.service == service
    event = CaseEvent.objects.filter(case=case, kind="transferred").latest("created_at")
    assert event.payload["misrouted"] is True

    page = sign_in_browser(world.advisor)
    page.goto(f"/{lang}/cases/{case.reference}/")
    timeline = page.locator(".moj-timeline").inner_text()
    assert words["sent_back"] in timeline
    assert "(Treth y cyngor)" in timeline if lang == "cy" else "(Council tax)" in timeline
    check(page, f"case-after-hops-{lang}")
    assert dict(Milestone.objects.filter(case=case).values_list("kind", "due_at")) == due
