"""The log-contact form's own widgets."""

from ...channel_details.staff_form import Radios

__all__ = ["Radios"]
