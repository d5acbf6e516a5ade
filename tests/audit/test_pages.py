"""The audit pages: who read a case, what a person read. Administrators and data protection
officers only; each in both languages; bad input answered with a translated error and
nothing shown; paginated without counting; exported as CSV, the export itself recorded."""

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from accounts.models import Role
from audit import reads
from audit.models import Read, ReadPath
from tests.factories import CustomerFactory, UserFactory, make_case

pytestmark = pytest.mark.django_db

AT = datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
CASES = "/en/audit/cases/"
PEOPLE = "/en/audit/people/"


@pytest.fixture
def case(service):
    return make_case(service=service, customer=CustomerFactory(name="Ann Jones"))


@pytest.fixture
def reader(team):
    return UserFactory(
        role=Role.ADVISOR, team=team, username="mari", first_name="Mari", last_name="Lewis"
    )


def test_the_data_protection_officer_sees_who_read_a_case(client, dpo, case, reader, advisor):
    reads.record(reader, ReadPath.CASE_PAGE, cases=[case], at=AT)
    reads.record(advisor, ReadPath.API, cases=[case], at=AT + timedelta(hours=1))
    client.force_login(dpo)

    page = client.get(CASES, {"reference": case.reference})

    assert page.status_code == 200
    rows = page.context["page"].rows
    assert [(row.username, row.path) for row in rows] == [("advisor", "API"), ("mari", "Case page")]
    text = page.text
    assert f"Who read {case.reference}" in text
    assert "Mari Lewis" in text
    # Who read a case, never the case: no summary, no customer.
    assert "Ann Jones" not in text and case.summary not in text


def test_the_reads_of_a_deleted_account_stay_in_the_audit(client, dpo, case, team):
    gone = UserFactory(team=team)
    reads.record(gone, ReadPath.CASE_PAGE, cases=[case], at=AT)
    gone_id = gone.pk
    gone.delete()
    client.force_login(dpo)

    page = client.get(CASES, {"reference": case.reference})

    assert [row.name for row in page.context["page"].rows] == [f"Account {gone_id} (deleted)"]


def test_looking_a_case_up_in_the_audit_is_itself_recorded(client, dpo, case):
    client.force_login(dpo)

    client.get(CASES, {"reference": case.reference.lower()})

    assert list(Read.objects.values_list("user_id", "path", "case_id")) == [
        (dpo.pk, ReadPath.AUDIT, case.pk)
    ]


def test_the_page_in_welsh(client, dpo, case, reader):
    reads.record(reader, ReadPath.SEARCH, cases=[case], at=AT)
    client.force_login(dpo)

    page = client.get("/cy/audit/cases/", {"reference": case.reference})

    assert page.status_code == 200
    assert f"Pwy ddarllenodd {case.reference}" in page.text
    assert "Canlyniadau chwilio" in page.text
    assert "Search results" not in page.text


@pytest.mark.parametrize(
    ("query", "error", "field"),
    [
        ({"reference": ""}, "Enter the case reference", "reference"),
        ({"reference": "CYS-2026-999999"}, "There is no case with this reference", "reference"),
        ({"reference": "x" * 300}, "Enter a case reference, like CYS-2026-000123", "reference"),
        ({"first": "2026-02-30"}, "The first day must be a real date", "first"),
        ({"last": "yesterday"}, "The last day must be a real date", "last"),
        (
            {"first": "1999-12-31"},
            "Dates must be between 1 January 2000 and 31 December 2100",
            "first",
        ),
        (
            {"first": "2026-03-04", "last": "2026-03-03"},
            "The last day must be the same as or after the first",
            "last",
        ),
        ({"page": "0"}, "This page does not exist: go back to the first page", "__all__"),
        ({"page": "x"}, "This page does not exist: go back to the first page", "__all__"),
        (
            {"page": "99999999999999999999"},
            "This page does not exist: go back to the first page",
            "__all__",
        ),
    ],
)
def test_bad_input_is_a_translated_error_and_shows_nothing(client, dpo, case, query, error, field):
    client.force_login(dpo)
    data = {"reference": case.reference, **query}

    page = client.get(CASES, data)

    assert page.status_code == 400
    assert page.context["form"].errors[field] == [error]
    assert page.context["page"] is None
    assert not Read.objects.exists()


