"""The channels' admin: department mailboxes and the quarantine."""

from . import admin_inbound  # noqa: F401
