"""Finding the token a request presents, from the cache when it can (docs/adr/0037).

Every API request presents its token, and the look-up joining the token and its user was a
tenth of a new case's server time. The token row and its user are kept in the shared cache
for ``CACHE_SECONDS``, under the key's public prefix; the key the caller presents is checked
against the stored SHA-512 every time, and the expiry and revocation on every use.

Saving a token (revoking, rotating), its user (deactivating, a new role) or the user's team (its
service, whether it is front line) forgets it at once, in every process, and again once the
transaction commits, so a request that read the row just before cannot keep the old one.
``QuerySet.update`` bypasses that: the cache's few seconds are then the bound. With the cache
away every request reads the database, as before.
"""

from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from common.request_cache import request_get

from ..models import Team, User
from .models import ApiToken

CACHE_SECONDS = 10


def cache_key(prefix: str) -> str:
    return f"api-token:{prefix}"


def token_from_key(key: str) -> ApiToken | None:
    """The usable token whose key is ``key``: known, not revoked, not expired, its hash
    matching; ``None`` otherwise."""
    prefix, _, _ = key.partition(".")
    if not prefix:
        return None
    # With the case rules' version, which most token requests go on to read (common.request_cache).
    token = request_get(cache_key(prefix))
    if token is None:
        # With the user's team: whether they may log for a service asks it on every case.
        token = (
            ApiToken.objects.get_usable_keys()
            .select_related("user__team")
            .filter(prefix=prefix)
            .first()
        )
        if token is None:
            return None
        cache.set(cache_key(prefix), token, CACHE_SECONDS)
    if token.revoked or token.expiry_date <= timezone.now() or not token.is_valid(key):
        return None
    return token


def tokens_forget(prefixes: list[str]) -> None:
    keys = [cache_key(prefix) for prefix in prefixes if prefix]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


@receiver([post_save, post_delete], sender=ApiToken, dispatch_uid="api-token-forget")
def _token_changed(sender: Any, instance: ApiToken, **kwargs: Any) -> None:
    tokens_forget([instance.prefix])


@receiver([post_save, post_delete], sender=User, dispatch_uid="api-token-user-forget")
def _user_changed(sender: Any, instance: User, **kwargs: Any) -> None:
    if kwargs.get("created"):
        return
    tokens_forget(
        list(ApiToken.objects.filter(user_id=instance.pk).values_list("prefix", flat=True))
    )


@receiver([post_save, post_delete], sender=Team, dispatch_uid="api-token-team-forget")
def _team_changed(sender: Any, instance: Team, **kwargs: Any) -> None:
    if kwargs.get("created"):
        return
    tokens_forget(
        list(ApiToken.objects.filter(user__team_id=instance.pk).values_list("prefix", flat=True))
    )
