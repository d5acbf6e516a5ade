"""Staff review quarantined input in the admin: they read what came, and mark it reviewed."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from channels_app.models import QuarantinedMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(db) -> QuarantinedMessage:
    return QuarantinedMessage.objects.create(
        channel="email",
        reason="malformed",
        detail="No sender's address.",
        raw=b"Subject: <script>alert(1)</script>\r\n\r\nCaf\xe9",
        size=44,
        received_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("language", ["cy", "en"])
@pytest.mark.parametrize(
    "page",
    [
        "admin:channels_app_quarantinedmessage_changelist",
        "admin:channels_app_mailbox_changelist",
        "admin:channels_app_mailbox_add",
    ],
)
def test_the_pages_open_in_both_languages(client, administrator, held, page, language):
    client.force_login(administrator)

    assert client.get(f"/{language}{reverse(page)[3:]}").status_code == 200


def test_a_quarantined_message_shows_what_came_escaped(client, administrator, held):
    client.force_login(administrator)

    page = client.get(
        reverse("admin:channels_app_quarantinedmessage_change", args=[held.pk])
    ).content.decode()

    assert "Subject: &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Caf\ufffd" in page
    assert "<script>alert(1)" not in page
    # In a read-only box, with no style attribute for the Content-Security-Policy to refuse.
    assert '<textarea readonly rows="20" cols="100" aria-label="what came">' in page
    assert "style=" not in page


def test_marking_reviewed_records_who_and_when(client, administrator, held):
    client.force_login(administrator)

    response = client.post(
        reverse("admin:channels_app_quarantinedmessage_changelist"),
        {"action": "mark_reviewed", "_selected_action": [held.pk]},
    )

    held.refresh_from_db()
    assert response.status_code == 302
    assert held.reviewed_by == administrator
    assert held.reviewed_at is not None
