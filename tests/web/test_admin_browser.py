"""The admin pages administrators use, in a real Chromium in Welsh and English: axe-core's
WCAG 2.2 AA check of the index and of every registered model's list, add page and first row's
change page; the Content-Security-Policy refuses nothing the admin's pages do (ADR 0028);
screenshots in /tmp/ui/admin/ (none on CI)."""

import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)
from django_otp.plugins.otp_totp.models import TOTPDevice

from complaints.models import ComplaintCategory
from councillors.models import Ward
from standards.models import Standard
from tests.factories import RequestTypeFactory, make_case, sign_in_failure

from .conftest import assert_no_csp_violations, axe_violations, screenshot, watch_csp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def admin_page(browser, live_server, client, administrator):
    """A signed-in administrator's page, and the Content-Security-Policy violations its pages
    report (``page.csp_violations``). Unlike ``page``, it does not fail on them itself: axe-core
    reads the @import-ed stylesheets of a page (Django's forms.css imports widgets.css, on
    every change and add page) by putting their text into <style> elements of a document of
    its own, which the policy refuses. Those two reports (the hashes of widgets.css's text
    and of forms.css's other rules) are the test tool's, not the admin's:
    ``test_the_admin_refuses_nothing_under_the_policy`` checks the pages without axe."""
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    client.force_login(administrator)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    violations = watch_csp(context)
    page = context.new_page()
    page.csp_violations = violations
    yield page
    context.close()


def pages() -> dict[str, str]:
    letter = Standard.objects.get(code="LETTER")
    return {
        "index": reverse("admin:index"),
        "standards": reverse("admin:standards_standard_changelist"),
        "standard": reverse("admin:standards_standard_change", args=[letter.pk]),
        "standard-add": reverse("admin:standards_standard_add"),
        "closure-days": reverse("admin:standards_closureday_changelist"),
        "teams": reverse("admin:accounts_team_changelist"),
    }


def seed_rows(administrator, team) -> None:
    """A row for the models whose change pages have something of their own, and for those
    made cheaply: django-celery-beat's schedules and task (a date and time in two boxes, a
    crontab in words), django-otp's device (its list's breadcrumbs are mostly text, where a
    link told apart by colour alone fails), a request type (its list edits its ordering in
    place), a case with its customer, a ward (its councillors in a many-to-many box), a
    lockout and a group. Standards, business hours and the like come with the migrations."""
    nightly = CrontabSchedule.objects.create(minute="0", hour="2", timezone="Europe/London")
    PeriodicTask.objects.create(
        name="Nightly", task="performance.tasks.daily_stats", crontab=nightly
    )
    IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    ClockedSchedule.objects.create(clocked_time=timezone.now())
    SolarSchedule.objects.create(event="sunrise", latitude="51.48", longitude="-3.18")
    TOTPDevice.objects.create(user=administrator, name="phone")
    sign_in_failure()
    Group.objects.create(name="Supervisors")
    RequestTypeFactory(service=team.service)
    make_case(service=team.service)
    Ward.objects.create(code="canton", name="Canton")


def every_model_page(administrator) -> dict[str, str]:
    """Every registered model's list and add page, and the change page of its first row where
    there is one, read from the admin's registry so that a model registered later is checked
    without anyone adding it here."""
    request = RequestFactory().get("/admin/")
    request.user = administrator
    found = {"index": reverse("admin:index")}
    for model, model_admin in admin.site._registry.items():
        name = f"{model._meta.app_label}.{model._meta.model_name}"
        url = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        found[name] = reverse(f"{url}_changelist")
        if model_admin.has_add_permission(request):
            found[f"{name}-add"] = reverse(f"{url}_add")
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            found[f"{name}-change"] = reverse(f"{url}_change", args=[first.pk])
    return found


@pytest.mark.long
@pytest.mark.parametrize("language", ["cy", "en"])
def test_every_admin_page_passes_axe(admin_page, administrator, team, language):
    page = admin_page
    seed_rows(administrator, team)
    found = {}
    for name, path in every_model_page(administrator).items():
        response = page.goto(f"/{language}{path[3:]}")
        assert response is not None and response.status == 200, (name, path)
        screenshot(page, f"admin/{name}-{language}")
        violations = axe_violations(page)
        if violations:
            found[name] = violations
    assert found == {}, json.dumps(found, indent=1)


@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_admin_refuses_nothing_under_the_policy(admin_page, administrator, language):
    """Every admin page with scripts of its own (inlines, the calendar, related-object
    buttons, django-celery-beat's crontab words, django-otp's and django-axes' lists), opened
    and used without axe: the browser reports no Content-Security-Policy violation. The
    periodic task page's crontab words were an inline script the policy refused; they come
    from a static file now, and follow the crontab chosen, in the page's language."""
    page = admin_page
    nightly = CrontabSchedule.objects.create(minute="0", hour="2", timezone="Europe/London")
    weekdays = CrontabSchedule.objects.create(
        minute="30", hour="6", day_of_week="1-5", timezone="Europe/London"
    )
    every = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.HOURS)
    task = PeriodicTask.objects.create(
        name="Nightly", task="performance.tasks.daily_stats", crontab=nightly
    )
    TOTPDevice.objects.create(user=administrator, name="phone")
    paths = [
        *pages().values(),
        reverse("admin:django_celery_beat_periodictask_changelist"),
        reverse("admin:django_celery_beat_periodictask_add"),
        reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]),
        reverse("admin:django_celery_beat_crontabschedule_change", args=[nightly.pk]),
        reverse("admin:django_celery_beat_intervalschedule_change", args=[every.pk]),
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_add"),
        reverse("admin:axes_accessattempt_changelist"),
    ]
    for path in paths:
        page.goto(f"/{language}{path[3:]}")
    page.wait_for_timeout(300)  # a report is an event: let any late one arrive
    assert_no_csp_violations(page.csp_violations)

    # A list's editable cell is named by its column and its row (static/cyswllt_admin/
    # accessible.js), in the page's language: Django gives it no label.
    page.goto(f"/{language}{reverse('admin:complaints_complaintcategory_changelist')[3:]}")
    with translation.override(language):
        first = ComplaintCategory.objects.order_by("position", "code").first()
        expected = f"{capfirst(gettext('active'))}: {first.name}"
    assert page.locator("#id_form-0-is_active").get_attribute("aria-label") == expected

    # A row added by the inlines' script, as an administrator adds a behaviour.
    page.goto(f"/{language}{reverse('admin:standards_standard_add')[3:]}")
    page.locator("#behaviours-group .add-row a").click()
    page.locator("#behaviours-group tr.dynamic-behaviours").first.wait_for()

    page.goto(
        f"/{language}{reverse('admin:django_celery_beat_periodictask_change', args=[task.pk])[3:]}"
    )
    words = page.locator(".field-crontab_translation .readonly")
    expected = {
        "cy": (
            "Am 02:00 Europe/London",
            "Am 06:30, dydd Llun, dydd Mawrth, dydd Mercher, dydd Iau a dydd Gwener yn unig "
            "Europe/London",
        ),
        "en": (
            "At 02:00 AM Europe/London",
            "At 06:30 AM, only on Monday, Tuesday, Wednesday, Thursday, and Friday Europe/London",
        ),
    }[language]
    assert words.inner_text().strip() == expected[0]
    page.locator("#id_crontab").select_option(str(weekdays.pk))
    assert words.inner_text().strip() == expected[1]
    page.wait_for_timeout(300)
    assert_no_csp_violations(page.csp_violations)
