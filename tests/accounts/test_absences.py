"""Officers record their own absences, from which out-of-office replies are made."""

import re
from datetime import date

import pytest

from accounts.models import Absence, Role
from tests.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/absences/"
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: TODAY)


@pytest.fixture
def colleague(team):
    return UserFactory(team=team, first_name="Carys", last_name="Owen", username="carys")


def form(**fields) -> dict:
    return {"starts_on": "2026-12-21", "ends_on": "2026-12-24", "cover": "", **fields}


def test_an_officer_records_an_absence_with_a_colleague_covering(client, advisor, colleague):
    client.force_login(advisor)

    response = client.post(URL, form(cover=colleague.pk, urgent_contact="01824 706999"))

    assert response.status_code == 302
    absence = Absence.objects.get()
    assert (absence.user, absence.starts_on, absence.ends_on, absence.cover) == (
        advisor,
        date(2026, 12, 21),
        date(2026, 12, 24),
        colleague,
    )
    assert absence.urgent_contact == "01824 706999"
    page = client.get(URL).text
    assert "Your absence has been recorded." in page
    assert "Monday 21 December 2026" in page
    assert "Carys Owen" in page


def test_the_colleagues_offered_are_active_staff_of_the_same_service(client, advisor, colleague):
    other_service = UserFactory(team=TeamFactory(), username="elsewhere", first_name="Other")
    UserFactory(team=advisor.team, username="gone", first_name="Gone", is_active=False)
    UserFactory(team=None, role=Role.COUNCILLOR, username="cllr", first_name="Cllr")
    client.force_login(advisor)

    page = client.get(URL).text

    assert f'<option value="{colleague.pk}">Carys Owen</option>' in page
    # The colleague and the team's manager; nobody from elsewhere, closed or not staff.
    assert sorted(re.findall(r'<option value="(\d+)"', page)) == sorted(
        [str(colleague.pk), str(advisor.team.manager_id)]
    )
    response = client.post(URL, form(cover=other_service.pk))
    assert "Choose a colleague from your own service" in response.text
    assert not Absence.objects.exists()


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"starts_on": ""}, "Rhowch y diwrnod cyntaf i ffwrdd"),
        ({"ends_on": "2026-02-31"}, "Rhowch ddyddiad go iawn"),
        (
            {"ends_on": "2026-12-20", "urgent_contact": "x"},
            "Rhaid i&#x27;r diwrnod olaf i ffwrdd fod yr un diwrnod â&#x27;r diwrnod cyntaf",
        ),
        (
            {"starts_on": "2026-11-02", "ends_on": "2026-11-20", "urgent_contact": "x"},
            "Ni all y diwrnod olaf i ffwrdd fod yn y gorffennol",
        ),
        ({}, "Dewiswch gydweithiwr sy&#x27;n cyflenwi, neu rhowch gyswllt"),
        ({"cover": "99999"}, "Dewiswch gydweithiwr o&#x27;ch gwasanaeth eich hun"),
        ({"cover": "\x00"}, "Ni chaniateir nodau null"),
        ({"urgent_contact": "x" * 201}, "Rhaid i&#x27;r cyswllt brys fod yn 200 nod neu lai"),
    ],
)
def test_bad_input_is_refused_in_welsh_and_records_nothing(client, advisor, fields, error):
    client.force_login(advisor)

    response = client.post("/cy/absences/", form(**fields))

    assert response.status_code == 200
    assert "Mae problem" in response.text
    assert error in response.text
    assert not Absence.objects.exists()


def test_an_overlapping_absence_is_refused(client, advisor):
    Absence.objects.create(
        user=advisor, starts_on=date(2026, 12, 23), ends_on=date(2026, 12, 31), urgent_contact="x"
    )
    client.force_login(advisor)

    response = client.post(URL, form(urgent_contact="y"))

    assert "You already have an absence from 23 December 2026 to 31 December 2026" in (
        response.text
    )
    assert Absence.objects.count() == 1


def test_an_officer_removes_only_their_own_absence(client, advisor, colleague):
    mine = Absence.objects.create(
        user=advisor, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 2), urgent_contact="x"
    )
    theirs = Absence.objects.create(
        user=colleague, starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 2), urgent_contact="x"
    )
    client.force_login(advisor)

    assert client.get(f"/en/absences/{mine.pk}/remove/").status_code == 405
    client.post(f"/en/absences/{theirs.pk}/remove/")
    client.post(f"/en/absences/{mine.pk}/remove/")

    assert list(Absence.objects.all()) == [theirs]


def test_past_absences_are_not_listed(client, advisor):
    Absence.objects.create(
        user=advisor, starts_on=date(2026, 11, 2), ends_on=date(2026, 11, 6), urgent_contact="x"
    )
    client.force_login(advisor)

    assert "You have no absences recorded." in client.get(URL).text


def test_only_staff_record_absences(client):
    councillor = UserFactory(team=None, role=Role.COUNCILLOR)
    client.force_login(councillor)

    assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302
