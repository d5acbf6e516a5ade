"""The consultations of the matrix's world (docs/adr/0034): one open, published, asking one
response per person, with a free-text question and a response waiting for its e-mail check;
one closed with its outcome published. The manager (not the manager named in the complaint)
runs consultations: the permission is given to them alone."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from accounts.models import User
from consultations.models import Consultation, Question, QuestionKind, Response, Way
from councillors.models import Ward


@dataclass(frozen=True)
class ConsultationsWorld:
    open: Consultation
    question: Question
    closed: Consultation
    token: str


def _consultation(title: str, ward: Ward, **fields) -> Consultation:
    made = Consultation.objects.create(
        title_en=title,
        title_cy=title,
        why_en="Why",
        why_cy="Pam",
        proposal_en="Proposal",
        proposal_cy="Cynnig",
        published_at=timezone.now(),
        **fields,
    )
    made.wards.add(ward)
    return made


def build_consultations(users: dict[str, User], ward: Ward) -> ConsultationsWorld:
    today = timezone.localdate()
    now = timezone.now()
    opened = _consultation(
        "Bin collections",
        ward,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=20),
        one_per_person=True,
    )
    question = Question.objects.create(
        consultation=opened, kind=QuestionKind.TEXT, text_en="Anything else?", text_cy="Arall?"
    )
    token = "matrix-consultation-check-link-0123456789"
    Response.objects.create(
        consultation=opened,
        token=token,
        person_digest="0" * 64,
        language="en",
        way=Way.ONLINE,
        submitted_at=now,
    )
    closed = _consultation(
        "Library hours",
        ward,
        opens_on=today - timedelta(days=40),
        closes_on=today - timedelta(days=10),
        what_we_asked_en="Asked",
        what_we_asked_cy="Gofyn",
        what_we_found_en="Found",
        what_we_found_cy="Canfod",
        what_difference_en="Difference",
        what_difference_cy="Gwahaniaeth",
        outcome_published_at=now,
    )
    return ConsultationsWorld(open=opened, question=question, closed=closed, token=token)
