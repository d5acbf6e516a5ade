"""Consultations (issue 18, docs/adr/0034): what the council asks, of whom, until when; the
responses residents give, online or through an accessible alternative; the themes officers tag
free-text answers with; and the closing report.

A response holds no name and no e-mail address: where the council asks for one response per
person, only a keyed digest of the address is kept (``domain.people``), enough to refuse a
second response and to find the response for a subject access request. The address itself
lives only in the confirmation message, in the one outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from common.models import TimeStampedModel


class Alternative(models.TextChoices):
    """The accessible ways to respond besides the web form."""

    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("By telephone")
    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")
    BSL = "bsl", _("British Sign Language (BSL)")


class Way(models.TextChoices):
    """How a response came: online by the resident, or entered by staff from an alternative."""

    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("By telephone")
    EASY_READ = "easy_read", _("Easy read")
    LARGE_PRINT = "large_print", _("Large print")
    BSL = "bsl", _("British Sign Language (BSL)")


# modeltranslation gives the model a manager class made at run time, which django-stubs cannot
# resolve (as dataprotection.models.RetentionRule).
class Consultation(TimeStampedModel):  # type: ignore[django-manager-missing]
    title = models.CharField(_("title"), max_length=200)
    why = models.TextField(_("why the council is asking"))
    proposal = models.TextField(_("what is proposed"))
    groups = models.TextField(_("groups of people affected"), blank=True)
    wards = models.ManyToManyField(
        "councillors.Ward", blank=True, related_name="consultations", verbose_name=_("wards")
    )
    services = models.ManyToManyField(
        "accounts.Service", blank=True, related_name="consultations", verbose_name=_("services")
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    # A list of Alternative values. JSON, not a PostgreSQL array: the demo runs on SQLite.
    alternatives = models.JSONField(_("accessible alternatives"), default=list, blank=True)
    how_to_ask = models.TextField(
        _("how to ask for an alternative"),
        blank=True,
        help_text=_("A telephone number, an address or an e-mail address to ask for one."),
    )
    one_per_person = models.BooleanField(
        _("one response per person"),
        default=False,
        help_text=_("Online responses count once the resident confirms their e-mail address."),
    )
    # Published: shown to the public (as coming, open or closed by its dates).
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    # Set once the wards' councillors were told that it opened (the job owes it once).
    councillors_told_at = models.DateTimeField(_("councillors told"), null=True, blank=True)
    # The closing report, in both languages.
    what_we_asked = models.TextField(_("what we asked"), blank=True)
    what_we_found = models.TextField(_("what we found"), blank=True)
    what_difference = models.TextField(_("what difference it made"), blank=True)
    outcome_published_at = models.DateTimeField(_("outcome published"), null=True, blank=True)
    # Set once the retention job anonymised its responses (docs/adr/0034).
    responses_anonymised_at = models.DateTimeField(_("responses anonymised"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="consultation_closes_after_it_opens",
            )
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Free text")
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale")


#: Kinds whose answers are choices of a list.
CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE})


# modeltranslation gives the model a manager class made at run time, which django-stubs cannot
# resolve (as dataprotection.models.RetentionRule).
class Question(models.Model):  # type: ignore[django-manager-missing]
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    hint = models.CharField(_("hint"), max_length=500, blank=True)
    required = models.BooleanField(_("an answer is required"), default=False)
    scale_min = models.SmallIntegerField(_("lowest value"), null=True, blank=True)
    scale_max = models.SmallIntegerField(_("highest value"), null=True, blank=True)
    scale_min_label = models.CharField(_("lowest value means"), max_length=100, blank=True)
    scale_max_label = models.CharField(_("highest value means"), max_length=100, blank=True)

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text

    @property
    def field_name(self) -> str:
        return f"q{self.pk}"


# modeltranslation gives the model a manager class made at run time, which django-stubs cannot
# resolve (as dataprotection.models.RetentionRule).
class Choice(models.Model):  # type: ignore[django-manager-missing]
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("choice"), max_length=300)

    class Meta:
        ordering = ["question", "position", "pk"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return self.text


class Response(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    # The confirmation link's secret: opaque, never the address. Cleared once used.
    token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # A keyed digest of the e-mail address (domain.people), only where one per person is asked.
    person_digest = models.CharField(max_length=64, blank=True)
    language = models.CharField(_("language of the response"), max_length=2)
    ward = models.ForeignKey(
        "councillors.Ward",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ward"),
    )
    way = models.CharField(_("how it came"), max_length=12, choices=Way.choices)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    submitted_at = models.DateTimeField(_("submitted"))
    # Counted once confirmed (at once, unless an e-mail check is asked for).
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [
            models.Index(
                fields=["consultation", "ward", "language"],
                condition=Q(confirmed_at__isnull=False),
                name="consultation_counted_responses",
            ),
            models.Index(
                fields=["person_digest"],
                condition=~Q(person_digest=""),
                name="consultation_response_person",
            ),
        ]
        constraints = [
            # One counted response per person where the council asks for it.
            models.UniqueConstraint(
                fields=["consultation", "person_digest"],
                condition=Q(confirmed_at__isnull=False) & ~Q(person_digest=""),
                name="one_counted_response_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.consultation_id}/{self.pk}"


class Theme(models.Model):
    """A theme officers find in the free-text answers of one consultation."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("theme"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["consultation", "name"], name="one_theme_per_name")
        ]

    def __str__(self) -> str:
        return self.name


class Answer(models.Model):
    """One answer to one question: a text, a value of a scale, or one choice (a multiple-choice
    answer is one row per choice ticked), so every count is one GROUP BY."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="answers"
    )
    value = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="answers")

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "choice"], name="consultation_answer_count")]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class AnswerTally(models.Model):
    """How many counted answers each choice or value of a question has, per ward and language
    of the response (``answered``: how many responses answered the question at all), kept as
    responses are counted (``tally``), so the analysis reads a few hundred rows whatever the
    number of responses (docs/adr/0034)."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(
        Choice, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    value = models.SmallIntegerField(null=True, blank=True)
    ward = models.ForeignKey(
        "councillors.Ward", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    language = models.CharField(max_length=2)
    answered = models.BooleanField(default=False)
    n = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "choice", "value", "ward", "language", "answered"],
                name="one_tally_per_answer_ward_language",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["consultation", "ward", "language"], name="tally_read")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.n}"
