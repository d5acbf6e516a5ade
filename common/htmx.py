"""The request of a browser page, typed with what django-htmx adds to it."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that ``HtmxMiddleware`` has seen: every page's, as it is one of the browser
    middleware (``settings.BROWSER_MIDDLEWARE``); an API request with a token has no ``htmx``."""

    htmx: HtmxDetails
