"""The one-click satisfaction question: a signed link in the resolution e-mail, a bilingual
page with two buttons, no sign-in; a second answer replaces the first (each case counts once,
and a customer who clicked the wrong button can put it right)."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import signing

from contacts.models import Customer
from contacts.satisfaction_links import satisfaction_case, satisfaction_token
from contacts.services import case_resolve
from messaging.models import OutboundMessage
from performance.models import SatisfactionAnswer
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


@pytest.fixture
def case(service):
    return make_case(
        service=service,
        received_at=RECEIVED,
        customer=Customer(name="Siân Jones", email="sian@example.com", preferred_language="cy"),
    )


def test_the_resolution_email_carries_the_link_in_the_customers_language(case, advisor):
    case_resolve(
        case=case,
        actor=advisor,
        message="Casglwyd y bin.",
        now=RECEIVED + timedelta(hours=2),
    )
    body = OutboundMessage.objects.get(purpose="resolution").body
    assert "A oeddech yn fodlon" in body
    link = re.search(r"http://localhost:8000(/cy/satisfaction/[^/\s]+/)", body).group(1)
    assert satisfaction_case(link.split("/")[3]) == case


def test_the_page_asks_the_question_without_sign_in(client, case):
    response = client.get(f"/cy/satisfaction/{satisfaction_token(case.pk)}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert case.reference in html
    assert 'name="answer" value="yes"' in html and 'name="answer" value="no"' in html


def test_one_click_records_the_answer_and_a_second_replaces_it(client, case):
    url = f"/en/satisfaction/{satisfaction_token(case.pk)}/"
    response = client.post(url, {"answer": "no"})
    assert response.status_code == 200
    assert "Thank you for your answer" in response.content.decode()
    assert SatisfactionAnswer.objects.get(case=case).answer == "no"
    client.post(url, {"answer": "yes"})
    assert list(SatisfactionAnswer.objects.values_list("case_id", "answer")) == [(case.pk, "yes")]


@pytest.mark.parametrize("answer", ["", "maybe", "yes" * 100, "\x00"])
def test_a_bad_answer_is_refused_and_records_nothing(client, case, answer):
    response = client.post(f"/en/satisfaction/{satisfaction_token(case.pk)}/", {"answer": answer})
    assert response.status_code == 400
    assert "Choose yes or no" in response.content.decode()
    assert not SatisfactionAnswer.objects.exists()


def test_a_forged_or_garbled_link_does_not_work(client, case):
    forged = signing.dumps(case.pk, salt="something else")
    for token in (forged, "abc", "a" * 200, satisfaction_token(case.pk)[:-2] + "xx"):
        response = client.get(f"/en/satisfaction/{token}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert client.post(f"/en/satisfaction/{forged}/", {"answer": "yes"}).status_code == 404
    assert client.get("/en/satisfaction/" + "a" * 300 + "/").status_code == 404
    assert not SatisfactionAnswer.objects.exists()


def test_a_link_for_a_case_no_longer_held_does_not_work(client, case):
    token = satisfaction_token(case.pk + 1000)
    assert client.get(f"/en/satisfaction/{token}/").status_code == 404


def test_an_old_link_expires(client, case, monkeypatch):
    import time

    token = satisfaction_token(case.pk)
    real = time.time
    monkeypatch.setattr(time, "time", lambda: real() + 181 * 24 * 3600)
    assert satisfaction_case(token) is None
