"""The retention schedule is data: seeded with the specification's defaults, edited by
administrators in Welsh and English, refusing a period of zero or less and a second rule for
the same scope with a translated error, saving nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from dataprotection.models import RetentionRule

pytestmark = pytest.mark.django_db


def test_the_default_schedule_is_seeded():
    rows = {
        (rule.kind, rule.service_id, rule.confidential_only): (rule.months, rule.action)
        for rule in RetentionRule.objects.all()
    }
    assert rows == {
        ("", None, False): (72, "anonymise"),
        ("", None, True): (72, "anonymise"),
        ("complaint", None, False): (72, "anonymise"),
        ("councillor_enquiry", None, False): (72, "anonymise"),
        ("service_request", None, False): (24, "anonymise"),
        ("compliment", None, False): (24, "anonymise"),
        ("feedback", None, False): (24, "anonymise"),
        ("web_content_change", None, False): (12, "anonymise"),
    }
    every = RetentionRule.objects.get(kind="", confidential_only=False)
    assert (every.name_cy, every.name_en) == ("Pob achos", "Every case")
    with translation.override("cy"):
        assert str(every) == "Pob achos"


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "admin:dataprotection_retentionrule_changelist",
        "admin:dataprotection_retentionrule_add",
        "admin:dataprotection_legalhold_changelist",
        "admin:dataprotection_legalhold_add",
    ],
)
def test_the_pages_open_in_both_languages(client, administrator, page, language):
    client.force_login(administrator)
    response = client.get(f"/{language}{reverse(page)[3:]}")
    assert response.status_code == 200


def form(service_, **changes):
    return {
        "name_cy": "Ymholiadau gwastraff",
        "name_en": "Waste enquiries",
        "kind": "enquiry",
        "service": str(service_.pk),
        "months": "18",
        "action": "delete",
        "basis_cy": "Amserlen gadw'r cyngor",
        "basis_en": "The council's retention schedule",
        **changes,
    }


def test_an_administrator_adds_a_rule_in_both_languages(client, administrator, service):
    client.force_login(administrator)
    response = client.post(reverse("admin:dataprotection_retentionrule_add"), form(service))

    assert response.status_code == 302
    made = RetentionRule.objects.get(service=service)
    assert (made.name_cy, made.name_en, made.kind, made.months, made.action) == (
        "Ymholiadau gwastraff",
        "Waste enquiries",
        "enquiry",
        18,
        "delete",
    )


@pytest.mark.parametrize(
    ("language", "changes", "error"),
    [
        ("en", {"months": "0"}, "A retention period must be at least one month."),
        ("en", {"months": "-6"}, "A retention period must be at least one month."),
        ("cy", {"months": "0"}, "Rhaid i gyfnod cadw fod yn un mis o leiaf."),
        ("cy", {"months": "-1"}, "Rhaid i gyfnod cadw fod yn un mis o leiaf."),
        (
            "en",
            {"months": "1201"},
            "A retention period can be at most 1,200 months (100 years).",
        ),
        ("en", {"name_cy": ""}, "This field is required."),
        # The catch-all exists already (seeded): a second one would tie.
        (
            "en",
            {"kind": "", "service": ""},
            "The schedule already has a rule for this case kind, service and confidentiality.",
        ),
        (
            "cy",
            {"kind": "", "service": ""},
            "Mae gan yr amserlen reol eisoes ar gyfer y math hwn o achos, y gwasanaeth hwn "
            "a&#x27;r cyfrinachedd hwn.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    client, administrator, service, language, changes, error
):
    before = RetentionRule.objects.count()
    client.force_login(administrator)
    url = f"/{language}{reverse('admin:dataprotection_retentionrule_add')[3:]}"

    response = client.post(url, form(service, **changes))

    assert response.status_code == 200
    assert error in response.content.decode()
    assert RetentionRule.objects.count() == before
