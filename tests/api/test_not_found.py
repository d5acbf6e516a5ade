"""Unknown API addresses answer JSON in the request's language; pages keep HTML."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "detail"), [("en", "Not found."), ("cy", None)])
def test_an_unknown_api_address_answers_json(client, language, detail):
    response = client.get("/api/v1/nothing-here/", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    body = response.json()
    if detail:
        assert body == {"detail": detail}
    else:
        assert body["detail"] != "Not found."


def test_an_unknown_page_answers_html(client):
    response = client.get("/cy/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
