"""What a contact is about: the public form's topics are the routing table's request types
marked for it (docs/adr/0020). Choosing one picks its service, so the service question is
asked only for "Something else"; without topics, the form asks for the service as before."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from routing.models import RequestType
from routing.selectors import request_types_public

TOPIC, SERVICE = "topic", "service"
#: The answer "Something else": the resident chooses the service.
OTHER = "other"


class TopicForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("What is it about?"),
        error_messages={
            "required": _("Select what it is about"),
            "invalid_choice": _("Select what it is about"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topics = list(request_types_public())
        self.topics = {str(topic.pk): topic for topic in topics}
        #: Each topic's service, under its name; "Something else" comes after a divider.
        self.hints = {str(topic.pk): topic.service.name for topic in topics}
        self.divider_before = OTHER
        cast(forms.ChoiceField, self.fields[TOPIC]).choices = [
            *((str(topic.pk), topic.name) for topic in topics),
            (OTHER, _("Something else")),
        ]


def topics_offered() -> bool:
    return request_types_public().exists()


def topic_of(answers: dict[str, Any]) -> RequestType | None:
    """The request type answered, while the public form still offers it."""
    value = str(answers.get(TOPIC) or "")
    if not value.isdigit():
        return None
    return request_types_public().filter(pk=int(value)).first()


def topic_answered(answers: dict[str, Any], *, previous: object) -> None:
    """A request type brings its service; "Something else" after a request type asks for the
    service again."""
    chosen = topic_of(answers)
    if chosen is not None:
        answers[SERVICE] = chosen.service_id
    elif str(previous or "").isdigit():
        answers.pop(SERVICE, None)


def service_answered(answers: dict[str, Any]) -> None:
    """Choosing another service than the request type's makes the topic "Something else"."""
    chosen = topic_of(answers)
    if chosen is not None and chosen.service_id != answers.get(SERVICE):
        answers[TOPIC] = OTHER


def skips_service(answers: dict[str, Any]) -> bool:
    """Whether the service question was answered by the topic (so "Back" passes it by)."""
    return str(answers.get(TOPIC) or "").isdigit()
