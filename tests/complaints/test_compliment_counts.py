from datetime import UTC, datetime

from complaints.models import Compliment
from complaints.selectors import compliment_counts_by_officer
from tests.factories import UserFactory


def _compliment(*, officer, team=None, at):
    return Compliment.objects.create(
        service=officer.team.service if officer else team.service,
        officer=officer,
        team=team,
        channel="email",
        received_at=at,
        text="Thank you",
    )


def test_counts_each_officers_compliments_in_the_half_open_period(team, django_assert_num_queries):
    ann = UserFactory(team=team)
    bob = UserFactory(team=team)
    cai = UserFactory(team=team)
    since = datetime(2026, 4, 1, tzinfo=UTC)
    until = datetime(2026, 7, 1, tzinfo=UTC)
    _compliment(officer=ann, at=since)  # the first instant counts
    _compliment(officer=ann, at=datetime(2026, 6, 30, 23, 59, tzinfo=UTC))
    _compliment(officer=ann, at=until)  # the end is excluded
    _compliment(officer=bob, at=datetime(2026, 3, 31, 23, 59, tzinfo=UTC))  # before
    _compliment(officer=bob, at=datetime(2026, 5, 1, tzinfo=UTC))
    _compliment(officer=cai, at=datetime(2026, 5, 1, tzinfo=UTC))  # not asked about
    _compliment(officer=None, team=team, at=datetime(2026, 5, 1, tzinfo=UTC))  # team only

    with django_assert_num_queries(1):
        counts = compliment_counts_by_officer(
            officer_ids=[ann.pk, bob.pk, 999_999], since=since, until=until
        )

    assert counts == {ann.pk: 2, bob.pk: 1}


def test_no_officers_gives_no_counts(db):
    since = datetime(2026, 4, 1, tzinfo=UTC)
    assert compliment_counts_by_officer(officer_ids=[], since=since, until=since) == {}


def test_counts_per_service(team, django_assert_num_queries):
    from complaints.selectors import compliment_counts_by_service
    from tests.factories import TeamFactory

    other = TeamFactory()
    ann = UserFactory(team=team)
    since = datetime(2026, 4, 1, tzinfo=UTC)
    until = datetime(2026, 7, 1, tzinfo=UTC)
    _compliment(officer=ann, at=datetime(2026, 4, 2, tzinfo=UTC))
    _compliment(officer=ann, at=datetime(2026, 4, 3, tzinfo=UTC))
    _compliment(officer=None, team=other, at=datetime(2026, 5, 3, tzinfo=UTC))
    _compliment(officer=None, team=other, at=datetime(2026, 7, 1, tzinfo=UTC))  # after

    with django_assert_num_queries(2):
        rows = compliment_counts_by_service(since=since, until=until)

    assert [(row["service"], row["total"]) for row in rows] == [
        (team.service, 2),
        (other.service, 1),
    ]
