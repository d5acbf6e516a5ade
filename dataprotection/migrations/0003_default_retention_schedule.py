"""The default retention schedule (SPEC §9: six years after closure for complaints and cases,
shorter where the council sets them). Administrators change it in the admin; these rows are only
a start that a council reviews against its own records retention schedule."""

from django.db import migrations

SIX_YEARS = 72
TWO_YEARS = 24
ONE_YEAR = 12

DEFAULTS = [
    # (kind, confidential only, months, name cy, name en, basis cy, basis en)
    (
        "",
        False,
        SIX_YEARS,
        "Pob achos",
        "Every case",
        "Rhagosodiad y fanyleb: chwe blynedd ar ôl cau'r achos.",
        "The specification's default: six years after the case is closed.",
    ),
    (
        "",
        True,
        SIX_YEARS,
        "Achosion cyfrinachol (gan gynnwys gofal cymdeithasol)",
        "Confidential cases (including social care)",
        "Chwe blynedd ar ôl cau'r achos; gall y cyngor bennu cyfnod hwy ar gyfer cofnodion "
        "gofal cymdeithasol.",
        "Six years after closure; the council may set a longer period for social care records.",
    ),
    (
        "complaint",
        False,
        SIX_YEARS,
        "Cwynion",
        "Complaints",
        "Chwe blynedd ar ôl cau'r gŵyn (Deddf Cyfyngiadau 1980; Ombwdsmon Gwasanaethau "
        "Cyhoeddus Cymru).",
        "Six years after the complaint is closed (Limitation Act 1980; Public Services "
        "Ombudsman for Wales).",
    ),
    (
        "councillor_enquiry",
        False,
        SIX_YEARS,
        "Ymholiadau aelodau",
        "Member enquiries",
        "Chwe blynedd ar ôl cau'r ymholiad.",
        "Six years after the enquiry is closed.",
    ),
    (
        "service_request",
        False,
        TWO_YEARS,
        "Ceisiadau am wasanaeth",
        "Service requests",
        "Dwy flynedd ar ôl cau'r cais: mae'r ystadegau'n aros.",
        "Two years after the request is closed: the statistics stay.",
    ),
    (
        "compliment",
        False,
        TWO_YEARS,
        "Canmoliaeth",
        "Compliments",
        "Dwy flynedd ar ôl cau'r achos.",
        "Two years after the case is closed.",
    ),
    (
        "feedback",
        False,
        TWO_YEARS,
        "Adborth ac awgrymiadau",
        "Feedback and suggestions",
        "Dwy flynedd ar ôl cau'r achos.",
        "Two years after the case is closed.",
    ),
    (
        "web_content_change",
        False,
        ONE_YEAR,
        "Newidiadau i gynnwys y wefan",
        "Web content changes",
        "Blwyddyn ar ôl cau'r achos.",
        "One year after the case is closed.",
    ),
]


def load(apps, schema_editor):
    RetentionRule = apps.get_model("dataprotection", "RetentionRule")
    for kind, confidential_only, months, name_cy, name_en, basis_cy, basis_en in DEFAULTS:
        RetentionRule.objects.get_or_create(
            kind=kind,
            service=None,
            confidential_only=confidential_only,
            defaults={
                "months": months,
                "action": "anonymise",
                "name": name_en,
                "name_cy": name_cy,
                "name_en": name_en,
                "basis": basis_en,
                "basis_cy": basis_cy,
                "basis_en": basis_en,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("dataprotection", "0002_retention_schedule_and_legal_holds")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
