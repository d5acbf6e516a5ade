"""What the check-your-answers page lists of a journey's answers."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .forms import FORM_TYPE_CHOICES, NEEDS
from .services import Submission


def answer_rows(submission: Submission) -> list[dict[str, Any]]:
    """The check-your-answers page's rows: each answer, and the page that changes it."""
    labels = dict(FORM_TYPE_CHOICES)
    need_labels = dict(NEEDS)
    # The interpreter and other needs are named by what was written for them, below.
    needs = [
        str(need_labels[need])
        for need in submission.needs
        if need in need_labels and need not in ("interpreter", "other")
    ]
    if submission.interpreter_language:
        needs.append(_("Interpreter: %(language)s") % {"language": submission.interpreter_language})
    if submission.other_needs:
        needs.append(submission.other_needs)
    contact = [submission.email, submission.phone, submission.address, submission.postcode]
    about = (
        [
            {
                "label": _("What it is about"),
                "lines": [submission.request_type.name],
                "step": "topic",
                "change": _("what it is about"),
            }
        ]
        if submission.request_type
        else []
    )
    return [
        {
            "label": _("What you want to do"),
            "lines": [labels[submission.form_type]],
            "step": "type",
            "change": _("what you want to do"),
        },
        *about,
        {
            "label": _("Service"),
            "lines": [submission.service.name],
            "step": "service",
            "change": _("the service"),
        },
        {
            "label": _("Your message"),
            "lines": [submission.details],
            "step": "details",
            "change": _("your message"),
        },
        {
            "label": _("Files"),
            "lines": [item["name"] for item in submission.files] or [_("No files added")],
            "step": "files",
            "change": _("the files"),
        },
        {
            "label": _("Name"),
            "lines": [submission.name],
            "step": "about-you",
            "change": _("your name"),
        },
        {
            "label": _("Contact details"),
            "lines": [line for line in contact if line],
            "step": "about-you",
            "change": _("your contact details"),
        },
        {
            "label": _("Deal with you in Welsh"),
            "lines": [
                pgettext_lazy("would like to deal with us in Welsh", "Yes")
                if submission.welsh
                else pgettext_lazy("would like to deal with us in Welsh", "No")
            ],
            "step": "welsh",
            "change": _("whether we deal with you in Welsh"),
        },
        {
            "label": _("How we contact you"),
            "lines": needs or [_("No particular needs")],
            "step": "accessibility",
            "change": _("how we contact you"),
        },
    ]
