"""Reading raw e-mail: bodies, sanitised HTML, attachments, bad encodings and bad bytes (no
database). Sample messages are built here as a customer's mail program would send them."""

from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels_app.inbound.mime import MimeError, parse_email

from .dovecot import message

LIMIT = 1_000_000


def multipart(*, html: str, text: str | None = None, attachment: bytes | None = None) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Siân Jones <SIAN@example.com>"
    mail["To"] = "waste@example.gov.wales, Other <other@example.com>"
    mail["Subject"] = "=?utf-8?q?Bin_heb_ei_gasglu?="
    mail["Message-ID"] = "<multi-1@example.com>"
    mail["In-Reply-To"] = "<earlier-2@example.com>"
    mail["References"] = "<earlier-1@example.com> <earlier-2@example.com>"
    if text is not None:
        mail.set_content(text)
        mail.add_alternative(html, subtype="html")
    else:
        mail.set_content(html, subtype="html")
    if attachment is not None:
        mail.add_attachment(attachment, maintype="application", subtype="pdf", filename="llun.pdf")
    return mail.as_bytes()


def test_a_plain_message_is_read_whole():
    parsed = parse_email(
        message(message_id="<abc@example.com>", body="Line one.\r\n\r\n\r\n\r\nLine two."),
        max_bytes=LIMIT,
    )

    assert parsed.message_id == "<abc@example.com>"
    assert parsed.from_address == "ann@example.com"
    assert parsed.from_name == "Ann Jones"
    assert parsed.recipients == ("waste@example.gov.wales",)
    assert parsed.subject == "Bin not collected"
    assert parsed.text == "Line one.\n\nLine two."
    assert parsed.html == ""
    assert parsed.attachments == ()
    assert parsed.replies_to == ()
    assert parsed.automatic is False


def test_html_is_sanitised_and_the_plain_part_preferred():
    html = '<p onclick="steal()">Helo <b>yno</b></p><script>alert("x")</script>'
    parsed = parse_email(multipart(html=html, text="Helo yno"), max_bytes=LIMIT)

    assert parsed.text == "Helo yno"
    assert parsed.html == "<p>Helo <b>yno</b></p>"
    assert parsed.subject == "Bin heb ei gasglu"
    assert parsed.from_address == "sian@example.com"
    assert parsed.recipients == ("waste@example.gov.wales", "other@example.com")
    assert parsed.replies_to == ("<earlier-2@example.com>", "<earlier-1@example.com>")


def test_an_html_only_message_gives_its_words_without_script_or_markup():
    html = "<p>Tom &amp; Jerry&#39;s bin</p><script>document.cookie</script><style>p{}</style>"
    parsed = parse_email(multipart(html=html), max_bytes=LIMIT)

    assert parsed.text == "Tom & Jerry's bin"
    assert "script" not in parsed.html


def test_attachments_are_returned_with_their_names_and_bytes():
    parsed = parse_email(
        multipart(html="<p>Llun</p>", text="Llun", attachment=b"%PDF-1.4 data"), max_bytes=LIMIT
    )

    (attachment,) = parsed.attachments
    assert (attachment.filename, attachment.content_type, attachment.data) == (
        "llun.pdf",
        "application/pdf",
        b"%PDF-1.4 data",
    )


def test_invalid_bytes_and_unknown_charsets_become_replacement_characters():
    raw = (
        b"From: ann@example.com\r\nTo: waste@example.gov.wales\r\nSubject: x\r\n"
        b"Message-ID: <enc@example.com>\r\nContent-Type: text/plain; charset=x-no-such\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\nCaf\xe9 \xff bin\r\n"
    )

    assert parse_email(raw, max_bytes=LIMIT).text == "Caf\ufffd \ufffd bin"


def test_a_message_without_a_message_id_gets_one_from_its_bytes():
    raw = b"From: ann@example.com\r\nSubject: Hi\r\n\r\nBody\r\n"

    first = parse_email(raw, max_bytes=LIMIT).message_id
    assert first == parse_email(raw, max_bytes=LIMIT).message_id
    assert first.endswith("@no-message-id.cyswllt>")
    assert first != parse_email(raw + b"more", max_bytes=LIMIT).message_id


def test_auto_replies_and_bounces_are_marked_automatic():
    auto_reply = message(headers={"Auto-Submitted": "auto-replied"})
    bounce = message(sender="MAILER-DAEMON@example.com")

    assert parse_email(auto_reply, max_bytes=LIMIT).automatic is True
    assert parse_email(bounce, max_bytes=LIMIT).automatic is True


@pytest.mark.parametrize(
    ("raw", "code", "detail"),
    [
        (b"", "malformed", "Empty."),
        (b"\r\n\r\n", "malformed", "Empty."),
        (b"Subject: no sender\r\n\r\nbody", "malformed", "No sender's address."),
        (b"From: not an address\r\n\r\nbody", "malformed", "No sender's address."),
        (b"x" * 101, "too_large", "101 bytes; the limit is 100."),
    ],
)
def test_what_cannot_be_read_raises_the_parsers_error(raw, code, detail):
    with pytest.raises(MimeError) as raised:
        parse_email(raw, max_bytes=100)

    assert (raised.value.code, raised.value.detail) == (code, detail)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.binary(max_size=4000))
def test_random_bytes_give_a_message_or_the_parsers_own_error(raw):
    try:
        parsed = parse_email(raw, max_bytes=LIMIT)
    except MimeError as error:
        assert error.code in ("malformed", "too_large")
        return
    assert "@" in parsed.from_address
    assert parsed.message_id.startswith("<") and parsed.message_id.endswith(">")


header_line = st.sampled_from(
    [
        b"From: ann@example.com",
        b"From: =?utf-8?b?U2nDom4=?= <sian@example.com>",
        b"Message-ID: <a@b>",
        b"Message-ID: <<<>>",
        b"In-Reply-To: <x@y",
        b"Content-Type: multipart/mixed; boundary=zz",
        b"Content-Type: text/html; charset=utf-99",
        b"Content-Transfer-Encoding: base64",
        b"Content-Transfer-Encoding: quoted-printable",
        b"Subject: =?x-unknown?q?=FF=FE?=",
        b'To: <>, @, "unterminated',
        b"--zz",
        b"--zz--",
        b"Content-Disposition: attachment; filename*=utf-8''%ff%fe",
    ]
)


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.one_of(header_line, st.binary(max_size=40)), max_size=30))
def test_mangled_mime_structures_give_a_message_or_the_parsers_own_error(lines):
    try:
        parse_email(b"\r\n".join(lines), max_bytes=LIMIT)
    except MimeError as error:
        assert error.code == "malformed"
