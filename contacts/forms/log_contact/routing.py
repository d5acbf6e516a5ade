"""Where a logged contact goes (SPEC §9): what it is about and who deals with it.

One choice names the destination: a request type of the routing table (which brings its
service and its team's queue), or a service when no type fits. Front-line staff (a contact
centre, reception: ``Team.front_line``) choose among every active service; other staff log for
their own. Then a team's queue or an officer of that service, or themselves when it is their
own service. The routing table suggests a destination from the words typed
(``routing.selectors.request_type_suggestions``).
"""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.models import STAFF_ROLES, Service, Team, User
from routing.models import RequestType
from routing.selectors import Suggestion, request_type_suggestions, request_types_active

ME = "me"
SERVICE, TYPE = "service", "type"


class RoutingForm(forms.Form):
    """The destination and assignee fields; ``routing_setup`` fills their choices."""

    destination = forms.ChoiceField(
        label=_("What is it about?"),
        help_text=_(
            "Choose the request, or the service when none fits: the request brings its "
            "service and the team that deals with it."
        ),
        # Left out, it is one's own service (the choice shown first).
        required=False,
        error_messages={"invalid_choice": _("Select what the contact is about from the list")},
    )
    assign_to = forms.ChoiceField(
        label=_("Who will deal with it?"),
        error_messages={
            "required": _("Select who will deal with it"),
            "invalid_choice": _("Select who will deal with it from the list"),
        },
    )

    def routing_setup(self, *, user: User, own_service: Service) -> None:
        self.user = user
        self.own_service = own_service
        self.front_line = user.on_front_line
        types = list(request_types_active())
        if self.front_line:
            services = list(Service.objects.filter(active=True).order_by("name", "pk"))
        else:
            services = [own_service]
            types = [t for t in types if t.service_id == own_service.pk]
        self._services = {service.pk: service for service in services}
        self._types = {request_type.pk: request_type for request_type in types}
        cast(forms.ChoiceField, self.fields["destination"]).choices = self._destinations()
        self.fields["destination"].initial = f"{SERVICE}:{own_service.pk}"
        self.request_type, self.service = self._chosen()
        self._assignee_choices = self._assignees()
        cast(forms.ChoiceField, self.fields["assign_to"]).choices = self._assignee_choices
        self.fields["assign_to"].initial = self.default_assignee()

    def _destinations(self) -> list[tuple[str, Any]]:
        by_service: dict[int, list[RequestType]] = {pk: [] for pk in self._services}
        for request_type in self._types.values():
            by_service.setdefault(request_type.service_id, []).append(request_type)
        return [
            (
                service.name,
                [
                    *((f"{TYPE}:{t.pk}", t.name) for t in by_service[service.pk]),
                    (
                        f"{SERVICE}:{service.pk}",
                        _("%(service)s: something else") % {"service": service.name},
                    ),
                ],
            )
            for service in self._services.values()
        ]

    def _chosen(self) -> tuple[RequestType | None, Service]:
        """The request type and service the destination names (the data as typed, so that
        the assignees follow it before the form is checked); one's own service if none."""
        value = self.data.get(self.add_prefix("destination")) if self.is_bound else None
        kind, _sep, pk = str(value or "").partition(":")
        if kind == TYPE and pk.isdigit() and int(pk) in self._types:
            request_type = self._types[int(pk)]
            return request_type, request_type.service
        if kind == SERVICE and pk.isdigit() and int(pk) in self._services:
            return None, self._services[int(pk)]
        return None, self.own_service

    def _assignees(self) -> list[tuple[str, Any]]:
        service = self.service
        teams = list(Team.objects.filter(service=service, active=True).order_by("name", "pk"))
        colleagues = list(
            User.objects.filter(
                team__service=service, team__active=True, role__in=STAFF_ROLES, is_active=True
            )
            .exclude(pk=self.user.pk)
            .order_by("first_name", "last_name", "username")
        )
        self._teams = {team.pk: team for team in teams}
        self._colleagues = {colleague.pk: colleague for colleague in colleagues}
        choices: list[tuple[str, Any]] = []
        if service.pk == self.user.service_id:
            choices.append((ME, _("Me")))
        choices += [
            (f"team:{team.pk}", _("Unassigned, in the %(team)s queue") % {"team": team.name})
            for team in teams
        ]
        choices += [
            (f"user:{colleague.pk}", colleague.get_full_name() or colleague.get_username())
            for colleague in colleagues
        ]
        return choices

    def default_assignee(self) -> str:
        """The request type's own team, else oneself in one's own service, else the
        service's first team's queue."""
        request_type = self.request_type
        if request_type is not None and request_type.team_id in self._teams:
            return f"team:{request_type.team_id}"
        if self.service.pk == self.user.service_id:
            return ME
        return next(iter(self.assignee_values()), "")

    def assignee_values(self) -> list[str]:
        """The assignees offered, in order (``ME``, ``team:…``, ``user:…``)."""
        return [str(value) for value, _label in self._assignee_choices]

    def assignment(self) -> tuple[Team | None, User | None]:
        value = self.cleaned_data["assign_to"]
        if value == ME:
            return None, self.user
        kind, _sep, pk = value.partition(":")
        if kind == "team":
            return self._teams[int(pk)], None
        return None, self._colleagues[int(pk)]

    def suggestions(self) -> list[Suggestion]:
        """Where the summary and details typed point, among the destinations on offer."""
        words = " ".join(
            str(self.data.get(self.add_prefix(name), "")) for name in ("summary", "description")
        )
        return request_type_suggestions(words, among=self._types.values())

    def routing_summary(self) -> str:
        """Where the contact goes, in words, for the page."""
        if self.request_type is not None:
            return gettext("%(request)s, dealt with by %(service)s") % {
                "request": self.request_type.name,
                "service": self.service.name,
            }
        return gettext("Service: %(service)s") % {"service": self.service.name}

    def _assignee_value(self) -> str:
        """The assignee as sent, if it is one on offer, else the default."""
        typed = str(self.data.get(self.add_prefix("assign_to"), "")) if self.is_bound else ""
        return typed if typed in self.assignee_values() else self.default_assignee()

    def routing_sentence(self) -> str:
        """Who deals with the contact, in words, shown while the choices are folded away."""
        value = self._assignee_value()
        kind, _sep, pk = value.partition(":")
        names = {"service": self.service.name}
        if value == ME:
            who = gettext("You will deal with it, for %(service)s.") % names
        elif kind == "team" and pk.isdigit() and int(pk) in self._teams:
            who = gettext("It will wait in the %(team)s queue, for %(service)s.") % {
                **names,
                "team": self._teams[int(pk)].name,
            }
        elif kind == "user" and pk.isdigit() and int(pk) in self._colleagues:
            colleague = self._colleagues[int(pk)]
            who = gettext("%(officer)s will deal with it, for %(service)s.") % {
                **names,
                "officer": colleague.get_full_name() or colleague.get_username(),
            }
        else:
            who = self.routing_summary()
        if self.request_type is None:
            return who
        return gettext("About: %(request)s. %(who)s") % {
            "request": self.request_type.name,
            "who": who,
        }

    def routing_open(self) -> bool:
        """Whether the page shows the routing choices open rather than folded under
        ``routing_sentence``: for front-line staff, who send contacts to every service, and
        once something other than the default is chosen, or a choice is wrong."""
        if self.front_line or self["destination"].errors or self["assign_to"].errors:
            return True
        if not self.is_bound:
            return False
        return (
            self.request_type is not None
            or self.service.pk != self.own_service.pk
            or self._assignee_value() != self.default_assignee()
        )
