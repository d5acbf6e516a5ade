"""The export's zip (docs/adr/0031): ``letter.pdf`` (the covering letter), ``records.json``
(every record found, machine-readable, by group) and ``files/`` (the attachments and the
printed letters on the requester's cases)."""

import io
import json
import zipfile
from collections.abc import Iterable
from datetime import datetime

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model

from contacts.models import Case

from ..domain.third_parties import Finding, Text, third_parties
from ..selectors import PersonRecords
from .letter import GROUPS, covering_letter_pdf


def _rows(objects: Iterable[Model]) -> list[dict]:
    return [
        {"model": row["model"], "id": row["pk"], **row["fields"]}
        for row in serializers.serialize("python", list(objects))
    ]


def records_json(records: PersonRecords) -> bytes:
    data = {name: _rows(getattr(records, name)) for name, _label in GROUPS if name != "letters"}
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode("utf-8")


def _files(records: PersonRecords) -> Iterable[tuple[str, Model, str]]:
    references: dict[int | None, str] = {case.pk: case.reference for case in records.cases}
    for attachment in records.attachments:
        name = f"files/{references[attachment.case_id]}/{attachment.pk}-{attachment.filename}"
        yield name, attachment, "file"
    for letter in records.letters:
        if letter.document:
            yield f"files/{references[letter.case_id]}/letter-{letter.pk}.pdf", letter, "document"


#: Which text of a record a finding is in: the keys ``FIELDS`` in views words.
CASE_TEXT, NOTE, MESSAGE, ON_BEHALF_OF = "case", "note", "message", "on_behalf_of"


def _texts(records: PersonRecords) -> tuple[list[Text], list[Text]]:
    """The free texts to look for other people's details in, and the names given for others."""
    references: dict[int | None, str] = {case.pk: case.reference for case in records.cases}
    texts = [
        Text(case.reference, f"{case.summary}\n{case.description}", CASE_TEXT)
        for case in records.cases
    ]
    texts += [Text(references[e.case_id], e.text, NOTE) for e in records.events if e.text]
    texts += [
        Text(references[m.case_id], f"{m.subject}\n{m.body}", MESSAGE) for m in records.messages
    ]
    named = [Text(references[c.case_id], c.on_behalf_of, ON_BEHALF_OF) for c in records.complaints]
    return texts, named


def third_party_findings(records: PersonRecords) -> list[Finding]:
    texts, named = _texts(records)
    return third_parties(
        texts,
        own_emails=[customer.email for customer in records.customers],
        own_phones=[customer.phone for customer in records.customers],
        named=named,
    )


def archive_bytes(*, case: Case, records: PersonRecords, dated: datetime) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("letter.pdf", covering_letter_pdf(case=case, records=records, dated=dated))
        archive.writestr("records.json", records_json(records))
        for name, owner, field in _files(records):
            stored = getattr(owner, field)
            with stored.open("rb") as handle:
                archive.writestr(name, handle.read())
    return buffer.getvalue()
