"""Administrators maintain standards, targets, calendars, services, teams and users in the
Django admin, in both languages; adding a closure day there moves the deadlines it affects."""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from contacts.models import Milestone
from standards.models import ClosureDay, Standard
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:standards_standard_changelist",
    "admin:standards_standard_add",
    "admin:standards_closureday_changelist",
    "admin:standards_closureday_add",
    "admin:standards_businesshours_changelist",
    "admin:accounts_service_changelist",
    "admin:accounts_service_add",
    "admin:accounts_team_changelist",
    "admin:accounts_user_changelist",
    "admin:accounts_user_add",
    "admin:contacts_case_changelist",
    "admin:contacts_customer_changelist",
    "admin:councillors_ward_changelist",
]


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_every_admin_page_opens_in_both_languages(client, administrator, page, language):
    client.force_login(administrator)
    response = client.get(f"/{language}{reverse(page)[3:]}")
    assert response.status_code == 200


def test_a_standard_edits_its_welsh_and_english_texts_and_targets(client, administrator):
    client.force_login(administrator)
    standard = Standard.objects.get(code="EMAIL_DEPARTMENT")

    response = client.get(reverse("admin:standards_standard_change", args=[standard.pk]))

    content = response.content.decode()
    for field in (
        "event_cy",
        "event_en",
        "commitment_cy",
        "commitment_en",
        "behaviours-0-text_cy",
        "targets-0-amount",
        "targets-1-rule",
    ):
        assert f'name="{field}"' in content


def test_adding_a_closure_day_in_the_admin_moves_open_deadlines(client, administrator, service):
    case = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "1 Stryd"},
        received_at=datetime(2026, 12, 14, 10, 0, tzinfo=UTC),
    )
    client.force_login(administrator)

    response = client.post(
        reverse("admin:standards_closureday_add"),
        {
            "date": "2026-12-24",
            "reason_cy": "Cau dros y Nadolig",
            "reason_en": "Christmas closure",
        },
    )

    assert response.status_code == 302
    assert ClosureDay.objects.get().date == date(2026, 12, 24)
    assert Milestone.objects.get(case=case).due_at == datetime(2026, 12, 31, 17, tzinfo=UTC)


def test_deleting_a_closure_day_in_the_admin_moves_them_back(client, administrator, service):
    case = make_case(
        service=service,
        channel="letter",
        details={"postal_address": "1 Stryd"},
        received_at=datetime(2026, 12, 14, 10, 0, tzinfo=UTC),
    )
    client.force_login(administrator)
    client.post(
        reverse("admin:standards_closureday_add"),
        {"date": "2026-12-24", "reason_cy": "Cau", "reason_en": "Closed"},
    )
    closure = ClosureDay.objects.get()

    client.post(reverse("admin:standards_closureday_delete", args=[closure.pk]), {"post": "yes"})

    assert not ClosureDay.objects.exists()
    assert Milestone.objects.get(case=case).due_at == datetime(2026, 12, 30, 17, tzinfo=UTC)


@pytest.mark.parametrize(
    ("role", "status"),
    [("administrator", 200), ("advisor", 302), ("manager", 302), ("councillor", 302)],
)
def test_the_admin_is_for_the_administrator_role(client, team, role, status):
    user = UserFactory(role=role, team=team, is_staff=False, is_superuser=False)
    client.force_login(user)

    changelist = client.get(reverse("admin:standards_standard_changelist"))

    assert changelist.status_code == status


def test_an_administrator_by_role_can_change_a_target(client, team):
    user = UserFactory(role="administrator", team=None, is_staff=False, is_superuser=False)
    client.force_login(user)
    standard = Standard.objects.get(code="EMAIL_DEPARTMENT")

    page = client.get(reverse("admin:standards_standard_change", args=[standard.pk]))

    assert page.status_code == 200
    assert 'name="_save"' in page.content.decode()


def test_a_targets_description_follows_the_amount_an_administrator_sets(client, administrator):
    """LETTER's reply target: 10 working days, set to 12 through the admin's form; the
    description, written from the rule, says 12 in both languages."""
    client.force_login(administrator)
    standard = Standard.objects.get(code="LETTER")
    url = reverse("admin:standards_standard_change", args=[standard.pk])[3:]
    welsh = client.get(f"/cy{url}").content.decode()
    assert "Ymateb o fewn 10 diwrnod gwaith" in welsh and "Disgrifiad" in welsh

    form = client.get(f"/en{url}").context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data |= {"selectable": "on"} if standard.selectable else {}
    target = standard.targets.get()
    behaviours = list(standard.behaviours.all())
    data |= {
        "behaviours-TOTAL_FORMS": str(len(behaviours)),
        "behaviours-INITIAL_FORMS": str(len(behaviours)),
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "1",
        "targets-0-id": str(target.pk),
        "targets-0-standard": str(standard.pk),
        "targets-0-milestone": target.milestone,
        "targets-0-rule": target.rule,
        "targets-0-amount": "12",
        "targets-0-due_soon_working_days": str(target.due_soon_working_days),
        "targets-0-due_soon_fraction": str(target.due_soon_fraction),
    }
    for n, behaviour in enumerate(behaviours):
        data |= {
            f"behaviours-{n}-id": str(behaviour.pk),
            f"behaviours-{n}-standard": str(standard.pk),
            f"behaviours-{n}-position": str(behaviour.position),
            f"behaviours-{n}-text_cy": behaviour.text_cy,
            f"behaviours-{n}-text_en": behaviour.text_en,
        }
    response = client.post(f"/en{url}", data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    english = client.get("/en/customer-care-standards/").content.decode()
    welsh = client.get("/cy/customer-care-standards/").content.decode()
    assert "Respond within 12 working days" in english
    assert "Ymateb o fewn 12 diwrnod gwaith" in welsh
    assert "Respond within 10 working days" not in english.split("Writes in")[1].split("Faxes")[0]
