"""Each channel is defined once: the API's serializer, the staff form's questions, the case
page's labels and the sample payload all come from its definition, so adding a field is one
edit in one place."""

from dataclasses import replace

import pytest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from common.errors import ServiceError
from contacts import presenters
from contacts.channel_details import (
    DEFINITIONS,
    SCHEMAS,
    DetailField,
    Kind,
    Question,
    parse_details,
)
from contacts.channel_details.serializers import serializer_for
from contacts.channel_details.staff_form import form_fields, raw_details
from contacts.models import Case
from standards.channels import Channel

CHANNELS = sorted(DEFINITIONS)


def test_every_channel_has_a_definition():
    assert set(DEFINITIONS) == set(Channel.values)


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_field_is_in_the_serializer_the_form_and_the_labels(channel):
    definition = DEFINITIONS[channel]
    asked = {q.name or f.name for f in definition.fields for q in f.asks}

    assert list(SCHEMAS[channel]().fields) == [f.name for f in definition.fields]
    assert list(form_fields(definition)) == [
        q.name or f.name for f in definition.fields for q in f.asks
    ]
    assert asked <= set(form_fields(definition))
    case = Case(channel=channel, channel_details=definition.sample())
    shown = [str(f.label) for f in definition.shown if f.example is not None]
    assert [label for label, _value in presenters.channel_detail_rows(case)] == shown


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_sample_payload_is_valid_and_kept_whole(channel):
    sample = DEFINITIONS[channel].sample()

    details = parse_details(channel, sample)

    assert sample and {key: details.data[key] for key in sample} == sample


@pytest.mark.parametrize("channel", CHANNELS)
def test_every_shown_field_has_a_label_in_both_languages(channel):
    for detail in DEFINITIONS[channel].shown:
        with override("en"):
            english = str(detail.label)
        with override("cy"):
            welsh = str(detail.label)
        assert english and welsh and welsh != english, detail.name


def test_a_field_added_to_a_definition_appears_everywhere(monkeypatch):
    """The one edit: a new ``DetailField`` in the phone channel's definition."""
    extension = DetailField(
        "extension",
        Kind.TEXT,
        label=_("Subject"),  # any translated label
        max_length=10,
        asks=(Question(_("Subject")),),
        example="2201",
    )
    phone = replace(DEFINITIONS[Channel.PHONE], fields=(*DEFINITIONS["phone"].fields, extension))
    monkeypatch.setitem(DEFINITIONS, Channel.PHONE, phone)
    monkeypatch.setitem(SCHEMAS, Channel.PHONE, serializer_for(phone))

    assert "extension" in SCHEMAS[Channel.PHONE]().fields
    assert "extension" in form_fields(phone)
    raw = raw_details(
        phone,
        {"contact_type": "answered", "caller_number": "01824 706000", "extension": "2201"},
    )
    details = parse_details(Channel.PHONE, raw)
    assert details.data["extension"] == "2201"
    case = Case(channel=Channel.PHONE, channel_details=details.data)
    assert ("Subject", "2201") in presenters.channel_detail_rows(case)
    assert phone.sample()["extension"] == "2201"
    with pytest.raises(ServiceError) as refused:
        parse_details(Channel.PHONE, {**raw, "extension": "x" * 11})
    assert "extension" in refused.value.message_dict


def test_the_staff_form_sends_a_question_only_for_its_contact_type():
    visit = DEFINITIONS[Channel.VISIT]
    answers = {
        "contact_type": "officer_visit",
        "appointment_at": None,
        "officer_visit_at": None,
        "expected_wait_minutes": 5,
        "location": "",
    }

    assert raw_details(visit, answers) == {"contact_type": "officer_visit", "location": ""}
