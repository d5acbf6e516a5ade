"""The case rules (``selectors.case_rules``) hold every service: a service changed anywhere, the
admin included, renews them in every process once its transaction commits."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Service

from .selectors import case_rules_forget


@receiver([post_save, post_delete], sender=Service, dispatch_uid="case-rules-service-forget")
def _service_changed(sender: Any, instance: Service, **kwargs: Any) -> None:
    case_rules_forget()
