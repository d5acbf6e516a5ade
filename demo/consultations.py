"""Demo data for consultations (docs/adr/0034): one open consultation about bin collections in
two wards, with its questions and a few dozen responses (online and on paper), and one closed
consultation about library hours whose outcome is published and linked from "You said, we
did". The customer services manager runs consultations. Idempotent: each consultation is
made once, by its English title."""

from datetime import datetime, timedelta

from django.utils import timezone

from accounts.models import User
from consultations.domain.answers import Checked
from consultations.models import Choice, Consultation, Question, QuestionKind, Response, Theme, Way
from consultations.services.responses import response_enter
from councillors.models import Ward

TEXTS = {
    "title": ("Casgliadau biniau bob tair wythnos", "Three-weekly bin collections"),
    "why": (
        "Mae cost casglu gwastraff wedi codi, ac rydym am ailgylchu mwy.",
        "The cost of collecting waste has risen, and we want to recycle more.",
    ),
    "proposal": (
        "Casglu biniau gwastraff cyffredinol bob tair wythnos, a bwyd bob wythnos.",
        "Collect general waste bins every three weeks, and food waste every week.",
    ),
    "groups": ("Aelwydydd, yn enwedig teuluoedd mawr.", "Households, especially large families."),
    "how_to_ask": (
        "Ffoniwch 01234 567000 am ffurflen bapur, print bras neu hawdd ei deall, neu i "
        "drefnu sgwrs yn Iaith Arwyddion Prydain.",
        "Phone 01234 567000 for a paper, large-print or easy-read form, or to arrange a "
        "conversation in British Sign Language.",
    ),
}

CLOSED = {
    "title": ("Oriau agor llyfrgelloedd", "Library opening hours"),
    "why": (
        "Mae llai o bobl yn defnyddio'r llyfrgell ar fore Llun.",
        "Fewer people use the library on Monday mornings.",
    ),
    "proposal": (
        "Agor yn hwyrach ar ddydd Llun ac ar agor tan 19:00 ar ddydd Iau.",
        "Open later on Mondays and stay open until 19:00 on Thursdays.",
    ),
    "what_we_asked": (
        "Gofynnwyd a fyddai oriau hwyrach ar ddydd Iau yn eich helpu.",
        "We asked whether later hours on Thursdays would help you.",
    ),
    "what_we_found": (
        "Dywedodd 7 o bob 10 a ymatebodd y byddent yn defnyddio'r llyfrgell ar nos Iau.",
        "7 in 10 of those who responded said they would use the library on Thursday evenings.",
    ),
    "what_difference": (
        "O fis Ionawr bydd y llyfrgell ar agor tan 19:00 ar ddydd Iau.",
        "From January the library will stay open until 19:00 on Thursdays.",
    ),
}


def _texts(texts: dict[str, tuple[str, str]]) -> dict[str, str]:
    return {
        f"{f}_{code}": pair[i] for f, pair in texts.items() for i, code in enumerate(("cy", "en"))
    }


def _question(
    consultation: Consultation, position: int, kind: str, cy: str, en: str, **more
) -> Question:
    return Question.objects.create(
        consultation=consultation, position=position, kind=kind, text_cy=cy, text_en=en, **more
    )


def _choices(question: Question, pairs: list[tuple[str, str]]) -> list[Choice]:
    return [
        Choice.objects.create(question=question, position=i, text_cy=cy, text_en=en)
        for i, (cy, en) in enumerate(pairs)
    ]


