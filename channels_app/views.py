"""The print queue as a staff page: letters waiting to be posted, downloaded and marked posted."""

import logging
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES
from audit import reads
from audit.models import ReadPath
from messaging import print_queue

log = logging.getLogger(__name__)


SELECT_LETTERS = gettext_lazy("Select the letters that have been posted")


def _is_id(value: object) -> bool:
    return isinstance(value, str) and value.isdigit() and len(value) < 19


class LetterIdsField(forms.Field):
    """The ids of the ticked letters; anything that is not one is refused as no choice."""

    def to_python(self, value: object) -> list[int]:
        values = value if isinstance(value, list) else [value] if value else []
        if not values or not all(_is_id(v) for v in values):
            raise forms.ValidationError(SELECT_LETTERS, code="invalid")
        return [int(cast(str, v)) for v in values]


class PostedForm(forms.Form):
    letters = LetterIdsField(error_messages={"required": SELECT_LETTERS})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["letters"].widget = forms.SelectMultiple()


@role_required(STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def letters(request: HttpRequest) -> HttpResponse:
    form = PostedForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Only letters of the user's own print queue: ids of others' are as good as none.
        chosen = list(
            print_queue.letters_postable_by(signed_in(request))
            .filter(pk__in=form.cleaned_data["letters"])
            .values_list("pk", flat=True)
        )
        if not chosen:
            form.add_error("letters", SELECT_LETTERS)
        else:
            try:
                posted = print_queue.letters_mark_posted(message_ids=chosen, by=signed_in(request))
            except ValidationError as error:
                form.add_error("letters", error.messages[0])
            else:
                # A second click finds them posted already: nothing is recorded twice.
                messages.success(
                    request,
                    ngettext(
                        "%(count)d letter marked as posted.",
                        "%(count)d letters marked as posted.",
                        len(posted),
                    )
                    % {"count": len(posted)},
                )
                return redirect("letters")
    waiting = print_queue.letters_to_post(user=signed_in(request))[:200]
    return render(request, "channels_app/print_queue.html", {"letters": waiting, "form": form})


@role_required(STAFF_ROLES)
@require_safe
def letter_document(request: HttpRequest, letter_id: int) -> FileResponse:
    letter = print_queue.letter_get(user=signed_in(request), message_id=letter_id)
    if letter is None or not letter.document:
        raise Http404
    try:
        file = letter.document.open("rb")
    except FileNotFoundError as error:
        log.error(
            "The PDF of letter %s is missing: %s",
            letter.pk,
            letter.document.name,
            extra={"case_reference": letter.case.reference if letter.case else None},
        )
        raise Http404 from error
    reads.record(request, ReadPath.LETTER, cases=[letter.case] if letter.case else [])
    return FileResponse(
        file,
        as_attachment=True,
        filename=print_queue.letter_filename(letter),
        content_type="application/pdf",
    )
