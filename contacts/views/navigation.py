"""The navigation's queue counts, refreshed in place by htmx while a page stays open."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from common.htmx import HtmxHttpRequest


@never_cache
@require_GET
@login_required
def queue_counts(request: HtmxHttpRequest) -> HttpResponse:
    """The counts as out-of-band swaps; advisors keep one page open for hours and should not
    need to reload it to see that work has arrived. Not a page: a browser asking for it goes to
    the user's work instead."""
    if not request.htmx:
        return redirect("accounts:home")
    return render(request, "includes/queue_counts.html")
