"""Who may open the evaluation pages, and which services they cover."""

from accounts.models import Role, Service, User

#: Managers see their own service; administrators every service.
EVALUATION_ROLES = frozenset({Role.MANAGER, Role.ADMINISTRATOR})


def services_for(user: User) -> list[Service]:
    if user.is_administrator:
        return list(Service.objects.order_by("name"))
    return list(Service.objects.filter(pk=user.service_id)) if user.service_id else []


def service_scope(user: User, chosen: str | None) -> int | None:
    """The service a page covers: a manager's own, or the one an administrator chose (None:
    every service)."""
    if not user.is_administrator:
        return user.service_id or -1
    return int(chosen) if chosen else None
