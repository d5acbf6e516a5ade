"""A consultation to test with: a scale, a single choice, a multiple choice and a free text."""

from collections.abc import Sequence
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import Role, User
from consultations.models import Choice, Consultation, Question, QuestionKind
from councillors.models import Ward
from tests.factories import UserFactory


def officer(**fields) -> User:
    user: User = UserFactory(role=Role.MANAGER, **fields)  # type: ignore[assignment]
    return user


def consultation(
    *,
    opens_on: date | None = None,
    closes_on: date | None = None,
    published: bool = True,
    one_per_person: bool = False,
    wards: Sequence[Ward] = (),
) -> Consultation:
    today = timezone.localdate()
    made = Consultation.objects.create(
        title_en="Bin collections",
        title_cy="Casgliadau biniau",
        why_en="The contract ends.",
        why_cy="Mae'r contract yn dod i ben.",
        proposal_en="Collect every three weeks.",
        proposal_cy="Casglu bob tair wythnos.",
        opens_on=opens_on or today - timedelta(days=1),
        closes_on=closes_on or today + timedelta(days=10),
        one_per_person=one_per_person,
        alternatives=["paper", "bsl"],
        published_at=timezone.now() if published else None,
    )
    made.wards.set(wards)
    Question.objects.create(
        consultation=made,
        position=0,
        kind=QuestionKind.SCALE,
        required=True,
        text_en="How much do you agree?",
        text_cy="I ba raddau ydych chi'n cytuno?",
        scale_min=1,
        scale_max=5,
        scale_min_label_en="Not at all",
        scale_max_label_en="Fully",
    )
    single = Question.objects.create(
        consultation=made,
        position=1,
        kind=QuestionKind.SINGLE,
        text_en="Which day?",
        text_cy="Pa ddiwrnod?",
    )
    multiple = Question.objects.create(
        consultation=made,
        position=2,
        kind=QuestionKind.MULTIPLE,
        text_en="What do you recycle?",
        text_cy="Beth ydych chi'n ei ailgylchu?",
    )
    Question.objects.create(
        consultation=made,
        position=3,
        kind=QuestionKind.TEXT,
        text_en="Anything else?",
        text_cy="Unrhyw beth arall?",
    )
    for i, (en, cy) in enumerate((("Monday", "Dydd Llun"), ("Friday", "Dydd Gwener"))):
        Choice.objects.create(question=single, position=i, text_en=en, text_cy=cy)
    for i, (en, cy) in enumerate((("Paper", "Papur"), ("Glass", "Gwydr"), ("Food", "Bwyd"))):
        Choice.objects.create(question=multiple, position=i, text_en=en, text_cy=cy)
    return made


def questions(made: Consultation) -> dict[str, Question]:
    return {q.kind: q for q in made.questions.all()}


def answers_post(made: Consultation, *, scale="4", single=0, multiple=(0, 2), text="Fine") -> dict:
    q = questions(made)
    single_choices = list(q["single"].choices.all())
    multiple_choices = list(q["multiple"].choices.all())
    data = {
        q["scale"].field_name: scale,
        q["text"].field_name: text,
        q["multiple"].field_name: [str(multiple_choices[i].pk) for i in multiple],
    }
    if single is not None:
        data[q["single"].field_name] = str(single_choices[single].pk)
    return data