def test_bad_input_in_welsh(client, dpo):
    client.force_login(dpo)

    page = client.get("/cy/audit/cases/", {"reference": "CYS-2026-999999"})

    assert page.status_code == 400
    assert "Nid oes achos â&#x27;r cyfeirnod hwn" in page.text


def test_the_period_includes_both_days_in_local_time(client, dpo, case, reader):
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in London (summer time).
    for at in [
        datetime(2026, 3, 30, 22, 59, tzinfo=UTC),  # 23:59 on 30 March, London: before
        datetime(2026, 3, 31, 23, 30, tzinfo=UTC),  # 00:30 on 1 April: in
        datetime(2026, 4, 2, 22, 59, tzinfo=UTC),  # 23:59 on 2 April: in
        datetime(2026, 4, 2, 23, 0, tzinfo=UTC),  # 00:00 on 3 April: after
    ]:
        reads.record(reader, ReadPath.CASE_PAGE, cases=[case], at=at)
    client.force_login(dpo)

    page = client.get(
        CASES, {"reference": case.reference, "first": "2026-03-31", "last": "2026-04-02"}
    )

    assert [row.at for row in page.context["page"].rows] == [
        datetime(2026, 4, 2, 22, 59, tzinfo=UTC),
        datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
    ]


def test_pages_of_fifty_without_a_count(client, dpo, case, reader, django_assert_max_num_queries):
    for minute in range(51):
        reads.record(reader, ReadPath.CASE_PAGE, cases=[case], at=AT + timedelta(minutes=minute))
    client.force_login(dpo)

    with django_assert_max_num_queries(8) as captured:
        first = client.get(CASES, {"reference": case.reference})
    assert not any("COUNT(" in q["sql"] for q in captured.captured_queries)
    second = client.get(CASES, {"reference": case.reference, "page": "2"})

    assert len(first.context["page"].rows) == 50
    assert first.context["pages"] == {
        "previous": None,
        "next": f"?reference={case.reference}&page=2",
    }
    # The second page holds the oldest read, and the look-up the first page recorded is newer.
    assert [row.at for row in second.context["page"].rows] == [
        AT + timedelta(minutes=1),
        AT,
    ]
    assert second.context["pages"]["previous"] == f"?reference={case.reference}&page=1"
    assert second.context["pages"]["next"] is None


def test_what_a_person_read(client, dpo, case, reader, service):
    other = make_case(service=service)
    reads.record(reader, ReadPath.CASE_PAGE, cases=[case], at=AT)
    reads.record(reader, ReadPath.CUSTOMER_PAGE, customer_ids=[case.customer_id], at=AT)
    reads.record(reader, ReadPath.EXPORT, case_ids=[other.pk, 987654], at=AT)
    client.force_login(dpo)

    page = client.get(PEOPLE, {"username": "MARI"})

    assert page.status_code == 200
    rows = [(r.reference, r.customer_id, r.path) for r in page.context["page"].rows]
    assert sorted(rows, key=str) == sorted(
        [
            (case.reference, case.customer_id, "Case page"),
            ("", case.customer_id, "Customer page"),
            (other.reference, None, "Export"),
            ("", None, "Export"),
        ],
        key=str,
    )
    assert "What Mari Lewis read" in page.text
    assert "Case 987654 (no longer held)" in page.text
    # A list of what a person read shows references, and records nothing.
    assert not Read.objects.filter(user=dpo).exists()


def test_an_unknown_person_is_a_translated_error(client, dpo):
    client.force_login(dpo)

    page = client.get(PEOPLE, {"username": "nobody"})
    assert page.status_code == 400
    assert page.context["form"].errors["username"] == ["There is no one with this username"]

    welsh = client.get("/cy/audit/people/", {"username": "nobody"})
    assert welsh.status_code == 400
    assert "Nid oes neb â&#x27;r enw defnyddiwr hwn" in welsh.text


