"""Corrections to Django's own Welsh catalogue.

Django's cy catalogue spells July "Gorffenaf"; the word is "Gorffennaf". Listing the msgids here
keeps them in our catalogue (``makemessages`` only collects what the source mentions), and our
``locale/`` takes precedence over Django's, so every date we write says it right.
"""

from django.utils.translation import gettext_noop

# The month name of the "F" date format, which every letter and message uses.
CORRECTED = (gettext_noop("July"),)
