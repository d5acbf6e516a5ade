"""The councillors' pages through the test client, in both languages: the enquiry form and its
errors, the officer's update, delay and completion forms, and the Members' Events Calendar."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contacts.models import Case
from councillors.models import EnquiryUpdate, WardEvent
from councillors.services import ward_event_create
from tests.member_messages import member_messages

LANGUAGES = ["cy", "en"]


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_councillor_raises_an_enquiry_from_the_form(
    client, service, team, cllr_jones, llanfair, language
):
    client.force_login(cllr_jones)
    url = f"/{language}/enquiries/new/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="ward"' in page.content
    response = client.post(
        url,
        {
            "service": service.pk,
            "ward": llanfair.pk,
            "summary": "Fly-tipping",
            "description": "Bags by the gate.",
            "on_behalf_of": "resident",
            "resident_name": "Megan Hughes",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/enquiries/{case.reference}/"
    assert case.kind == "councillor_enquiry" and case.customer.name == "Megan Hughes"
    page = client.get(response["Location"])
    assert case.reference.encode() in page.content


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Enter a summary of the enquiry."), ("cy", None)],
)
def test_an_empty_form_shows_every_error_and_changes_nothing(
    client, service, cllr_jones, language, expected
):
    client.force_login(cllr_jones)
    response = client.post(f"/{language}/enquiries/new/", {})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    if expected:
        assert expected in body
    assert Case.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {"service": "999999999999999999999", "summary": "x", "description": "y"},
        {"service": "abc", "ward": "'; drop table", "on_behalf_of": "x" * 5000},
        {"summary": "x" * 10_000, "description": "\x00"},
        {"resident_email": "not an address", "on_behalf_of": "resident"},
    ],
)
def test_garbage_gets_errors_not_a_500(client, service, cllr_jones, llanfair, data):
    client.force_login(cllr_jones)
    response = client.post("/en/enquiries/new/", data)
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert Case.objects.count() == 0


def test_a_clerk_chooses_among_their_councils(client, service, clerk, council, cllr_jones):
    other = type(council).objects.create(code="two", name_en="Two", name_cy="Dau")
    other.clerks.add(clerk)
    client.force_login(clerk)
    response = client.post(
        "/en/enquiries/new/",
        {
            "service": service.pk,
            "summary": "Bus shelter",
            "description": "Broken",
            "on_behalf_of": "community",
        },
    )
    assert b"Choose the council the enquiry is from." in response.content
    response = client.post(
        "/en/enquiries/new/",
        {
            "community_council": council.pk,
            "service": service.pk,
            "summary": "Bus shelter",
            "description": "Broken",
            "on_behalf_of": "community",
        },
    )
    assert response.status_code == 302
    assert Case.objects.get().member_enquiry.copied.get() == cllr_jones


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_officer_updates_delays_and_completes_from_the_case_page(
    client, enquiry, advisor, language
):
    client.force_login(advisor)
    case_page = client.get(f"/{language}/cases/{enquiry.reference}/").content.decode()
    base = f"/{language}/enquiries/{enquiry.reference}/"
    for action in ("update", "delay", "complete"):
        assert f'href="{base}{action}/"' in case_page
        assert client.get(base + action + "/").status_code == 200
    assert client.post(base + "update/", {"what": "Crew booked."}).status_code == 302
    tomorrow = timezone.localdate() + timedelta(days=30)
    response = client.post(
        base + "delay/", {"reason": "Lorry broken", "new_date": tomorrow.isoformat()}
    )
    assert response.status_code == 302
    assert client.post(base + "complete/", {"what": "Cleared."}).status_code == 302
    assert list(EnquiryUpdate.objects.values_list("kind", flat=True)) == [
        "update",
        "delay",
        "completion",
    ]
    assert member_messages().count() == 3
    assert Case.objects.get(pk=enquiry.pk).status == "resolved"


@pytest.mark.parametrize(
    ("action", "data", "error"),
    [
        ("update", {"what": ""}, "Say what is happening."),
        ("update", {"what": "x", "expected_on": "31/02/2026"}, "Enter a real date"),
        ("delay", {"reason": "x", "new_date": "2000-01-01"}, "must be after today"),
        ("delay", {"reason": "", "new_date": ""}, "Give the reason for the delay."),
        ("complete", {"what": "x" * 3000}, "Write no more than 2000 characters."),
    ],
)
def test_officer_forms_refuse_bad_input_and_change_nothing(
    client, enquiry, advisor, action, data, error
):
    client.force_login(advisor)
    response = client.post(f"/en/enquiries/{enquiry.reference}/{action}/", data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not EnquiryUpdate.objects.exists()
    assert not member_messages().exists()


def test_an_officer_cannot_post_updates_to_an_ordinary_case(client, service, advisor):
    from tests.factories import make_case

    case = make_case(service=service)
    client.force_login(advisor)
    response = client.post(f"/en/enquiries/{case.reference}/update/", {"what": "x"})
    assert response.status_code == 302
    assert not EnquiryUpdate.objects.exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_officer_keeps_the_calendar(client, advisor, llanfair, cllr_jones, language):
    client.force_login(advisor)
    assert client.get(f"/{language}/members-calendar/").status_code == 200
    assert client.get(f"/{language}/members-calendar/new/").status_code == 200
    starts = timezone.now() + timedelta(days=2)
    response = client.post(
        f"/{language}/members-calendar/new/",
        {
            "kind": "planned_works",
            "title_cy": "Ailwynebu",
            "title_en": "Resurfacing",
            "location": "Stryd Fawr",
            "starts_at": local(starts),
            "ends_at": local(starts + timedelta(hours=6)),
            "responsible": "Highways",
            "effect_cy": "Y ffordd ar gau",
            "effect_en": "Road closed",
            "wards": [llanfair.pk],
        },
    )
    event = WardEvent.objects.get()
    assert (event.title_cy, event.title_en, event.effect_cy, event.effect_en) == (
        "Ailwynebu",
        "Resurfacing",
        "Y ffordd ar gau",
        "Road closed",
    )
    assert response["Location"] == f"/{language}/members-calendar/{event.pk}/"
    assert member_messages().filter(person=cllr_jones).count() == 1
    for page in ("", "change/", "delay/", "cancel/"):
        assert client.get(f"/{language}/members-calendar/{event.pk}/{page}").status_code == 200
    change = client.get(f"/{language}/members-calendar/{event.pk}/change/").content.decode()
    assert f'value="{local(starts)}"' in change
    response = client.post(
        f"/{language}/members-calendar/{event.pk}/delay/",
        {
            "reason": "Plant closed",
            "starts_at": local(starts + timedelta(days=7)),
            "ends_at": local(starts + timedelta(days=7, hours=6)),
        },
    )
    assert response.status_code == 302
    client.post(f"/{language}/members-calendar/{event.pk}/complete/")
    event.refresh_from_db()
    assert (event.status, event.sequence) == ("completed", 2)
    assert member_messages().filter(person=cllr_jones).count() == 3
    # Nothing more can be done to a completed entry.
    response = client.get(f"/{language}/members-calendar/{event.pk}/change/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"kind": "party", "wards": ["x"], "starts_at": "yesterday"},
        {"title_en": "x" * 500, "wards": ["99999999"], "starts_at": "2026-13-45T99:99"},
        {"title_en": "Resurfacing", "effect_en": "Road closed"},  # no Welsh
    ],
)
def test_a_bad_entry_gets_errors_not_a_500(client, advisor, llanfair, data):
    client.force_login(advisor)
    response = client.post("/en/members-calendar/new/", data)
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert not WardEvent.objects.exists()


def test_unknown_entries_are_not_found(client, advisor):
    client.force_login(advisor)
    assert client.get("/en/members-calendar/999999/").status_code == 404
    assert client.post("/en/members-calendar/999999/complete/").status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_councillors_see_their_calendar_and_the_ward_page(
    client, advisor, cllr_jones, llanfair, language
):
    starts = timezone.now() + timedelta(days=2)
    ward_event_create(
        actor=advisor,
        wards=[llanfair],
        kind="event",
        title_cy="Gŵyl Llanfair",
        title_en="Gŵyl Llanfair",
        location="Y Parc",
        starts_at=starts,
        ends_at=starts + timedelta(hours=4),
        responsible="Leisure",
        effect_cy="Parking is busy",
        effect_en="Parking is busy",
    )
    client.force_login(cllr_jones)
    calendar = client.get(f"/{language}/my-calendar/").content.decode()
    assert "Gŵyl Llanfair" in calendar and ".ics" in calendar
    ward = client.get(f"/{language}/wards/llanfair/").content.decode()
    assert "Gŵyl Llanfair" in ward and "LL15 2" in ward


def test_members_get_their_navigation(client, cllr_jones, clerk, advisor):
    client.force_login(cllr_jones)
    page = client.get("/en/my-enquiries/").content.decode()
    assert 'href="/en/enquiries/new/"' in page and 'href="/en/my-calendar/"' in page
    client.force_login(clerk)
    page = client.get("/en/my-enquiries/").content.decode()
    assert 'href="/en/enquiries/new/"' in page and 'href="/en/my-calendar/"' not in page
    client.force_login(advisor)
    page = client.get("/en/my-work/").content.decode()
    assert 'href="/en/members-calendar/"' in page and 'href="/en/enquiries/new/"' not in page


def test_pages_read_a_fixed_number_of_queries(
    client, advisor, cllr_jones, llanfair, enquiry, django_assert_max_num_queries
):
    from councillors.services import enquiry_update_post

    for n in range(5):
        enquiry_update_post(case=enquiry, actor=advisor, what=f"Step {n}")
        starts = timezone.now() + timedelta(days=20 + n)
        ward_event_create(
            actor=advisor,
            wards=[llanfair],
            kind="event",
            title_cy=f"Event {n}",
            title_en=f"Event {n}",
            location="Park",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            responsible="Leisure",
            effect_cy="Busy",
            effect_en="Busy",
        )
    client.force_login(cllr_jones)
    with django_assert_max_num_queries(12):
        client.get(f"/en/enquiries/{enquiry.reference}/")
    with django_assert_max_num_queries(12):
        client.get("/en/my-calendar/")
    with django_assert_max_num_queries(12):
        client.get("/en/wards/llanfair/")
    client.force_login(advisor)
    with django_assert_max_num_queries(14):
        client.get("/en/members-calendar/")