def _open(now: datetime, wards: list[Ward], officer: User | None) -> None:
    if Consultation.objects.filter(title_en=TEXTS["title"][1]).exists():
        return
    today = timezone.localdate(now)
    made = Consultation.objects.create(
        **_texts(TEXTS),
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=28),
        alternatives=["paper", "phone", "easy_read", "large_print", "bsl"],
        one_per_person=True,
        published_at=now - timedelta(days=7),
    )
    made.wards.set(wards)
    agree = _question(
        made,
        0,
        QuestionKind.SCALE,
        "I ba raddau ydych chi'n cytuno â'r cynnig?",
        "How far do you agree with the proposal?",
        required=True,
        scale_min=1,
        scale_max=5,
        scale_min_label_cy="Anghytuno'n gryf",
        scale_min_label_en="Strongly disagree",
        scale_max_label_cy="Cytuno'n gryf",
        scale_max_label_en="Strongly agree",
    )
    day = _question(
        made,
        1,
        QuestionKind.SINGLE,
        "Pa ddiwrnod casglu sydd orau gennych?",
        "Which collection day do you prefer?",
    )
    days = _choices(
        day, [("Dydd Llun", "Monday"), ("Dydd Mercher", "Wednesday"), ("Dydd Gwener", "Friday")]
    )
    recycle = _question(
        made, 2, QuestionKind.MULTIPLE, "Beth ydych chi'n ei ailgylchu?", "What do you recycle?"
    )
    kinds = _choices(
        recycle, [("Papur", "Paper"), ("Gwydr", "Glass"), ("Plastig", "Plastic"), ("Bwyd", "Food")]
    )
    other = _question(
        made,
        3,
        QuestionKind.TEXT,
        "Unrhyw beth arall yr hoffech ei ddweud?",
        "Anything else you would like to say?",
    )
    Theme.objects.bulk_create(
        [Theme(consultation=made, name=n) for n in ("Cost", "Smell", "Space")]
    )
    if officer is None:
        return
    comments = (
        "Bydd y bin yn drewi yn yr haf.",
        "The bin will smell in summer.",
        "We are a family of six: one bin is not enough.",
        "Good idea if food goes weekly.",
        "",
        "Mae angen mwy o le yn y bin.",
    )
    for i in range(36):
        response_enter(
            consultation=made,
            answers={
                agree.pk: Checked(value=1 + (i * 7) % 5),
                day.pk: Checked(choices=(days[i % 3].pk,)),
                recycle.pk: Checked(choices=tuple(k.pk for k in kinds[: 1 + i % 4])),
                other.pk: Checked(text=comments[i % len(comments)]),
            },
            language="cy" if i % 3 == 0 else "en",
            ward=wards[i % len(wards)] if wards else None,
            way=(Way.PAPER, Way.PHONE, Way.LARGE_PRINT, Way.BSL, Way.EASY_READ)[i % 5],
            actor=officer,
            received_on=now - timedelta(days=i % 6),
            now=now,
        )
    # Online responses (counted: their links were followed).
    Response.objects.filter(
        consultation=made,
        pk__in=list(made.responses.order_by("pk").values_list("pk", flat=True)[:20]),
    ).update(way=Way.ONLINE, entered_by=None)


def _closed(now: datetime, wards: list[Ward], officer: User | None) -> None:
    if Consultation.objects.filter(title_en=CLOSED["title"][1]).exists():
        return
    today = timezone.localdate(now)
    made = Consultation.objects.create(
        **_texts(CLOSED),
        opens_on=today - timedelta(days=90),
        closes_on=today - timedelta(days=30),
        alternatives=["paper", "large_print"],
        published_at=now - timedelta(days=90),
        councillors_told_at=now - timedelta(days=90),
        outcome_published_at=now - timedelta(days=10),
    )
    made.wards.set(wards)
    thursday = _question(
        made,
        0,
        QuestionKind.SINGLE,
        "A fyddech chi'n defnyddio'r llyfrgell ar nos Iau?",
        "Would you use the library on Thursday evenings?",
    )
    yes, no = _choices(thursday, [("Byddwn", "Yes"), ("Na fyddwn", "No")])
    if officer is None:
        return
    for i in range(10):
        response_enter(
            consultation=made,
            answers={thursday.pk: Checked(choices=((yes if i < 7 else no).pk,))},
            language="cy" if i % 2 else "en",
            ward=wards[i % len(wards)] if wards else None,
            way=Way.PAPER,
            actor=officer,
            received_on=now - timedelta(days=60),
            now=now,
        )


def seed_consultations(*, now: datetime) -> None:
    manager = User.objects.filter(username="manager").first()
    wards = list(Ward.objects.filter(code__in=["canol-y-dref", "glan-yr-afon"]).order_by("code"))
    _open(now, wards, manager)
    _closed(now, wards, manager)
