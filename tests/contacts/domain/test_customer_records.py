"""The rules of one customer record, with hand-worked values (no database)."""

import pytest

from contacts.domain.customer_records import (
    EDITABLE_FIELDS,
    EMAIL,
    MERGE_GROUPS,
    NAME_AND_POSTCODE,
    PHONE,
    Change,
    change_of,
    changed_fields,
    differing_groups,
    duplicate_reasons,
    merge_of,
    phone_key,
    postcode_key,
    suggested_groups,
    unknown_groups,
)

GWEN = {
    "name": "Gwenllian Parry",
    "email": "gwen@example.com",
    "phone": "01234 560101",
    "address": "3 Heol y Bryn, Llanfair",
    "postcode": "LL99 1AB",
    "preferred_language": "cy",
    "preferred_contact_method": "email",
    "large_print": False,
    "bsl": False,
    "interpreter_language": "",
    "other_needs": "",
}


# --- Edits ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "fields"),
    [
        ({}, ()),
        (dict(GWEN), ()),
        ({"name": "Gwenllian Parry"}, ()),
        ({"name": "Gwen Parry"}, ("name",)),
        # Page order, whatever order the edit came in.
        (
            {"large_print": True, "preferred_contact_method": "letter"},
            ("preferred_contact_method", "large_print"),
        ),
        ({"postcode": "LL99 1AC", "address": "4 Heol y Bryn"}, ("address", "postcode")),
        # A field that is not the customer's own is not an edit of it.
        ({"id": 7, "modified_at": "now"}, ()),
        ({"email": "GWEN@example.com"}, ("email",)),
        ({"other_needs": "Step-free access"}, ("other_needs",)),
    ],
)
def test_changed_fields_are_those_whose_value_differs_in_page_order(after, fields):
    assert changed_fields(GWEN, after) == fields


def test_nothing_changed_records_nothing():
    assert change_of(GWEN, {"name": "Gwenllian Parry", "bsl": False}) is None


def test_the_history_keeps_new_values_only_of_the_ways_to_reach_the_person():
    change = change_of(
        GWEN,
        {
            "phone": "07700 900123",
            "address": "Flat 1",
            "preferred_language": "en",
            "preferred_contact_method": "letter",
            "large_print": True,
            "bsl": True,
            "interpreter_language": "Polish",
            "other_needs": "Hearing loop",
        },
    )

    assert change == Change(
        fields=(
            "phone",
            "address",
            "preferred_language",
            "preferred_contact_method",
            "large_print",
            "bsl",
            "interpreter_language",
            "other_needs",
        ),
        values={
            "preferred_language": "en",
            "preferred_contact_method": "letter",
            "large_print": True,
            "bsl": True,
        },
    )
    assert change.payload() == {
        "fields": list(change.fields),
        "values": {
            "preferred_language": "en",
            "preferred_contact_method": "letter",
            "large_print": True,
            "bsl": True,
        },
    }


def test_a_change_of_personal_details_alone_names_the_fields_and_keeps_no_value():
    change = change_of(GWEN, {"name": "Gwen Parry", "email": "g.parry@example.com"})

    assert change == Change(fields=("name", "email"), values={})


def test_every_editable_field_is_in_exactly_one_merge_group():
    grouped = [name for names in MERGE_GROUPS.values() for name in names]

    assert sorted(grouped) == sorted(EDITABLE_FIELDS)


# --- Merges --------------------------------------------------------------------------------

DUPLICATE = {
    **GWEN,
    "name": "Gwenllian  Parry",
    "email": "GWEN@example.com",
    "phone": "",
    "address": "3 Heol y Bryn",
    "postcode": "LL99 1AB",
    "preferred_contact_method": "",
    "large_print": True,
    "interpreter_language": "",
    "other_needs": "Step-free access",
}


def test_differing_groups_are_those_the_records_disagree_on_in_page_order():
    assert differing_groups(GWEN, DUPLICATE) == (
        "name",
        "email",
        "phone",
        "address",
        "preferred_contact_method",
        "large_print",
        "other_needs",
    )
    assert differing_groups(GWEN, dict(GWEN)) == ()


def test_an_address_differs_when_either_its_lines_or_its_postcode_do():
    assert differing_groups(GWEN, {**GWEN, "postcode": "LL99 1AC"}) == ("address",)


