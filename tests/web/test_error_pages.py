"""Errors in the council's frame and the page's language; nothing answers 500 to bad input."""

import pytest
from django.test import RequestFactory

from common.views import server_error

pytestmark = pytest.mark.django_db


def test_an_unknown_page_is_a_translated_404(client):
    english = client.get("/en/no-such-page/")
    welsh = client.get("/cy/no-such-page/")

    assert english.status_code == welsh.status_code == 404
    assert "<title>Page not found – Cyswllt – Example County Council</title>" in english.text
    assert "Heb ddod o hyd i'r dudalen" in welsh.text
    assert '<html lang="cy"' in welsh.text


def test_an_unknown_api_address_is_still_json(client):
    response = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_the_500_page_needs_nothing_from_the_request_but_its_language(settings):
    response = server_error(RequestFactory().get("/en/my-work/"))

    assert response.status_code == 500
    text = response.content.decode()
    assert "Sorry, there is a problem with the service" in text
    assert "Example County Council" in text
    assert "Sign out" not in text
