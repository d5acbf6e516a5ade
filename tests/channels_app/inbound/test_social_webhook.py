"""Posts and messages from the council's social media tool: one case each (respond within 1
working day), replies on the case they answer, replays ignored."""

from datetime import UTC, datetime

import pytest

from contacts.models import Case, CaseEvent

from .conftest import webhook_client
from .samples import payload

pytestmark = pytest.mark.django_db

URL = "/api/v1/inbound/social/"

SAMPLE = payload("social_post")


def test_a_post_opens_a_social_media_case_due_in_one_working_day(webhook_secrets, service):
    response = webhook_client("social").post(URL, SAMPLE, format="json")

    case = Case.objects.get()
    assert (response.status_code, response.json()["reference"]) == (201, case.reference)
    assert (case.channel, case.service, case.summary) == (
        "social",
        service,
        "The road by the school has a huge pothole",
    )
    assert case.channel_details == {
        "platform": "facebook",
        "handle": "ann.jones",
        "url": "https://www.facebook.com/council/posts/1234567890",
        "post_id": "fb-1234567890",
    }
    (milestone,) = case.milestones.all()
    assert (milestone.kind, milestone.due_at) == (
        "respond",
        datetime(2026, 3, 3, 17, 0, tzinfo=UTC),
    )


def test_a_replayed_post_makes_one_case(webhook_secrets):
    client = webhook_client("social")

    client.post(URL, SAMPLE, format="json")
    again = client.post(URL, SAMPLE, format="json")

    assert (again.status_code, again.json()["result"]) == (200, "duplicate")
    assert Case.objects.count() == 1


def test_a_reply_goes_on_the_case_of_the_post_it_answers(webhook_secrets):
    client = webhook_client("social")
    client.post(URL, SAMPLE, format="json")

    reply = client.post(
        URL,
        {**SAMPLE, "id": "fb-2", "text": "It is outside number 4", "reply_to": "fb-1234567890"},
        format="json",
    )

    case = Case.objects.get()
    assert (reply.status_code, reply.json()["result"]) == (200, "threaded")
    assert CaseEvent.objects.get(case=case, kind="note").text == "It is outside number 4"


def test_a_reply_to_an_unknown_post_opens_its_own_case(webhook_secrets):
    response = webhook_client("social").post(
        URL, {**SAMPLE, "reply_to": "never-seen"}, format="json"
    )

    assert response.json()["result"] == "created"


@pytest.mark.parametrize(
    ("changes", "field", "error"),
    [
        ({"link": "javascript:alert(1)"}, "link", "Enter a valid URL."),
        ({"handle": "<script>x</script>"}, "handle", "Use no angle brackets ( < > ) here."),
        ({"platform": "myspace"}, "platform", '"myspace" is not a valid choice.'),
        ({"time": "2026-03-02T10:00:00"}, "time", None),
    ],
)
def test_bad_fields_are_refused(webhook_secrets, changes, field, error):
    response = webhook_client("social").post(URL, {**SAMPLE, **changes}, format="json")

    assert response.status_code == 400
    assert list(response.json()) == [field]
    if error:
        assert response.json()[field] == [error]
    assert Case.objects.count() == 0


def test_the_social_webhook_wants_its_own_secret(webhook_secrets):
    response = webhook_client("sms").post(URL, SAMPLE, format="json")

    assert (response.status_code, response.json()) == (
        403,
        {"detail": "The webhook's secret is wrong."},
    )