def test_the_suggestion_fills_what_the_kept_record_lacks_and_nothing_else():
    # The kept record has no large print and no other needs; the duplicate has both. It has a
    # phone number and a contact method the duplicate lacks: those stay.
    assert suggested_groups(GWEN, DUPLICATE) == {"large_print", "other_needs"}
    # The other way round: the duplicate kept, Gwen's phone and method fill its blanks.
    assert suggested_groups(DUPLICATE, GWEN) == {"phone", "preferred_contact_method"}


def test_merging_takes_the_chosen_groups_from_the_merged_record_and_the_rest_from_the_kept():
    merge = merge_of(GWEN, DUPLICATE, take={"address", "large_print", "other_needs"})

    assert merge.values == {
        **GWEN,
        "address": "3 Heol y Bryn",
        "postcode": "LL99 1AB",
        "large_print": True,
        "other_needs": "Step-free access",
    }
    assert merge.from_merged == ("address", "postcode", "large_print", "other_needs")
    # The postcode was the same: only the address line differed, but the group moves whole.
    assert merge.from_kept == ("name", "email", "phone", "preferred_contact_method")
    assert merge.changed(GWEN) == ("address", "large_print", "other_needs")


def test_merging_with_nothing_taken_keeps_the_kept_record_as_it_was():
    merge = merge_of(GWEN, DUPLICATE, take=())

    assert merge.values == GWEN
    assert merge.from_merged == ()
    assert merge.changed(GWEN) == ()


def test_taking_a_group_both_records_agree_on_names_nothing_as_moved():
    merge = merge_of(GWEN, DUPLICATE, take={"preferred_language", "bsl"})

    assert merge.from_merged == ()
    assert merge.values == GWEN


def test_merging_refuses_a_group_it_does_not_know():
    assert unknown_groups({"name", "postcode", "id"}) == {"postcode", "id"}
    with pytest.raises(ValueError, match="postcode"):
        merge_of(GWEN, DUPLICATE, take={"postcode"})


# --- Possible duplicates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phone", "key"),
    [
        ("01234 560101", "01234560101"),
        ("(01234) 560-101", "01234560101"),
        ("+44 1234 560.101", "441234560101"),
        ("", ""),
    ],
)
def test_a_phone_number_is_compared_by_its_digits(phone, key):
    assert phone_key(phone) == key


@pytest.mark.parametrize(
    ("postcode", "key"),
    [("ll99 1ab", "LL991AB"), ("LL991AB", "LL991AB"), (" LL99  1AB ", "LL991AB")],
)
def test_a_postcode_is_compared_in_capitals_without_spaces(postcode, key):
    assert postcode_key(postcode) == key


@pytest.mark.parametrize(
    ("first", "second", "reasons"),
    [
        # The same e-mail address, whatever its capitals.
        ({"email": "Gwen@Example.com"}, {"email": "gwen@example.com"}, (EMAIL,)),
        # No address is not the same address.
        ({"email": ""}, {"email": ""}, ()),
        # The same digits, however they were written.
        ({"phone": "01234 560101"}, {"phone": "(01234) 560-101"}, (PHONE,)),
        # Too few digits to mean anything.
        ({"phone": "12345"}, {"phone": "1-2-3-4-5"}, ()),
        ({"phone": "123456"}, {"phone": "123 456"}, (PHONE,)),
        # The same name at the same postcode.
        (
            {"name": "Gwenllian Parry", "postcode": "LL99 1AB"},
            {"name": "GWENLLIAN PARRY ", "postcode": "ll991ab"},
            (NAME_AND_POSTCODE,),
        ),
        # The same name elsewhere is someone else.
        (
            {"name": "John Davies", "postcode": "LL99 1AB"},
            {"name": "John Davies", "postcode": "LL99 1AD"},
            (),
        ),
        # The same name and no postcode on either: not enough.
        ({"name": "John Davies", "postcode": ""}, {"name": "John Davies", "postcode": ""}, ()),
        # Everything at once, strongest first.
        (
            GWEN,
            {**GWEN, "email": "GWEN@EXAMPLE.COM", "phone": "01234560101"},
            (EMAIL, PHONE, NAME_AND_POSTCODE),
        ),
        (GWEN, DUPLICATE, (EMAIL,)),
    ],
)
def test_two_records_may_be_one_person_for_these_reasons(first, second, reasons):
    assert duplicate_reasons(first, second) == reasons
    assert duplicate_reasons(second, first) == reasons
