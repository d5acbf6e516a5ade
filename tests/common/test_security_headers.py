"""The headers every answer carries (ADR 0028): an enforced Content-Security-Policy, the
Permissions-Policy, Referrer-Policy and Cross-Origin-Opener-Policy, and no cache keeping a
page made for someone."""

import pytest

from tests.factories import token_for

pytestmark = pytest.mark.django_db

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'none'",
    "object-src": "'none'",
}
NEVER_STORED = "max-age=0, no-cache, no-store, must-revalidate, private"


def policy(response) -> dict[str, str]:
    """The response's Content-Security-Policy, directive by directive (django-csp writes them
    in no fixed order)."""
    directives = [d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";")]
    return {name: value for name, value in directives}


def test_every_page_enforces_the_content_security_policy(client, advisor):
    client.force_login(advisor)
    response = client.get("/en/my-work/")

    assert response.status_code == 200
    assert policy(response) == POLICY
    assert "Content-Security-Policy-Report-Only" not in response
    # No inline script or style attribute is left for the policy to refuse.
    assert "<script>" not in response.text and "style=" not in response.text
    assert '<script src="/static/dist/govuk-js-enabled.js"></script>' in response.text
    assert (
        '<meta name="htmx-config" content=\'{"allowEval": false, "includeIndicatorStyles": '
        'false, "allowScriptTags": false}\'>'
    ) in response.text


def test_the_public_pages_too(client):
    response = client.get("/cy/contact-us/")

    assert policy(response) == POLICY
    assert "<script>" not in response.text


def test_the_api_docs_give_their_inline_script_and_style_the_nonce(client, advisor):
    client.force_login(advisor)
    response = client.get("/api/v1/docs/")

    assert response.status_code == 200
    nonce = response.wsgi_request.csp_nonce
    assert policy(response) == {
        **POLICY,
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": f"'self' 'nonce-{nonce}'",
    }
    assert f'<style nonce="{nonce}">' in response.text
    assert f'<script nonce="{nonce}">' in response.text
    assert "<script>" not in response.text and "<style>" not in response.text


def test_features_referrer_and_opener_are_restricted(client):
    response = client.get("/en/sign-in/")

    assert response["Permissions-Policy"] == (
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), "
        "gyroscope=(), magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
    )
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_signed_in_page_is_never_stored(client, advisor):
    client.force_login(advisor)
    for address in ("/en/my-work/", "/en/search/", "/en/no-such-page/"):
        assert client.get(address)["Cache-Control"] == NEVER_STORED, address


def test_an_api_answer_is_never_stored(client, advisor):
    response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION=f"Token {token_for(advisor)}")

    assert response.status_code == 200
    assert response["Cache-Control"] == NEVER_STORED


def test_a_page_with_a_form_is_never_stored_even_signed_out(client):
    # The sign-in form's CSRF cookie makes the page differ per visitor.
    assert client.get("/en/sign-in/")["Cache-Control"] == NEVER_STORED
    assert client.post("/en/sign-in/", {"username": "x"})["Cache-Control"] == NEVER_STORED


def test_a_public_page_for_anyone_stays_cacheable(client):
    response = client.get("/en/you-said-we-did/")

    assert response.status_code == 200
    assert "Cache-Control" not in response


def test_a_view_s_own_cache_control_is_kept(client, advisor):
    from django.http import HttpResponse

    from common.cache_control import PrivatePagesNotStoredMiddleware

    client.force_login(advisor)

    def view(request):
        response = HttpResponse("x")
        response["Cache-Control"] = "private, no-store"
        return response

    request = client.get("/en/my-work/").wsgi_request
    assert PrivatePagesNotStoredMiddleware(view)(request)["Cache-Control"] == "private, no-store"


def test_the_api_answers_json_only_not_the_browsable_pages(client, advisor):
    client.force_login(advisor)
    response = client.get("/api/v1/cases/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
