"""The channels' admin: department mailboxes, the quarantine and Open311 clients."""

from . import admin_inbound, admin_open311  # noqa: F401
