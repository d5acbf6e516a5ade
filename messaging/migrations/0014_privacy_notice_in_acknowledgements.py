"""Every acknowledgement links to the privacy notice (issue 17, UK GDPR articles 13 and 14:
people are told how their information is used when it is collected).

Unlike a wording improvement, the link is owed on every acknowledgement, so templates an
administrator has edited gain it too: in an e-mail or a letter, a paragraph before the Welsh
welcome (or at the end when they dropped it); in a text, a short line at the end. A template
that already says ``{{ privacy_url }}`` is left alone, so the migration can run again.
"""

from django.db import migrations

PLACEHOLDER = "privacy_url"
MARK = "{{ welsh_welcome }}"
PARAGRAPH = {
    "cy": (
        "Mae ein hysbysiad preifatrwydd yn esbonio sut rydym yn defnyddio eich gwybodaeth, am "
        "ba hyd rydym yn ei chadw a sut i ofyn am gopi ohoni: {{ privacy_url }}\n\n"
    ),
    "en": (
        "Our privacy notice explains how we use your information, how long we keep it and how "
        "to ask for a copy: {{ privacy_url }}\n\n"
    ),
}
# Within the GSM alphabet, so that it does not turn a text into a dearer Unicode one.
SHORT = {"cy": " Preifatrwydd: {{ privacy_url }}", "en": " Privacy: {{ privacy_url }}"}


def _with_link(body: str, method: str, code: str) -> str:
    if PLACEHOLDER in body:
        return body
    if method == "sms":
        return body.rstrip() + SHORT[code]
    if MARK in body:
        return body.replace(MARK, PARAGRAPH[code] + MARK, 1)
    return body.rstrip() + "\n\n" + PARAGRAPH[code].rstrip()


def add_link(apps, schema_editor):
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    for template in MessageTemplate.objects.filter(purpose="acknowledgement"):
        template.body_cy = _with_link(template.body_cy or "", template.method, "cy")
        template.body_en = _with_link(template.body_en or "", template.method, "en")
        template.body = template.body_en
        template.save(update_fields=["body", "body_cy", "body_en"])


def remove_link(apps, schema_editor):
    MessageTemplate = apps.get_model("messaging", "MessageTemplate")
    for template in MessageTemplate.objects.filter(purpose="acknowledgement"):
        for code in ("cy", "en"):
            body = getattr(template, f"body_{code}") or ""
            for added in (SHORT[code], PARAGRAPH[code], "\n\n" + PARAGRAPH[code].rstrip()):
                body = body.replace(added, "")
            setattr(template, f"body_{code}", body)
        template.body = template.body_en
        template.save(update_fields=["body", "body_cy", "body_en"])


class Migration(migrations.Migration):
    dependencies = [("messaging", "0013_appointment_notice_wording")]

    operations = [migrations.RunPython(add_link, remove_link)]
