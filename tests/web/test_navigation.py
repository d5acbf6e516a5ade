"""The frame of every page: the navigation's counts, refreshed by htmx, and the language switch."""

import pytest

from common.languages import same_page_in
from tests.factories import make_case

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_htmx_gets_the_counts_as_out_of_band_swaps(signed_in, world, service):
    client = signed_in(world.advisor)
    make_case(service=service, owner=world.advisor)

    response = client.get("/en/queue-counts/", **HTMX)

    assert response.status_code == 200
    assert response.text.count('hx-swap-oob="true"') == 2
    assert '<span class="app-count" id="app-count-mine" hx-swap-oob="true">4<span' in (
        response.text
    )
    assert '<span class="app-count" id="app-count-team" hx-swap-oob="true">1<span' in (
        response.text
    )
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_counts_are_not_a_page_a_browser_can_open(signed_in, world):
    response = signed_in(world.advisor).get("/en/queue-counts/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_a_councillor_s_counts_are_their_open_enquiries(signed_in, world):
    response = signed_in(world.councillor).get("/cy/queue-counts/", **HTMX)

    assert '<span class="app-count" id="app-count-submitted" hx-swap-oob="true">1' in (
        response.text
    )
    assert '1<span class="govuk-visually-hidden"> achos agored</span>' in response.text


def test_the_page_polls_for_counts_every_minute_and_when_shown_again(signed_in, world):
    response = signed_in(world.advisor).get("/en/my-work/")

    # "app:tab-shown": frontend/js/app.js, as htmx may not eval a trigger filter (ADR 0028).
    assert (
        '<div hx-get="/en/queue-counts/" hx-trigger="every 60s, app:tab-shown from:document" '
        'hx-swap="none"'
    ) in response.text


def test_the_current_queue_is_marked_in_the_navigation(signed_in, world):
    response = signed_in(world.advisor).get("/en/team-queue/")

    assert (
        '<a class="govuk-service-navigation__link" href="/en/team-queue/" aria-current="page">'
        '<strong class="govuk-service-navigation__active-fallback">Team queue</strong>'
    ) in response.text


def test_the_language_switch_keeps_the_page_and_its_filters_welsh_first(signed_in, world):
    response = signed_in(world.advisor).get("/en/my-work/?channel=email&sort=reference")

    welsh = response.text.index('lang="cy" hreflang="cy"')
    english = response.text.index('lang="en" aria-current="true">English</span>')
    assert welsh < english
    assert (
        '<a class="govuk-link govuk-link--no-visited-state" '
        'href="/cy/my-work/?channel=email&amp;sort=reference" lang="cy" hreflang="cy">Cymraeg</a>'
    ) in response.text


def test_the_sign_in_page_switches_language_with_the_page_it_returns_to(client):
    response = client.get("/cy/sign-in/?next=/cy/team-queue/%3Fchannel%3Dphone")

    assert 'href="/en/sign-in/?next=/en/team-queue/%3Fchannel%3Dphone"' in response.text


@pytest.mark.parametrize(
    ("path", "current", "language", "expected"),
    [
        ("/en/my-work/", "en", "cy", "/cy/my-work/"),
        ("/cy/my-work/?kind=complaint&page=2", "cy", "en", "/en/my-work/?kind=complaint&page=2"),
        ("/cy/no-such-page/", "cy", "en", "/en/no-such-page/"),
        ("/en/my-work/", "en", "en", "/en/my-work/"),
        (
            "/en/sign-in/?next=/en/cases/CYS-2026-000001/",
            "en",
            "cy",
            "/cy/sign-in/?next=/cy/cases/CYS-2026-000001/",
        ),
        (
            "/en/sign-in/?next=https://evil.example/",
            "en",
            "cy",
            "/cy/sign-in/?next=https%3A//evil.example/",
        ),
    ],
)
def test_the_same_page_in_another_language(path, current, language, expected):
    assert same_page_in(path=path, current=current, language=language) == expected


def test_pages_declare_their_language(client):
    assert '<html lang="cy"' in client.get("/cy/sign-in/").text
    assert '<html lang="en"' in client.get("/en/sign-in/").text


def test_the_council_s_name_heads_every_page_in_its_language_and_no_crown(client):
    response = client.get("/en/sign-in/")
    welsh = client.get("/cy/sign-in/")

    assert '<span class="app-header__council">Example County Council</span>' in response.text
    assert '<span class="app-header__council">Cyngor Sir Enghraifft</span>' in welsh.text
    assert "crown" not in response.text.lower()
    assert "GOV.UK" not in response.text
