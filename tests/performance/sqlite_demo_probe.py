"""Run by tests/standards/test_demo_on_sqlite.py in a process of its own (the suite's Django
is bound to PostgreSQL): the first run's steps on a fresh SQLite file — migrate,
createcachetable, seed_demo, as scripts/run does — then the demo manager signs in and
requests every evaluation page and export in both languages. Prints what it saw as JSON."""

import io
import json
import os
import re
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from accounts.models import User  # noqa: E402
from contacts.models import Case, CaseStatus  # noqa: E402
from contacts.satisfaction_links import satisfaction_token  # noqa: E402
from performance.models import MonitoringCheck  # noqa: E402
from tests import second_factor  # noqa: E402


def main() -> dict:
    assert connection.vendor == "sqlite", connection.vendor
    # The suite's cheap hasher (tests/conftest.py): production's spent 1.6 s on each of the
    # demo's sixteen officers on a loaded CI machine; how passwords are hashed is not what
    # this run checks, and the demo manager still signs in with the demo's password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    setup_test_environment()  # keeps each response's template context
    # Signed in as after the password and the demo's security code (ADR 0025).
    second_factor.install()
    client = Client()
    assert client.login(username="manager", password="cyswllt-demo")
    client.force_login(User.objects.get(username="manager"))
    seen: dict = {"statuses": {}, "empty": [], "languages": {}}

    def get(url: str, who: Client = client):
        response = who.get(url)
        seen["statuses"][url] = response.status_code
        return response

    advisor = User.objects.get(username="advisor")
    check = MonitoringCheck.objects.filter(sample__service__teams__manager__username="manager")
    resolved = Case.objects.filter(status__in=[CaseStatus.RESOLVED, CaseStatus.CLOSED]).first()
    for language in ("cy", "en"):
        figures: dict = {}
        with translation.override(language):
            dashboard = get(reverse("performance:dashboard"))
            board = dashboard.context["board"]
            figures["dashboard"] = [board.totals.breached, board.totals.due_today]
            cases = reverse("performance:dashboard-cases")
            links = set(re.findall(re.escape(cases) + r'(\?[^"]+)"', dashboard.content.decode()))
            figures["drill_downs"] = len(links)
            for link in sorted(links):
                count = get(cases + link.replace("&amp;", "&")).context["page"].paginator.count
                if count == 0 and "&amp;" in link:  # a table's figure is a link only if > 0
                    seen["empty"].append(link)
            evaluation = get(reverse("performance:evaluation"))
            get(reverse("performance:evaluation") + "?grain=week")
            get(reverse("performance:evaluation") + "?print=1")
            figures["tables"] = {t.slug: len(t.rows) for t in evaluation.context["tables"]}
            figures["medians"] = {
                t.slug: [row[-2] is not None for row in t.rows]
                for t in evaluation.context["tables"]
                if t.slug in ("response-times", "reception-waits")
            }
            for table in evaluation.context["tables"]:
                for extension in ("csv", "xlsx"):
                    get(reverse("performance:evaluation-export", args=[table.slug, extension]))
            get(reverse("performance:monitoring"))
            first = check.select_related("sample").first()
            figures["sampled"] = first is not None
            if first:
                get(reverse("performance:monitoring-sample", args=[first.sample_id]))
                get(reverse("performance:monitoring-check", args=[first.pk]))
            get(reverse("performance:my-results"))
            results = get(reverse("performance:officer-results", args=[advisor.pk])).context[
                "results"
            ]
            figures["officer"] = [results.met, results.resolved, results.checks]
            get(
                reverse("performance:satisfaction", args=[satisfaction_token(resolved.pk)]),
                Client(),
            )
        seen["languages"][language] = figures
    return seen


if __name__ == "__main__":
    json.dump(main(), sys.stdout)
