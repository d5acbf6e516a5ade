"""Random monitoring through the pages: drawing a month's sample once, scoring each sampled
case against its standard's behaviours, the roll-ups, and who may do it."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from accounts.models import Role
from contacts.models import Case
from performance.dashboards.evaluation import Period, monitoring_results
from performance.domain.sampling import sample_ids
from performance.models import MonitoringCheck, MonitoringSample, MonitoringScore
from performance.monitoring.services import (
    monitoring_sample_draw,
    monitoring_samples_draw_last_month,
)
from standards.models import Behaviour
from tests.factories import ServiceFactory, TeamFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: NOW)


@pytest.fixture
def march(service, advisor):
    """Six cases resolved in March, one resolved in April, one still open."""
    resolved = []
    for day in range(2, 8):
        case = make_case(
            service=service, received_at=datetime(2026, 3, day, 9, tzinfo=UTC), owner=advisor
        )
        Case.objects.filter(pk=case.pk).update(
            status="closed", resolved_at=datetime(2026, 3, day + 1, 9, tzinfo=UTC)
        )
        resolved.append(case.pk)
    april = make_case(service=service, received_at=datetime(2026, 3, 30, 9, tzinfo=UTC))
    Case.objects.filter(pk=april.pk).update(
        status="resolved", resolved_at=datetime(2026, 4, 1, 9, tzinfo=UTC)
    )
    make_case(service=service, received_at=datetime(2026, 3, 10, 9, tzinfo=UTC))
    return resolved


def test_the_draw_picks_what_the_seed_says_from_the_months_resolved_cases(march, service, team):
    sample, created = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=3, actor=team.manager, now=NOW, seed=1234
    )
    assert created
    assert (sample.population, sample.size, sample.seed) == (6, 3, 1234)
    chosen = sorted(MonitoringCheck.objects.filter(sample=sample).values_list("case_id", flat=True))
    assert chosen == sample_ids(march, size=3, seed=1234)


def test_a_second_draw_of_the_month_draws_nothing(march, service, team):
    first, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=3, actor=None, now=NOW, seed=1
    )
    again, created = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=5, actor=None, now=NOW, seed=2
    )
    assert (again.pk, created) == (first.pk, False)
    assert MonitoringCheck.objects.filter(sample=first).count() == 3


def test_the_monthly_job_draws_every_service_once(march, service):
    ServiceFactory(code="highways")
    assert monitoring_samples_draw_last_month(now=NOW) == 2
    assert monitoring_samples_draw_last_month(now=NOW) == 0
    sample = MonitoringSample.objects.get(service=service)
    assert (sample.month, sample.size, sample.population) == (date(2026, 3, 1), 5, 6)


def test_drawing_through_the_page(client, march, service, team):
    client.force_login(team.manager)
    page = client.get("/en/monitoring/")
    assert page.status_code == 200
    response = client.post(
        "/en/monitoring/", {"service": str(service.pk), "month": "2026-03", "size": "4"}
    )
    sample = MonitoringSample.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/monitoring/{sample.pk}/"
    assert sample.checks.count() == 4
    shown = client.get(response["Location"])
    assert str(sample.seed) in shown.content.decode()


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize(
    ("language", "says"),
    [
        (
            "en",
            "Only 6 cases were resolved in March 2026, fewer than the 8 asked for, so every one"
            " of them was sampled.",
        ),
        (
            "cy",
            "Dim ond 6 achos a ddatryswyd ym mis Mawrth 2026, llai na&#x27;r 8 y gofynnwyd"
            " amdanynt, felly cafodd pob un ohonynt ei samplu.",
        ),
    ],
)
def test_a_sample_smaller_than_asked_for_says_why(client, march, service, team, language, says):
    """Eight asked for, six resolved in March: the page says why it lists six, in the reader's
    language; the list of samples and the form say what the number asked for means."""
    client.force_login(team.manager)
    sample, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=8, actor=team.manager, now=NOW
    )

    page = _text(client.get(f"/{language}/monitoring/{sample.pk}/"))
    listing = _text(client.get(f"/{language}/monitoring/"))

    assert says.replace("&#x27;", "'") in page.replace("&#x27;", "'")
    assert page.count("govuk-table__row") == 1 + 6
    english = "A sample holds the number of cases asked for when it was drawn"
    welsh = "Mae sampl yn cynnwys nifer yr achosion y gofynnwyd amdanynt"
    assert (english if language == "en" else welsh) in listing.replace("&#x27;", "'")
    hint = "The most cases the sample holds." if language == "en" else "Y nifer mwyaf o achosion"
    assert hint in listing


def test_a_full_sample_says_nothing_of_the_number_asked_for(client, march, service, team):
    """Four of six: nothing to explain, and the number asked for is not shown (it would tell a
    manager how many sampled cases they may not open, performance/monitoring/selectors.py)."""
    client.force_login(team.manager)
    sample, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=4, actor=team.manager, now=NOW
    )

    page = client.get(f"/en/monitoring/{sample.pk}/").content.decode()

    assert 'id="sample-size-note"' not in page
    assert "asked for" not in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"month": "2026-03", "size": "4"}, "Select a service"),
        ({"service": "999", "month": "2026-03", "size": "4"}, "Select a service from the list"),
        ({"service": "{s}", "month": "March", "size": "4"}, "Enter the month as a year and month"),
        ({"service": "{s}", "month": "2026-04", "size": "4"}, "Choose a month that has ended."),
        ({"service": "{s}", "month": "2026-03", "size": "0"}, "Check at least 1 case"),
        ({"service": "{s}", "month": "2026-03", "size": "51"}, "Check at most 50 cases"),
        ({"service": "{s}", "month": "2026-03", "size": "x" * 5000}, "whole number"),
    ],
)
def test_a_bad_draw_is_refused_and_draws_nothing(client, march, service, team, data, message):
    client.force_login(team.manager)
    data = {k: v.replace("{s}", str(service.pk)) for k, v in data.items()}
    response = client.post("/en/monitoring/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not MonitoringSample.objects.exists()


def test_a_manager_cannot_draw_for_another_service(client, march, team):
    other = ServiceFactory(code="housing")
    response = client.post(
        "/en/monitoring/", {"service": str(other.pk), "month": "2026-03", "size": "2"}
    )
    assert response.status_code == 302  # not signed in yet
    client.force_login(team.manager)
    response = client.post(
        "/en/monitoring/", {"service": str(other.pk), "month": "2026-03", "size": "2"}
    )
    assert response.status_code == 400
    assert not MonitoringSample.objects.exists()


@pytest.fixture
def sample(march, service, team):
    sample, _ = monitoring_sample_draw(
        service=service, month=date(2026, 3, 1), size=2, actor=team.manager, now=NOW, seed=7
    )
    return sample


def _answers(check, values):
    behaviours = list(
        Behaviour.objects.filter(standard_id=check.case.standard_id).order_by("position")
    )
    data = {}
    for behaviour, value in zip(behaviours, values, strict=False):
        data[f"answer_{behaviour.pk}"] = value
        data[f"comment_{behaviour.pk}"] = "Checked the e-mail"
    return behaviours, data


def test_scoring_a_sampled_case(client, sample, team):
    check = sample.checks.select_related("case").first()
    behaviours, data = _answers(check, ["yes"] * 10)
    assert behaviours, "the e-mail standard has behaviours to score"
    client.force_login(team.manager)
    assert client.get(f"/en/monitoring/checks/{check.pk}/").status_code == 200
    response = client.post(f"/en/monitoring/checks/{check.pk}/", data)
    assert response.status_code == 302
    assert MonitoringScore.objects.filter(sampled=check, answer="yes").count() == len(behaviours)
    check.refresh_from_db()
    assert (check.checked_by, check.checked_at) == (team.manager, NOW)


def test_a_score_left_out_is_refused_and_saves_nothing(client, sample, team):
    check = sample.checks.select_related("case").first()
    behaviours, data = _answers(check, ["yes"] * 10)
    data.pop(f"answer_{behaviours[0].pk}")
    data[f"comment_{behaviours[-1].pk}"] = "x" * 2001
    client.force_login(team.manager)
    response = client.post(f"/en/monitoring/checks/{check.pk}/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Answer yes, no or not applicable for" in html
    assert "Comments must be 2,000 characters or fewer" in html
    assert not MonitoringScore.objects.exists()


def test_another_services_sample_is_not_found(client, sample):
    other = ServiceFactory(code="housing")
    manager = UserFactory(role=Role.MANAGER, team=TeamFactory(service=other))
    client.force_login(manager)
    check = sample.checks.first()
    assert client.get(f"/en/monitoring/{sample.pk}/").status_code == 404
    assert client.get(f"/en/monitoring/checks/{check.pk}/").status_code == 404
    assert client.get("/en/monitoring/99999999999999999999999/").status_code == 404


def test_advisors_may_not_monitor(client, sample, advisor):
    client.force_login(advisor)
    assert client.get("/en/monitoring/").status_code == 403
    assert client.get(f"/en/monitoring/{sample.pk}/").status_code == 403


def test_results_roll_up_per_standard_service_and_officer(sample, team, advisor, service):
    """Two cases checked: the first shows every behaviour but one (no) and one n/a; the
    second shows them all. Behaviours b: yes (b-2) + no 1 + n/a 1, then yes b."""
    checks = list(sample.checks.select_related("case"))
    behaviours = list(
        Behaviour.objects.filter(standard_id=checks[0].case.standard_id).order_by("position")
    )
    b = len(behaviours)
    from performance.monitoring.services import ScoreInput, monitoring_check_score

    first = ["no", "na"] + ["yes"] * (b - 2)
    monitoring_check_score(
        check=checks[0],
        actor=team.manager,
        scores=[ScoreInput(x.pk, a) for x, a in zip(behaviours, first, strict=True)],
        now=NOW,
    )
    monitoring_check_score(
        check=checks[1],
        actor=team.manager,
        scores=[ScoreInput(x.pk, "yes") for x in behaviours],
        now=NOW,
    )
    period = Period(first=date(2026, 3, 1), last=date(2026, 3, 31))
    yes, no, na = (b - 2) + b, 1, 1
    rate = (Decimal(yes) * 100 / (yes + no)).quantize(Decimal("0.1"))
    by_officer = monitoring_results(period, by="officer").rows
    assert by_officer == [[advisor.get_full_name(), 2, yes, no, na, rate]]
    assert monitoring_results(period, by="service").rows == [
        ["Waste and recycling", 2, yes, no, na, rate]
    ]
    assert monitoring_results(period, by="standard").rows[0][1:] == [2, yes, no, na, rate]


def test_the_welsh_sample_and_check_name_the_standard_in_welsh_never_by_code(client, sample, team):
    client.force_login(team.manager)
    check = sample.checks.first()
    for url in (f"/cy/monitoring/{sample.pk}/", f"/cy/monitoring/checks/{check.pk}/"):
        html = client.get(url).content.decode()
        assert "Yn anfon e-bost at adran" in html, url
        assert "EMAIL_DEPARTMENT" not in html and "E-mails a department" not in html, url


def test_the_welsh_check_mutates_each_behaviour_after_drwy(client, sample, team):
    check = sample.checks.select_related("case").first()
    behaviour = Behaviour.objects.filter(standard_id=check.case.standard_id).first()
    Behaviour.objects.filter(pk=behaviour.pk).update(
        text_cy="cyhoeddi enw'r adran", text_en="announcing the section"
    )
    client.force_login(team.manager)
    welsh = client.get(f"/cy/monitoring/checks/{check.pk}/").content.decode()
    english = client.get(f"/en/monitoring/checks/{check.pk}/").content.decode()
    assert "Drwy gyhoeddi enw&#x27;r adran" in welsh and "Drwy cyhoeddi" not in welsh
    assert "By announcing the section" in english
