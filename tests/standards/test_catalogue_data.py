"""Checks of the default standards catalogue (standards/data/catalogue_v1.json).

Pure data tests: no Django, so they run with ``-p no:django``.
"""

import json
import re
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parents[2] / "standards" / "data" / "catalogue_v1.json"

KEYS = {
    "code",
    "section",
    "channel",
    "contact_type",
    "case_kind",
    "selectable",
    "position",
    "event_en",
    "event_cy",
    "commitment_en",
    "commitment_cy",
    "behaviours",
    "targets",
}
TARGET_KEYS = {"milestone", "rule", "amount", "description_en", "description_cy"}
SECTIONS = {
    "telephone",
    "in_writing",
    "face_to_face",
    "website",
    "feedback",
    "engagement",
    "councillors",
    "officer_councillor",
    "community_councils",
    "equalities",
}
CHANNELS = {
    "phone",
    "text",
    "email",
    "letter",
    "fax",
    "visit",
    "webform",
    "social",
    "website",
    "councillor",
    "",
}
CASE_KINDS = {
    "",
    "complaint",
    "compliment",
    "feedback",
    "councillor_enquiry",
    "web_content_change",
    "emergency_information",
}
MILESTONES = {
    "acknowledge",
    "respond",
    "callback",
    "seen",
    "arrive",
    "publish",
    "contact",
    "outcome",
    "resolve",
    "welsh_version",
}
RULES_WITH_AMOUNT = {"working_days", "hours", "minutes_after_scheduled"}
RULES_WITHOUT_AMOUNT = {"at_scheduled", "measured"}

# Field lengths of standards.models (event 200, commitment 300, behaviour 400, description 300).
MAX_LENGTHS = {"event": 200, "commitment": 300, "behaviour": 400, "description": 300}

EXPECTED_ORDER = [
    "PHONE_ANSWER",
    "PHONE_CALLBACK",
    "PHONE_VOICEMAIL",
    "TEXT",
    "EMAIL_OFFICER",
    "EMAIL_DEPARTMENT",
    "LETTER",
    "FAX",
    "VISIT_RECEPTION",
    "VISIT_APPOINTMENT",
    "VISIT_OFFICER",
    "VISIT_UNANNOUNCED",
    "WEBSITE_INFORMATION",
    "WEBFORM",
    "WEBSITE_CHANGE",
    "SOCIAL_MEDIA",
    "EMERGENCY_WELSH",
    "COMPLIMENT",
    "FEEDBACK",
    "COMPLAINT",
    "ENGAGEMENT",
    "COUNCILLOR_REPRESENT",
    "COUNCILLOR_LIAISE",
    "COUNCILLOR_DECIDE",
    "COUNCILLOR_VALUES",
    "COUNCILLOR_COMMUNICATE",
    "COUNCILLOR_INVOLVED",
    "COUNCILLOR_PARTICIPATE",
    "COUNCILLOR_INFORM",
    "COUNCILLOR_ENQUIRY",
    "COUNCILLOR_ADVISE",
    "COMMUNITY_COUNCIL",
    "EQUAL_ACCESS",
]

