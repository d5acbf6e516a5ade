"""The staff form for logging a contact, by job: the contact and its channel's questions
(``form``), the customer (``customer``), and the form's own fields (``fields``)."""

from .customer import LARGEST_ID, NEW_CUSTOMER, NO_CUSTOMER, CustomerForm
from .form import LOGGED_KINDS, ChannelChoiceForm, LogContactForm

__all__ = [
    "LARGEST_ID",
    "LOGGED_KINDS",
    "NEW_CUSTOMER",
    "NO_CUSTOMER",
    "ChannelChoiceForm",
    "CustomerForm",
    "LogContactForm",
]
