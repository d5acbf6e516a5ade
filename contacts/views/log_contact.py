"""Log a contact: choose the channel, then fill in the one form for it.

The case is made by ``case_create``, the service the API and the inbound channels use, so its
milestones and acknowledgement come out the same; the attachments are stored in the same
transaction, so a contact is logged with its files or not at all.

Four buttons re-show the form without logging anything (and without its errors): "Find
existing customers" (the customers with the details typed, as search results), "Suggest
where it goes" (the routing table's suggestions from the words typed), "Use this" on a
suggestion, and "Show who can deal with it" after choosing another destination. They work
without JavaScript; with it, htmx swaps only their section of the page, so the files chosen
stay chosen.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.access import role_required, signed_in
from accounts.models import STAFF_ROLES, Service, User
from common.errors import add_service_error
from standards import milestone_kinds
from standards.channels import Channel

from .. import policies, selectors, services
from ..attachments import attachments_add, attachments_discard
from ..forms.log_contact import ChannelChoiceForm, LogContactForm
from ..members import case_submitter
from ..models import Attachment, Case, CaseKind, Milestone

#: Where an error of ``case_create`` is shown on the form.
SERVICE_ERROR_FIELDS = {
    "kind": "kind",
    "received_at": "received_at",
    "team": "assign_to",
    "owner": "assign_to",
    "request_type": "destination",
}
#: The buttons that re-show the form with new routing choices instead of logging.
ROUTING_BUTTONS = ("suggest", "use_type", "choose_destination")


def _service_of(user: User) -> Service:
    if user.team is None:
        # Staff belong to a service through their team; without one there is nowhere to log.
        raise PermissionDenied
    return user.team.service


@role_required(STAFF_ROLES)
@require_safe
def choose_channel(request: HttpRequest) -> HttpResponse:
    form = ChannelChoiceForm(request.GET or None)
    if form.is_valid():
        return redirect("contacts:log-contact-channel", channel=form.cleaned_data["channel"])
    return render(request, "contacts/log_contact_channel.html", {"form": form})


@role_required(STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def log_contact(request: HttpRequest, channel: str) -> HttpResponse:
    if channel not in Channel.values:
        raise Http404
    user = signed_in(request)
    own_service = _service_of(user)
    if policies.create_refusal(user, service=own_service, kind="enquiry"):
        raise PermissionDenied
    if request.method != "POST":
        form = LogContactForm(channel=channel, user=user, own_service=own_service)
        return _page(request, form)
    if any(name in request.POST for name in ROUTING_BUTTONS):
        return _rerouted(request, channel=channel, user=user, own_service=own_service)
    form = LogContactForm(
        request.POST, request.FILES, channel=channel, user=user, own_service=own_service
    )
    if "find_customer" in request.POST:
        # A search, not an attempt to log: its results, and no complaint of what is missing.
        form.find_customers()
        form.quiet()
        return _page(request, form, searched=True)
    if not form.is_valid():
        return _page(request, form, status=400)
    refusal = policies.create_refusal(user, service=form.service, kind=form.cleaned_data["kind"])
    if refusal:
        form.add_error("destination", refusal)
        return _page(request, form, status=400)
    try:
        case, milestones = _log(form, user=user)
    except ValidationError as error:
        add_service_error(form, error, SERVICE_ERROR_FIELDS)
        return _page(request, form, status=400)
    banner = _banner(case.reference, milestones)
    if case.service_id != own_service.pk:
        banner = _("%(banner)s. It has gone to %(service)s.") % {
            "banner": banner,
            "service": case.service.name,
        }
    if case.submitted_by is not None:
        member = case.submitted_by
        banner = _("%(banner)s. It is the enquiry of %(member)s, who can follow it.") % {
            "banner": banner,
            "member": member.get_full_name() or member.get_username(),
        }
    if selectors.case_get(user=user, reference=case.reference) is None:
        # A complaint goes to the service's complaints officers, a confidential case to the
        # service's staff (docs/adr/0018): whoever took it in may not open it, so they go back
        # to logging with word of where it went.
        messages.success(request, _gone_banner(case))
        return redirect("contacts:log-contact")
    messages.success(request, banner)
    return redirect(reverse("contacts:case", kwargs={"reference": case.reference}))


def _rerouted(
    request: HttpRequest, *, channel: str, user: User, own_service: Service
) -> HttpResponse:
    """The form again with the routing asked for: the suggestions, a suggestion taken, or
    the assignees of another destination. Nothing is checked or logged, so no errors show."""
    data = request.POST.copy()
    chosen = data.get("use_type", "")
    if chosen:
        data["destination"] = chosen
    form = LogContactForm(data, channel=channel, user=user, own_service=own_service)
    # The queue or officer follows a suggestion taken, and another destination chosen unless
    # it is still one of that destination's.
    if chosen or (
        "choose_destination" in data and data.get("assign_to") not in form.assignee_values()
    ):
        data["assign_to"] = form.default_assignee()
    form.quiet()
    suggestions = form.suggestions() if "suggest" in data else None
    return _page(request, form, suggestions=suggestions, files_dropped=bool(request.FILES))


def _log(form: LogContactForm, *, user: User):
    data = form.cleaned_data
    team, owner = form.assignment()
    now = timezone.now()
    stored: list[Attachment] = []
    try:
        with transaction.atomic():
            customer = form.chosen_customer
            if customer is not None:
                services.customer_preferences_record(
                    customer=customer,
                    preferred_language=form.preferred_language(),
                    preferred_contact_method=data["customer_contact_method"] or None,
                    actor=user,
                    now=now,
                )
            else:
                customer = form.new_customer()
            # A councillor or clerk, chosen or known by their registered address, makes it
            # their enquiry.
            details = form.details.data if form.details is not None else {}
            submitter = case_submitter(
                kind=data["kind"],
                member=form.chosen_member(),
                addresses=[
                    details.get("from_address", ""),
                    customer.email if customer is not None else "",
                ],
            )
            result = services.case_create(
                channel=form.channel,
                details=form.details,
                kind=submitter.kind,
                submitted_by=submitter.member,
                service=form.service,
                summary=data["summary"],
                description=data["description"],
                received_at=data["received_at"] or now,
                customer=customer,
                language=form.contact_language(),
                team=team,
                owner=owner,
                request_type=form.request_type,
                actor=user,
                now=now,
            )
            files = data.get("attachments") or []  # none on a channel without papers
            stored = attachments_add(case=result.case, files=files, actor=user)
    except Exception:
        attachments_discard(stored)
        raise
    return result.case, result.milestones


def _gone_banner(case: Case) -> str:
    if case.kind == CaseKind.COMPLAINT:
        return _(
            "Complaint logged: %(reference)s. It has gone to the service's complaints "
            "officer, who will deal with it."
        ) % {"reference": case.reference}
    return _(
        "Contact logged: %(reference)s. It is confidential: it has gone to %(service)s, "
        "who will deal with it."
    ) % {"reference": case.reference, "service": case.service.name}


def _banner(reference: str, milestones: tuple[Milestone, ...]) -> str:
    due = {m.kind: m.due_at for m in milestones if m.due_at}
    for kind in milestone_kinds.FULL_RESPONSE_BANNER:
        if kind in due:
            when = date_format(timezone.localtime(due[kind]), "j F Y, H:i")
            return _("Contact logged: %(reference)s, full response due by %(due)s") % {
                "reference": reference,
                "due": when,
            }
    return _("Contact logged: %(reference)s") % {"reference": reference}


def _page(
    request: HttpRequest,
    form: LogContactForm,
    *,
    searched: bool = False,
    status: int = 200,
    suggestions: list | None = None,
    files_dropped: bool = False,
) -> HttpResponse:
    files_sent = bool(request.FILES) and bool(form.errors)
    return render(
        request,
        "contacts/log_contact.html",
        {
            "form": form,
            "channel": Channel(form.channel),
            "searched": searched,
            "files_sent": files_sent,
            "files_dropped": files_dropped,
            "chosen": form.customer_choice_value(),
            "suggestions": suggestions,
        },
        status=status,
    )