EXPECTED_TARGETS = {
    "PHONE_ANSWER": [],
    "PHONE_CALLBACK": [("callback", "at_scheduled", None)],
    "PHONE_VOICEMAIL": [("acknowledge", "working_days", 1)],
    "TEXT": [("acknowledge", "hours", 24)],
    "EMAIL_OFFICER": [],
    "EMAIL_DEPARTMENT": [("acknowledge", "hours", 24), ("respond", "working_days", 10)],
    "LETTER": [("respond", "working_days", 10)],
    "FAX": [("respond", "working_days", 10)],
    "VISIT_RECEPTION": [("seen", "measured", None)],
    "VISIT_APPOINTMENT": [("seen", "minutes_after_scheduled", 5)],
    "VISIT_OFFICER": [("arrive", "minutes_after_scheduled", 5)],
    "VISIT_UNANNOUNCED": [],
    "WEBSITE_INFORMATION": [],
    "WEBFORM": [("acknowledge", "hours", 24), ("respond", "working_days", 10)],
    # The English and the Welsh page, each 2 working days from the change (docs/adr/0033).
    "WEBSITE_CHANGE": [("publish", "working_days", 2), ("welsh_version", "working_days", 2)],
    "SOCIAL_MEDIA": [("respond", "working_days", 1)],
    # English within the hour; Welsh by the end of the next working day after the English.
    "EMERGENCY_WELSH": [("publish", "hours", 1), ("welsh_version", "working_days", 1)],
    "COMPLIMENT": [],
    "FEEDBACK": [("outcome", "working_days", 20)],
    "COMPLAINT": [("contact", "working_days", 10)],
    "ENGAGEMENT": [],
    "COUNCILLOR_REPRESENT": [],
    "COUNCILLOR_LIAISE": [],
    "COUNCILLOR_DECIDE": [],
    "COUNCILLOR_VALUES": [],
    "COUNCILLOR_COMMUNICATE": [],
    "COUNCILLOR_INVOLVED": [],
    "COUNCILLOR_PARTICIPATE": [],
    "COUNCILLOR_INFORM": [],
    "COUNCILLOR_ENQUIRY": [("respond", "working_days", 10)],
    "COUNCILLOR_ADVISE": [],
    "COMMUNITY_COUNCIL": [],
    "EQUAL_ACCESS": [],
}

EXPECTED_BEHAVIOUR_COUNTS = {
    "PHONE_ANSWER": 2,
    "PHONE_CALLBACK": 5,
    "PHONE_VOICEMAIL": 4,
    "TEXT": 2,
    "EMAIL_OFFICER": 2,
    "EMAIL_DEPARTMENT": 2,
    "LETTER": 2,
    "FAX": 1,
    "VISIT_RECEPTION": 6,
    "VISIT_APPOINTMENT": 5,
    "VISIT_OFFICER": 5,
    "VISIT_UNANNOUNCED": 3,
    "WEBSITE_INFORMATION": 4,
    "WEBFORM": 2,
    "WEBSITE_CHANGE": 2,
    "SOCIAL_MEDIA": 1,
    "EMERGENCY_WELSH": 2,
    "COMPLIMENT": 1,
    "FEEDBACK": 2,
    "COMPLAINT": 3,
    "ENGAGEMENT": 1,
    "COUNCILLOR_REPRESENT": 9,
    "COUNCILLOR_LIAISE": 1,
    "COUNCILLOR_DECIDE": 1,
    "COUNCILLOR_VALUES": 1,
    "COUNCILLOR_COMMUNICATE": 1,
    "COUNCILLOR_INVOLVED": 4,
    "COUNCILLOR_PARTICIPATE": 10,
    "COUNCILLOR_INFORM": 3,
    "COUNCILLOR_ENQUIRY": 4,
    "COUNCILLOR_ADVISE": 2,
    "COMMUNITY_COUNCIL": 3,
    "EQUAL_ACCESS": 1,
}

# (channel, contact_type, case_kind) of the standards new cases are given automatically.
EXPECTED_SELECTION = {
    "PHONE_ANSWER": ("phone", "answered", ""),
    "PHONE_CALLBACK": ("phone", "callback", ""),
    "PHONE_VOICEMAIL": ("phone", "voicemail", ""),
    "TEXT": ("text", "", ""),
    "EMAIL_OFFICER": ("email", "officer", ""),
    "EMAIL_DEPARTMENT": ("email", "department", ""),
    "LETTER": ("letter", "", ""),
    "FAX": ("fax", "", ""),
    "VISIT_RECEPTION": ("visit", "reception", ""),
    "VISIT_APPOINTMENT": ("visit", "appointment", ""),
    "VISIT_OFFICER": ("visit", "officer_visit", ""),
    "VISIT_UNANNOUNCED": ("visit", "unannounced", ""),
    "WEBFORM": ("webform", "", ""),
    "WEBSITE_CHANGE": ("website", "", "web_content_change"),
    "SOCIAL_MEDIA": ("social", "", ""),
    "EMERGENCY_WELSH": ("website", "", "emergency_information"),
    "COMPLIMENT": ("", "", "compliment"),
    "FEEDBACK": ("", "", "feedback"),
    "COMPLAINT": ("", "", "complaint"),
    "COUNCILLOR_ENQUIRY": ("councillor", "", "councillor_enquiry"),
}

