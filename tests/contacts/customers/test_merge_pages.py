"""The possible duplicates list and the merge page through the test client: front-line staff and
administrators only; a merge moves every case and lands on the kept record; merging a record
into itself, or one that is gone, answers a translated error and changes nothing."""

import html
import re

import pytest

from accounts.models import Role
from contacts.domain.customer_records import MERGE_GROUPS
from contacts.models import Case, Customer, CustomerEvent
from tests.factories import UserFactory, make_case

pytestmark = pytest.mark.django_db

DUPLICATES = "/en/customers/duplicates/"


def merge_url(first, second, language: str = "en") -> str:
    first_id = first if isinstance(first, int) else first.pk
    second_id = second if isinstance(second, int) else second.pk
    return f"/{language}/customers/{first_id}/merge/{second_id}/"


def words(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.text)).split())


def keeping(record, **exceptions) -> dict[str, object]:
    """The merge form's answers: keep ``record`` and every detail of it, but ``exceptions``
    (group name: the record to take it from)."""
    answers = {"keep": record.pk} | {f"from_{group}": record.pk for group in MERGE_GROUPS}
    return answers | {f"from_{group}": other.pk for group, other in exceptions.items()}


@pytest.fixture
def twin(world):
    """Gwen again, with a case of her own and large print."""
    twin = Customer.objects.create(
        name="Gwen Parry", email="GWEN@example.com", large_print=True, postcode="LL99 1AB"
    )
    make_case(service=world.highways_open.service, customer=twin)
    return twin


def test_the_list_shows_each_possible_pair_with_why_and_a_link_to_compare(client, world, twin):
    client.force_login(world.front_line)

    response = client.get(DUPLICATES)

    assert response.status_code == 200
    assert "Same e-mail address" in words(response)
    assert f'href="{merge_url(world.gwen, twin)}"' in response.text


def test_the_list_speaks_welsh(client, world, twin):
    client.force_login(world.front_line)

    response = client.get("/cy/customers/duplicates/")

    assert "Yr un cyfeiriad e-bost" in words(response)
    assert "Cymharu a chyfuno" in words(response)


def test_the_merge_page_shows_both_records_and_asks_only_about_what_differs(client, world, twin):
    client.force_login(world.front_line)

    response = client.get(merge_url(world.gwen, twin))

    assert response.status_code == 200
    page = words(response)
    assert f"Record {world.gwen.pk}" in page and f"Record {twin.pk}" in page
    names = set(re.findall(r'name="(from_\w+)"', response.text))
    assert names == {
        "from_name",
        "from_email",
        "from_phone",
        "from_address",
        "from_preferred_language",
        "from_preferred_contact_method",
        "from_large_print",
    }
    # A detail only one record has is kept by default: the twin's large print.
    assert re.search(
        rf'name="from_large_print" type="radio" value="{twin.pk}" checked', response.text
    )


def test_merging_moves_the_cases_and_lands_on_the_kept_record(client, world, twin):
    client.force_login(world.front_line)

    response = client.post(merge_url(world.gwen, twin), keeping(world.gwen, large_print=twin))

    assert response.status_code == 302
    assert response["Location"] == f"/en/customers/{world.gwen.pk}/"
    assert not Customer.objects.filter(pk=twin.pk).exists()
    assert Case.objects.filter(customer=world.gwen).count() == 5
    gwen = Customer.objects.get(pk=world.gwen.pk)
    assert (gwen.email, gwen.large_print) == ("gwen@example.com", True)
    page = words(client.get(response["Location"]))
    assert "Records merged. Every case is now on this record." in page
    assert f"Record {twin.pk} merged into this one; its cases are on this record now." in page
    assert "Taken from the merged record: Large print" in page


def test_the_other_record_may_be_the_one_kept(client, world, twin):
    client.force_login(world.front_line)

    response = client.post(
        merge_url(world.gwen, twin),
        keeping(
            twin,
            preferred_language=world.gwen,
            preferred_contact_method=world.gwen,
            large_print=world.gwen,
        ),
    )

    assert response["Location"] == f"/en/customers/{twin.pk}/"
    twin.refresh_from_db()
    assert (twin.name, twin.phone, twin.preferred_contact_method, twin.large_print) == (
        "Gwen Parry",
        "",
        "email",
        False,
    )
    assert Case.objects.filter(customer=twin).count() == 5


