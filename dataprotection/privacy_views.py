"""The public privacy notice (UK GDPR articles 13 and 14): what the council keeps about people
who contact it, why, for how long, who sees it, their rights and how to use them. Public: it is
linked from every public page and every acknowledgement, so it asks for no sign-in."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
def privacy_notice(request: HttpRequest) -> HttpResponse:
    # The retention period it states is the specification's default (SPEC §12: six years
    # after closure), written out in words: Welsh counts years with a mutated noun
    # ("chwe blynedd"), so the number is part of the translated sentence.
    return render(
        request,
        "dataprotection/privacy_notice.html",
        {"dpo_email": settings.CYSWLLT.get("DPO_EMAIL", "")},
    )
