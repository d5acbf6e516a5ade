"""The public satisfaction question: GET shows it, POST records the answer; no sign-in."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from contacts.satisfaction_links import satisfaction_case

from ..models import Satisfaction
from ..satisfaction import satisfaction_record


@require_http_methods(["GET", "POST"])
def satisfaction(request: HttpRequest, token: str) -> HttpResponse:
    case = satisfaction_case(token)
    if case is None:
        return render(request, "performance/satisfaction_expired.html", status=404)
    if request.method == "POST":
        answer = request.POST.get("answer", "")
        if answer not in Satisfaction.values:
            return render(
                request,
                "performance/satisfaction.html",
                {"case": case, "error": True, "choices": Satisfaction.choices},
                status=400,
            )
        satisfaction_record(case=case, answer=answer, now=timezone.now())
        return render(request, "performance/satisfaction_thanks.html", {"case": case})
    return render(
        request, "performance/satisfaction.html", {"case": case, "choices": Satisfaction.choices}
    )
