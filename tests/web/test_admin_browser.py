"""The admin pages administrators use, in a real Chromium in Welsh and English: axe-core's
WCAG 2.2 AA check of the index, a list, a standard with its behaviours and targets, and an
add page; the Content-Security-Policy refuses nothing the admin's pages do (ADR 0028);
screenshots in /tmp/ui/admin/."""

import json

import pytest
from django.conf import settings
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.models import Standard

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


def third_party_pages(administrator) -> dict[str, str]:
    """django-celery-beat's periodic task and django-otp's device: their pages have a date and
    time in two boxes (Django's split date-and-time widget), and the device list's breadcrumbs
    are mostly text, where a link told apart by colour alone fails."""
    nightly = CrontabSchedule.objects.create(minute="0", hour="2", timezone="Europe/London")
    task = PeriodicTask.objects.create(
        name="Nightly", task="performance.tasks.daily_stats", crontab=nightly
    )
    device = TOTPDevice.objects.create(user=administrator, name="phone")
    return {
        "periodic-tasks": reverse("admin:django_celery_beat_periodictask_changelist"),
        "periodic-task-add": reverse("admin:django_celery_beat_periodictask_add"),
        "periodic-task": reverse("admin:django_celery_beat_periodictask_change", args=[task.pk]),
        "totp-devices": reverse("admin:otp_totp_totpdevice_changelist"),
        "totp-device-add": reverse("admin:otp_totp_totpdevice_add"),
        "totp-device": reverse("admin:otp_totp_totpdevice_change", args=[device.pk]),
    }


@pytest.mark.long
@pytest.mark.parametrize("language", ["cy", "en"])
def test_the_admin_pages_pass_axe(admin_page, administrator, team, language):
    page = admin_page
    found = {}
    for name, path in {**pages(), **third_party_pages(administrator)}.items():
        page.goto(f"/{language}{path[3:]}")
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
