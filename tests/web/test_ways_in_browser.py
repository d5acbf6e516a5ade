"""Issue 15, item 7, in a real Chromium, in Welsh and in English, with axe-core's WCAG 2.2 AA
check on every page: the contact centre logs a call for a councillor (a complaint chosen for
them is refused first), and the councillor finds the enquiry under My enquiries and follows it;
a complaints officer finds compliments logged as cases in the register, linked to their cases.
Screenshots land in /tmp/ui/ways-in/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from channels_app.webforms.services import Submission, webform_submit
from contacts.models import Case
from councillors.models import Ward
from tests.councillors.conftest import member
from tests.factories import UserFactory, make_case

from .conftest import axe_violations, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORDS = {
    "cy": {
        "problem": "Mae problem",
        "refused": "Caiff cyswllt cynghorydd neu glerc ei gofnodi fel ymholiad",
        "log": "Cofnodi'r cyswllt",
        "banner": "Ymholiad Huw Jones ydyw, a gallant ei ddilyn.",
        "answer_by": "I'w ateb erbyn",
        "not_named": "Heb ei enwi: gweler yr achos",
    },
    "en": {
        "problem": "There is a problem",
        "refused": "A councillor's or clerk's contact is logged as an enquiry",
        "log": "Log contact",
        "banner": "It is the enquiry of Huw Jones, who can follow it.",
        "answer_by": "To be answered by",
        "not_named": "Not named: see the case",
    },
}


def check(page, name: str) -> None:
    assert axe_violations(page) == [], name
    screenshot(page, f"ways-in/{name}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_contact_centre_logs_a_councillors_call_and_the_councillor_follows_it(
    sign_in_browser, page, advisor, language
):
    words = WORDS[language]
    llanfair = Ward.objects.create(code="llanfair", name_en="Llanfair", name_cy="Llanfair")
    cllr_jones = member(
        "cllr-jones", Role.COUNCILLOR, preferred_language="cy", first_name="Huw", last_name="Jones"
    )
    llanfair.councillors.add(cllr_jones)

    sign_in_browser(advisor)
    page.goto(f"/{language}/log-contact/phone/")
    page.locator("input[name=contact_type][value=answered]").check()
    page.locator("input[name=kind][value=complaint]").check()
    page.locator("#id_summary").fill("Fly-tipping on Lôn Goch")
    page.locator("input[name=language][value=cy]").check()
    page.locator("#id_customer_name").fill("Megan Hughes")
    page.locator("#id_customer_phone").fill("01824 700000")
    page.select_option("#id_member", str(cllr_jones.pk))
    check(page, f"log-for-a-councillor-{language}")

    # A councillor's complaint is not an enquiry of theirs: refused, on the choice.
    page.get_by_role("button", name=words["log"]).click()
    summary = page.locator(".govuk-error-summary")
    assert words["problem"] in summary.inner_text()
    assert words["refused"] in summary.inner_text()
    summary.locator("a[href='#id_member']").click()
    assert page.evaluate("() => document.activeElement.id") == "id_member"
    assert not Case.objects.exists()
    check(page, f"log-for-a-councillor-refused-{language}")

    page.locator("input[name=kind][value=enquiry]").check()
    page.get_by_role("button", name=words["log"]).click()
    page.wait_for_url(f"**/{language}/cases/CYS-*/")
    case = Case.objects.get()
    assert (case.kind, case.submitted_by) == ("councillor_enquiry", cllr_jones)
    assert words["banner"] in page.locator(".govuk-notification-banner").inner_text()
    check(page, f"logged-for-a-councillor-{language}")

    # The councillor finds it under My enquiries and follows it.
    page.context.clear_cookies()
    sign_in_browser(cllr_jones)
    page.goto(f"/{language}/my-enquiries/")
    check(page, f"my-enquiries-{language}")
    page.get_by_role("link", name=case.reference).click()
    page.wait_for_url(f"**/{language}/enquiries/{case.reference}/")
    assert page.locator("h1").inner_text() == case.reference
    main = page.locator("main").inner_text()
    assert "Fly-tipping on Lôn Goch" in main and words["answer_by"] in main
    assert "Llanfair" in main  # the councillor's only ward
    check(page, f"enquiry-{language}")


@pytest.mark.parametrize("language", ["cy", "en"])
def test_compliments_logged_as_cases_are_in_the_register_with_their_cases(
    sign_in_browser, page, service, team, advisor, language
):
    words = WORDS[language]
    officer = UserFactory(
        role=Role.COMPLAINTS_OFFICER, team=team, username="complaints", first_name="Nia"
    )
    received = timezone.now() - timedelta(hours=2)
    praised = make_case(
        service=service,
        channel="phone",
        details={"contact_type": "answered", "caller_number": "01824 706000"},
        kind="compliment",
        summary="Thanks to the advisor",
        description="The advisor sorted my bin out in one call.",
        owner=advisor,
        actor=advisor,
        received_at=received,
        now=received,
    )
    webform_submit(
        submission=Submission(
            token="c" * 32,
            form_type="compliment",
            service=service,
            details="Diolch o galon i'r criw am roi'r bin yn ôl wrth y giât.",
            name="Gwen Parry",
            email="gwen@example.com",
            phone="",
            address="",
            postcode="",
            welsh=True,
            needs=(),
            interpreter_language="",
            other_needs="",
        ),
        language="cy",
    )

    sign_in_browser(officer)
    page.goto(f"/{language}/complaints/compliments/")
    table = page.locator("#compliments").inner_text()
    assert "The advisor sorted my bin out in one call." in table
    assert "Diolch o galon i'r criw" in table
    assert words["not_named"] in table
    check(page, f"compliments-register-{language}")

    page.locator(f"#compliments a[href='/{language}/cases/{praised.reference}/']").click()
    page.wait_for_url(f"**/{language}/cases/{praised.reference}/")
    assert praised.reference in page.locator("h1").inner_text()