def test_the_export_is_every_read_and_is_itself_recorded(client, dpo, case, reader, advisor):
    reads.record(reader, ReadPath.CASE_PAGE, cases=[case], at=AT)
    reads.record(advisor, ReadPath.ATTACHMENT, cases=[case], at=AT + timedelta(minutes=5))
    UserFactory(username="=cmd", first_name="=HYPERLINK(1)", last_name="")
    client.force_login(dpo)

    answer = client.get("/en/audit/cases.csv", {"reference": case.reference, "page": "3"})

    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == (
        f'attachment; filename="reads-of-{case.reference.lower()}.csv"'
    )
    body = b"".join(answer.streaming_content).decode()
    assert body.startswith("\ufeff")
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0] == ["When", "Username", "Name", "Through", "Case", "Customer record"]
    # The export's own read comes first: it was recorded before the rows were read.
    assert [line[1:4] for line in lines[1:]] == [
        ["dpo", "Nia Rowlands", "Audit export"],
        ["advisor", "Alex " + advisor.last_name, "Attachment download"],
        ["mari", "Mari Lewis", "Case page"],
    ]
    assert lines[3][0] == "2026-03-03 09:30:00"  # London time (GMT in March)
    assert lines[3][4:] == [case.reference, str(case.customer_id)]
    assert list(Read.objects.filter(user=dpo).values_list("path", "case_id", "customer_id")) == [
        (ReadPath.AUDIT_EXPORT, case.pk, case.customer_id)
    ]


def test_an_export_of_a_persons_reads_keeps_formulas_out(client, dpo, case):
    cheeky = UserFactory(username="=cmd", first_name="=HYPERLINK(1)", last_name="")
    reads.record(cheeky, ReadPath.CASE_PAGE, cases=[case], at=AT)
    client.force_login(dpo)

    answer = client.get("/cy/audit/people.csv", {"username": "=cmd"})

    body = b"".join(answer.streaming_content).decode()
    lines = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert lines[0][0] == "Pryd"
    assert lines[1][1:3] == ["'=cmd", "'=HYPERLINK(1)"]


def test_a_bad_export_query_is_the_page_with_its_error(client, dpo):
    client.force_login(dpo)

    answer = client.get("/en/audit/cases.csv", {"reference": "nope"})

    assert answer.status_code == 400
    assert answer.context["form"].errors["reference"] == ["There is no case with this reference"]
    assert not Read.objects.exists()


# --- Who may -----------------------------------------------------------------------------


AUDIT_URLS = [
    "/en/audit/cases/",
    "/en/audit/people/",
    "/en/audit/cases.csv?reference=x",
    "/en/audit/people.csv?username=x",
]


@pytest.mark.parametrize("url", AUDIT_URLS)
def test_administrators_and_data_protection_officers_may(client, dpo, administrator, url):
    for user in (dpo, administrator):
        client.force_login(user)
        assert client.get(url).status_code in (200, 400)


@pytest.mark.parametrize("url", AUDIT_URLS)
@pytest.mark.parametrize(
    "role", [Role.ADVISOR, Role.MANAGER, Role.COMPLAINTS_OFFICER, Role.COUNCILLOR, Role.CLERK]
)
def test_nobody_else_may(client, team, role, url):
    client.force_login(UserFactory(role=role, team=team))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", AUDIT_URLS)
def test_visitors_are_sent_to_sign_in(client, url):
    answer = client.get(url)
    assert answer.status_code == 302
    assert "/sign-in/" in answer["Location"]


def test_the_data_protection_officer_reads_no_case(client, dpo, case):
    client.force_login(dpo)

    assert client.get(f"/en/cases/{case.reference}/").status_code == 404
    assert client.get("/en/my-work/").status_code == 403
    assert client.post("/en/search/", {"q": "Ann Jones"}).status_code == 403
    assert client.get("/api/v1/cases/").json()["results"] == []
    assert client.get(f"/api/v1/cases/{case.reference}/").status_code == 404
    assert not Read.objects.exists()


def test_the_data_protection_officer_lands_on_the_audit(client, dpo):
    client.force_login(dpo)

    landing = client.get("/en/")
    page = client.get(CASES)

    assert landing["Location"] == CASES
    assert 'href="/en/audit/cases/"' in page.text  # the service navigation
    assert "Audit of reads" in page.text


def test_an_administrator_finds_who_read_a_case_from_its_page(client, administrator, case):
    client.force_login(administrator)

    page = client.get(f"/en/cases/{case.reference}/")

    assert f'href="/en/audit/cases/?reference={case.reference}"' in page.text