# Exact English behaviours, as worded in the source document.
SPOT_CHECKS = {
    "PHONE_ANSWER": ["greeting the caller bilingually in a polite and courteous manner"],
    "PHONE_CALLBACK": [
        "arranging a customer callback if the required staff member is not available",
    ],
    "EMAIL_DEPARTMENT": [
        "making sure an automated or manual bilingual message is sent to the customer within "
        "24 hours",
        "sending a response within 10 working days",
    ],
    "FAX": ["faxing back within 10 working days using the corporate template for faxes"],
    "VISIT_RECEPTION": ["making sure the reception area is accessible, clean and tidy"],
    "VISIT_UNANNOUNCED": [
        "being polite, courteous and efficient",
        "letting them know what will happen next and when",
    ],
    "COMPLAINT": ["making contact within 10 working days"],
    "COUNCILLOR_VALUES": ["demonstrating Pride, Integrity, Respect and Unity in all your work"],
    "COUNCILLOR_PARTICIPATE": [
        "reviewing service provision in the area",
        "using local data to plan improvements within the community",
    ],
    "COUNCILLOR_ENQUIRY": [
        "providing regular updates, explaining who is responsible, what is happening, when, "
        "why and how",
    ],
}

UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$")


@pytest.fixture(scope="module")
def catalogue():
    data = json.loads(CATALOGUE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.fixture(scope="module")
def by_code(catalogue):
    return {s["code"]: s for s in catalogue}


def test_codes_unique_and_upper_snake(catalogue):
    codes = [s["code"] for s in catalogue]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert UPPER_SNAKE.match(code), code
        assert len(code) <= 40, code


def test_standards_in_document_order(catalogue):
    assert [s["code"] for s in catalogue] == EXPECTED_ORDER
    positions = [s["position"] for s in catalogue]
    assert positions == [10 * (i + 1) for i in range(len(catalogue))]


def test_keys_and_allowed_values(catalogue):
    for s in catalogue:
        assert set(s) == KEYS, s["code"]
        assert s["section"] in SECTIONS, s["code"]
        assert s["channel"] in CHANNELS, s["code"]
        assert isinstance(s["contact_type"], str), s["code"]
        assert s["case_kind"] in CASE_KINDS, s["code"]
        assert isinstance(s["selectable"], bool), s["code"]
        assert isinstance(s["position"], int), s["code"]
        assert isinstance(s["behaviours"], list) and s["behaviours"], s["code"]
        for b in s["behaviours"]:
            assert set(b) == {"en", "cy"}, s["code"]
        assert isinstance(s["targets"], list), s["code"]
        for t in s["targets"]:
            assert set(t) == TARGET_KEYS, s["code"]
            assert t["milestone"] in MILESTONES, s["code"]
            if t["rule"] in RULES_WITH_AMOUNT:
                assert isinstance(t["amount"], int) and t["amount"] >= 1, s["code"]
            else:
                assert t["rule"] in RULES_WITHOUT_AMOUNT, s["code"]
                assert t["amount"] is None, s["code"]
        milestones = [t["milestone"] for t in s["targets"]]
        assert len(milestones) == len(set(milestones)), s["code"]


def _bilingual_pairs(s):
    yield "event", s["event_en"], s["event_cy"]
    yield "commitment", s["commitment_en"], s["commitment_cy"]
    for b in s["behaviours"]:
        yield "behaviour", b["en"], b["cy"]
    for t in s["targets"]:
        yield "description", t["description_en"], t["description_cy"]


def test_texts_present_in_both_languages(catalogue):
    for s in catalogue:
        for kind, en, cy in _bilingual_pairs(s):
            assert isinstance(en, str) and en.strip() == en and en, (s["code"], kind, en)
            assert isinstance(cy, str) and cy.strip() == cy and cy, (s["code"], kind, cy)
            assert en != cy, (s["code"], kind, en)
            assert len(en) <= MAX_LENGTHS[kind], (s["code"], kind, en)
            assert len(cy) <= MAX_LENGTHS[kind], (s["code"], kind, cy)
            assert "  " not in en and "  " not in cy, (s["code"], kind)


def test_council_not_named(catalogue):
    for s in catalogue:
        for _kind, en, cy in _bilingual_pairs(s):
            for text in (en, cy):
                assert "Denbigh" not in text and "Sir Ddinbych" not in text, text
                assert "DCC" not in text, text


def test_behaviours_start_with_verb_form(catalogue):
    for s in catalogue:
        for b in s["behaviours"]:
            first_words = b["en"].split()[:2]
            assert any(w.endswith("ing") for w in first_words), (s["code"], b["en"])
            assert b["en"][0].islower() and b["cy"][0].islower(), (s["code"], b["en"])


def test_targets(by_code):
    assert set(by_code) == set(EXPECTED_TARGETS)
    for code, expected in EXPECTED_TARGETS.items():
        actual = [(t["milestone"], t["rule"], t["amount"]) for t in by_code[code]["targets"]]
        assert actual == expected, code


def test_behaviour_counts(by_code):
    assert set(by_code) == set(EXPECTED_BEHAVIOUR_COUNTS)
    for code, count in EXPECTED_BEHAVIOUR_COUNTS.items():
        assert len(by_code[code]["behaviours"]) == count, code
    assert sum(EXPECTED_BEHAVIOUR_COUNTS.values()) == 97


def test_selection(catalogue, by_code):
    selectable = {s["code"] for s in catalogue if s["selectable"]}
    assert selectable == set(EXPECTED_SELECTION)
    keys = [(s["channel"], s["contact_type"], s["case_kind"]) for s in catalogue if s["selectable"]]
    assert len(keys) == len(set(keys))
    for code, key in EXPECTED_SELECTION.items():
        s = by_code[code]
        assert (s["channel"], s["contact_type"], s["case_kind"]) == key, code


def test_sections_and_channels_of_non_selectable(by_code):
    for code in EXPECTED_ORDER:
        if code.startswith("COUNCILLOR_"):
            assert by_code[code]["channel"] == "councillor", code
    for code in ("COUNCILLOR_REPRESENT", "COUNCILLOR_PARTICIPATE"):
        assert by_code[code]["section"] == "councillors"
    for code in ("COUNCILLOR_INFORM", "COUNCILLOR_ENQUIRY", "COUNCILLOR_ADVISE"):
        assert by_code[code]["section"] == "officer_councillor"
    assert by_code["WEBSITE_INFORMATION"]["channel"] == "website"
    assert by_code["EMERGENCY_WELSH"]["channel"] == "website"
    assert by_code["COMMUNITY_COUNCIL"]["section"] == "community_councils"
    assert by_code["EQUAL_ACCESS"]["section"] == "equalities"
    assert by_code["ENGAGEMENT"]["section"] == "engagement"


def test_spot_check_behaviours(by_code):
    for code, texts in SPOT_CHECKS.items():
        behaviours = [b["en"] for b in by_code[code]["behaviours"]]
        for text in texts:
            assert text in behaviours, (code, text)


def test_merged_standards_keep_all_behaviours_in_order(by_code):
    visit = [b["en"] for b in by_code["VISIT_OFFICER"]["behaviours"]]
    assert visit[0] == "making an appointment in advance wherever possible"
    assert visit[-1] == "letting them know what will happen next and when"
    represent = [b["en"] for b in by_code["COUNCILLOR_REPRESENT"]["behaviours"]]
    assert represent[4].startswith("logging enquiries on the Customer Relationship Management")
    assert represent[0].startswith("bringing their views into the council")
    assert represent[-1].startswith("reporting back about discussions / decisions")


def test_welsh_uses_working_day_wording(by_code):
    for code in ("EMAIL_DEPARTMENT", "WEBFORM", "LETTER", "FAX", "COMPLAINT"):
        texts = [t["description_cy"] for t in by_code[code]["targets"]]
        assert any("o fewn 10 diwrnod gwaith" in t for t in texts), code
    assert "o fewn 2 ddiwrnod gwaith" in by_code["WEBSITE_CHANGE"]["targets"][0]["description_cy"]