@pytest.mark.parametrize("language", ["en", "cy"])
def test_merging_a_record_into_itself_is_refused_in_words_and_changes_nothing(
    client, world, language
):
    client.force_login(world.front_line)
    message = {
        "en": "A customer record cannot be merged into itself.",
        "cy": "Ni ellir cyfuno cofnod cwsmer ag ef ei hun.",
    }[language]

    shown = client.get(merge_url(world.gwen, world.gwen, language))
    posted = client.post(merge_url(world.gwen, world.gwen, language), {"keep": world.gwen.pk})

    for response in (shown, posted):
        assert response.status_code == 400
        assert message in words(response)
    assert Customer.objects.filter(pk=world.gwen.pk).exists()
    assert not CustomerEvent.objects.exists()


def test_merging_a_record_that_is_gone_is_refused_in_words_and_changes_nothing(client, world, twin):
    client.force_login(world.front_line)
    gone = twin.pk + 1000

    assert client.get(merge_url(world.gwen, gone)).status_code == 404
    response = client.post(merge_url(world.gwen, gone), {"keep": world.gwen.pk})

    assert response.status_code == 400
    assert (
        "One of these customer records no longer exists: it may have been merged already. "
        "Nothing was changed." in words(response)
    )
    assert Customer.objects.count() == 2
    assert not CustomerEvent.objects.exists()


def test_a_record_merged_away_between_showing_and_posting_is_refused(client, world, twin):
    """Two officers on the same pair: the second one's page still names the record the first
    merged away."""
    client.force_login(world.front_line)
    client.post(merge_url(world.gwen, twin), keeping(world.gwen))
    assert not Customer.objects.filter(pk=twin.pk).exists()

    again = client.post(merge_url(twin, world.gwen), {"keep": twin.pk})

    assert again.status_code == 400
    assert "no longer exists" in words(again)
    assert Customer.objects.filter(pk=world.gwen.pk).exists()


def test_a_choice_not_offered_is_refused_and_changes_nothing(client, world, twin):
    client.force_login(world.front_line)

    response = client.post(merge_url(world.gwen, twin), {"keep": "12345", "from_name": "x"})

    assert response.status_code == 400
    assert "Select the record to keep" in words(response)
    assert Customer.objects.count() == 2


@pytest.mark.parametrize("who", ["advisor", "highways_advisor", "complaints_officer"])
def test_staff_who_are_not_front_line_may_not_see_duplicates_or_merge(client, world, twin, who):
    client.force_login(getattr(world, who))

    assert client.get(DUPLICATES).status_code == 403
    assert client.get(merge_url(world.gwen, twin)).status_code == 403
    assert client.post(merge_url(world.gwen, twin), {"keep": world.gwen.pk}).status_code == 403
    assert Customer.objects.count() == 2


@pytest.mark.parametrize("role", [Role.COUNCILLOR, Role.CLERK])
def test_members_may_not_merge(client, world, twin, role):
    client.force_login(UserFactory(role=role, team=None))

    assert client.get(DUPLICATES).status_code == 403
    assert client.post(merge_url(world.gwen, twin), {"keep": world.gwen.pk}).status_code == 403


def test_an_administrator_may_merge(client, world, twin, administrator):
    client.force_login(administrator)

    response = client.post(merge_url(world.gwen, twin), keeping(world.gwen))

    assert response.status_code == 302


def test_the_merge_in_the_history_tells_no_one_of_cases_they_may_not_see(client, world, twin):
    """The merged record's complaint moves too; an advisor reading the kept record learns
    nothing of it, not even a count."""
    complaint = make_case(service=world.waste_open.service, customer=twin, kind="complaint")
    client.force_login(world.front_line)
    client.post(merge_url(world.gwen, twin), keeping(world.gwen))
    assert Case.objects.get(pk=complaint.pk).customer_id == world.gwen.pk

    client.force_login(world.advisor)
    page = words(client.get(f"/en/customers/{world.gwen.pk}/"))

    assert complaint.reference not in page
    assert "its cases are on this record now" in page
    assert not re.search(r"\d+ cases? moved", page)
