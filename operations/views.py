"""``/healthz``, ``/readyz`` and ``/metrics``: answers for machines (docs/adr/0039).

They are answered by ``EndpointsMiddleware``, first in the stack, before anything that reads a
session, picks a language (which would redirect them to ``/cy/``), checks the Host header (a
probe addresses a container by its IP) or redirects plain http to https (a probe inside the
platform speaks plain http to the container): none of that concerns them, and a probe polled
every few seconds by several proxies should cost no more than its own work.
"""

import hmac

import prometheus_client
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from prometheus_client import multiprocess

from . import health
from .metrics import cyswllt_registry


def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers: no database, no Redis, so that a slow database never gets web
    processes restarted."""
    return JsonResponse({"status": "ok"})


def readyz(request: HttpRequest) -> HttpResponse:
    """503 while a check the operator requires (``CYSWLLT_READINESS_REQUIRES``) does not answer
    ok; every check's answer in the body either way. A component the installation does not use
    is listed as not configured, not as failed."""
    checks = health.run_checks(now=timezone.now())
    not_configured = [name for name, answer in checks.items() if answer == health.NOT_CONFIGURED]
    failed = [
        name for name, answer in checks.items() if answer not in (health.OK, health.NOT_CONFIGURED)
    ]
    required = settings.CYSWLLT_READINESS_REQUIRES
    # Required means it must answer ok: an operator who requires Redis and configured none has
    # no Redis to be ready with.
    ready = not any(name in required for name in [*failed, *not_configured])
    return JsonResponse(
        {
            "status": "ready" if ready else "not ready",
            "failed": failed,
            "not_configured": not_configured,
            "required": sorted(required),
            "checks": checks,
        },
        status=200 if ready else 503,
    )


def _bearer_token(request: HttpRequest) -> str:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def metrics(request: HttpRequest) -> HttpResponse:
    """The Prometheus exposition: django-prometheus' request, database and cache metrics, and
    Cyswllt's own, counted from the database as the scrape asks for them."""
    expected = settings.CYSWLLT_METRICS_TOKEN
    if not expected:
        # Switched off: nothing tells a stranger that there is anything here.
        return HttpResponse(status=404)
    if not hmac.compare_digest(_bearer_token(request).encode(), expected.encode()):
        response = HttpResponse(status=401)
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    if settings.PROMETHEUS_MULTIPROC_DIR:
        # Under gunicorn with several workers each holds its own counters; prometheus_client
        # adds up what they write to this folder.
        process_registry = prometheus_client.CollectorRegistry()
        multiprocess.MultiProcessCollector(process_registry)
    else:
        process_registry = prometheus_client.REGISTRY
    body = prometheus_client.generate_latest(process_registry) + prometheus_client.generate_latest(
        cyswllt_registry()
    )
    return HttpResponse(body, content_type=prometheus_client.CONTENT_TYPE_LATEST)


ENDPOINTS = {"/healthz": healthz, "/readyz": readyz, "/metrics": metrics}


class EndpointsMiddleware:
    def __init__(self, get_response):  # type: ignore[no-untyped-def]
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        view = ENDPOINTS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = HttpResponse(status=405)
            response["Allow"] = "GET, HEAD"
            return response
        response = view(request)
        response["Cache-Control"] = "no-store"
        return response
