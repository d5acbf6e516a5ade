"""complaints.0005 on a populated database: every complaint view becomes a read of the case in
the one audit of reads (same person, time and path, with the case's customer), reads already
in the audit stay as they were, and the migration reverses to the old log."""

from datetime import UTC, datetime, timedelta

import pytest

from audit.models import Read, ReadPath
from tests.factories import CustomerFactory, make_case
from tests.migrating import migrate

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("complaints", "0004_complaint_views_from_the_register")]
AFTER = [("complaints", "0006_complaint_views_gone")]
T = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


@pytest.fixture
def migrated_back_to_the_latest():
    """The newest migrations again afterwards: the tests that follow in this process expect
    the database as the migrations leave it. Left at AFTER, complaints 0007's constraint was
    missing, and another test's compliment logged as a case for nobody was refused."""
    yield
    migrate()


def test_complaint_views_move_into_the_audit_and_back(
    service, advisor, complaints_officer, migrated_back_to_the_latest
):
    customer = CustomerFactory()
    complaint = make_case(service=service, kind="complaint", customer=customer)
    other = make_case(service=service)
    Read.objects.create(at=T, user=advisor, path=ReadPath.CASE_PAGE, case_id=other.pk)

    executor = migrate(BEFORE)
    ComplaintView = executor.loader.project_state(BEFORE).apps.get_model(
        "complaints", "ComplaintView"
    )
    for minutes, via in enumerate(["register", "page", "case_page", "api"]):
        ComplaintView.objects.create(
            case_id=complaint.pk,
            user_id=complaints_officer.pk,
            viewed_at=T + timedelta(minutes=minutes),
            via=via,
        )

    migrate(AFTER)

    assert list(
        Read.objects.filter(user=complaints_officer)
        .order_by("at")
        .values_list("at", "path", "case_id", "customer_id")
    ) == [
        (T, ReadPath.COMPLAINT_REGISTER, complaint.pk, customer.pk),
        (T + timedelta(minutes=1), ReadPath.COMPLAINT_PAGE, complaint.pk, customer.pk),
        (T + timedelta(minutes=2), ReadPath.CASE_PAGE, complaint.pk, customer.pk),
        (T + timedelta(minutes=3), ReadPath.API, complaint.pk, customer.pk),
    ]
    assert Read.objects.filter(user=advisor).count() == 1

    executor = migrate(BEFORE)
    ComplaintView = executor.loader.project_state(BEFORE).apps.get_model(
        "complaints", "ComplaintView"
    )
    assert sorted(ComplaintView.objects.values_list("via", "viewed_at")) == [
        ("api", T + timedelta(minutes=3)),
        ("case_page", T + timedelta(minutes=2)),
        ("page", T + timedelta(minutes=1)),
        ("register", T),
    ]
    assert list(Read.objects.values_list("user_id", "case_id")) == [(advisor.pk, other.pk)]
    migrate(AFTER)
