"""Open311 clients' keys: issued once, kept only as a hash, checked in constant time.

The key is ``<prefix>.<secret>`` from djangorestframework-api-key's ``KeyGenerator``: the
prefix finds the client's row, and the whole key is checked against a SHA-512 hash (a key is
32 random characters, so a slow password hash would only slow every report down). Only the
library's key functions are used, not its model: Open311 clients are independent of the staff
API's tokens, and their admin speaks Welsh.
"""

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import slugify
from rest_framework_api_key.crypto import KeyGenerator

from accounts.models import User
from channels_app.models import Open311Client

#: The header a client may send its key in, instead of GeoReport's ``api_key`` parameter
#: (which ends up in the request line, and so in proxies' logs).
HEADER = "HTTP_X_API_KEY"
#: Longer than any key we issue: anything longer is not looked up.
MAX_KEY_LENGTH = 100
#: ``last_used_at`` is written at most this often per client, not on every call.
USE_RECORDED_EVERY = timedelta(minutes=5)

_generator = KeyGenerator()


def key_from(request: HttpRequest) -> str:
    """The key the request carries: the ``X-Api-Key`` header, else ``api_key`` (form, then
    query string), as GeoReport v2 has it."""
    key = request.META.get(HEADER) or request.POST.get("api_key") or request.GET.get("api_key")
    return (key or "").strip()


def client_for_key(key: str, *, now=None) -> Open311Client | None:
    """The active client whose key this is, or ``None``. One query by the key's prefix; the
    hash is compared in constant time."""
    prefix, dot, _secret = key.partition(".")
    if not dot or not prefix or len(key) > MAX_KEY_LENGTH:
        return None
    client = (
        Open311Client.objects.select_related("user").filter(key_prefix=prefix, active=True).first()
    )
    if client is None or not _generator.verify(key, client.key_hash):
        return None
    now = now or timezone.now()
    if client.last_used_at is None or now - client.last_used_at > USE_RECORDED_EVERY:
        Open311Client.objects.filter(pk=client.pk).update(last_used_at=now)
    return client


def _account_for(name: str) -> User:
    """An account for a new client that can never sign in or hold a session: inactive, with
    no usable password."""
    base = f"open311-{slugify(name)[:40] or 'client'}"
    username, n = base, 1
    while User.objects.filter(username=username).exists():
        n += 1
        username = f"{base}-{n}"
    return User.objects.create(
        username=username,
        first_name="Open311",
        last_name=name[:150],
        is_active=False,
        password=make_password(None),
    )


def key_assign(client: Open311Client) -> str:
    """Give ``client`` a new key (its old one stops working once saved); returns the key,
    which is never stored."""
    key, prefix, hashed = _generator.generate()
    client.key_prefix, client.key_hash = prefix, hashed
    return key


@transaction.atomic
def open311_client_create(*, name: str, user: User | None = None) -> tuple[Open311Client, str]:
    """A new client and its key. ``user``: the account an existing client's earlier reports
    were made under (so it keeps reading them); without it a new account is made."""
    client = Open311Client(name=name, user=user or _account_for(name))
    key = key_assign(client)
    client.save()
    return client, key
