"""The councillor's private iCalendar feed: no sign-in, a secret address that can be replaced,
their wards' entries only, each with a stable UID and a SEQUENCE that rises with changes."""

from datetime import timedelta

import icalendar
import pytest
from django.utils import timezone

from councillors.models import MemberProfile
from councillors.services import ward_event_cancel, ward_event_change, ward_event_create


def feed_url(user, language="en") -> str:
    return f"/{language}/calendar/{user.member_profile.calendar_token}.ics"


def entry(advisor, wards, title="Resurfacing Stryd Fawr", days=20, title_cy="Ailwynebu Stryd Fawr"):
    starts = timezone.now() + timedelta(days=days)
    return ward_event_create(
        actor=advisor,
        wards=wards,
        kind="planned_works",
        title_cy=title_cy,
        title_en=title,
        location="Stryd Fawr",
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        responsible="Highways",
        effect_cy="Y ffordd ar gau",
        effect_en="Road closed",
        description_cy="Gwaith nos",
        description_en="Night work",
    )


def events_in(response) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_the_feed_needs_no_sign_in_and_holds_only_the_councillors_wards(
    client, advisor, cllr_jones, llanfair, rhuthun
):
    works = entry(advisor, [llanfair])
    entry(advisor, [rhuthun], title="Not Llanfair", title_cy="Nid Llanfair")
    response = client.get(feed_url(cllr_jones))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, no-store"
    events = events_in(response)
    assert list(events) == ["Planned works: Resurfacing Stryd Fawr"]
    event = events["Planned works: Resurfacing Stryd Fawr"]
    assert str(event["UID"]) == f"{works.uid}@cyswllt"
    assert event["SEQUENCE"] == 0
    assert str(event["DTSTART"].params["TZID"]) == "Europe/London"
    assert "Road closed" in str(event["DESCRIPTION"])


def test_a_change_keeps_the_uid_and_raises_the_sequence_and_a_cancellation_is_marked(
    client, advisor, cllr_jones, llanfair
):
    works = entry(advisor, [llanfair])
    ward_event_change(event=works, actor=advisor, location="Ffordd yr Orsaf")
    (event,) = events_in(client.get(feed_url(cllr_jones))).values()
    assert (str(event["UID"]), event["SEQUENCE"], str(event["LOCATION"])) == (
        f"{works.uid}@cyswllt",
        1,
        "Ffordd yr Orsaf",
    )
    ward_event_cancel(event=works, actor=advisor, reason="No funding")
    (event,) = events_in(client.get(feed_url(cllr_jones))).values()
    assert (event["SEQUENCE"], str(event["STATUS"])) == (2, "CANCELLED")


def test_the_feed_is_in_the_language_of_its_address(client, advisor, cllr_jones, llanfair):
    entry(advisor, [llanfair])
    calendar = icalendar.Calendar.from_ical(client.get(feed_url(cllr_jones, "cy")).content)
    assert str(calendar["X-WR-CALNAME"]) != ""
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Gwaith wedi'i gynllunio: Ailwynebu Stryd Fawr"
    description = str(event["DESCRIPTION"])
    assert "Gwaith nos" in description and "Y ffordd ar gau" in description
    assert "Resurfacing" not in description + str(event["SUMMARY"])
    assert "Road closed" not in description and "Night work" not in description
    (event,) = events_in(client.get(feed_url(cllr_jones, "en"))).values()
    assert str(event["SUMMARY"]) == "Planned works: Resurfacing Stryd Fawr"
    assert "Road closed" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    "token",
    ["x" * 43, "not-a-token-but-long-enough", "../../etc/passwd", "%00" * 10, "a" * 65],
)
def test_an_unknown_or_malformed_secret_is_not_found(client, cllr_jones, token):
    assert client.get(f"/en/calendar/{token}.ics").status_code == 404


def test_a_clerks_profile_has_no_feed(client, clerk):
    profile = MemberProfile.objects.get(user=clerk)
    assert client.get(f"/en/calendar/{profile.calendar_token}.ics").status_code == 404


def test_a_new_address_replaces_the_old_one(client, cllr_jones, llanfair):
    old = feed_url(cllr_jones)
    client.force_login(cllr_jones)
    response = client.post("/en/my-calendar/new-address/")
    assert response.status_code == 302 and response["Location"] == "/en/my-calendar/"
    cllr_jones.member_profile.refresh_from_db()
    assert client.get(old).status_code == 404
    assert client.get(feed_url(cllr_jones)).status_code == 200
    page = client.get("/en/my-calendar/")
    assert feed_url(cllr_jones).encode() in page.content


def test_the_address_is_changed_only_by_a_post(client, cllr_jones):
    client.force_login(cllr_jones)
    token = cllr_jones.member_profile.calendar_token
    assert client.get("/en/my-calendar/new-address/").status_code == 405
    cllr_jones.member_profile.refresh_from_db()
    assert cllr_jones.member_profile.calendar_token == token


def test_the_feed_reads_a_fixed_number_of_queries(
    client, advisor, cllr_jones, llanfair, django_assert_max_num_queries
):
    for n in range(5):
        entry(advisor, [llanfair], title=f"Works {n}", days=20 + n, title_cy=f"Gwaith {n}")
    with django_assert_max_num_queries(4):
        assert len(events_in(client.get(feed_url(cllr_jones)))) == 5
