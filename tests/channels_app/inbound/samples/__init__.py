"""Sample payloads as the providers send them, kept beside the adapter tests that read them:
GOV.UK Notify's inbound-text callback, another text provider, the social media tool's and the
telephony system's webhooks, an Open311 (FixMyStreet) report, and e-mails as mail programs and
mail servers write them (``.eml``). ``unusual/`` holds e-mails that must not make an ordinary
case as they stand (a NUL in a header, a file as the whole message), read with ``unusual``."""

import json
from pathlib import Path

HERE = Path(__file__).parent


def payload(name: str) -> dict:
    """A JSON body, e.g. ``payload("notify_inbound_text")``."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))


def eml(name: str) -> bytes:
    """A whole e-mail as it arrives, e.g. ``eml("department_email")``."""
    return (HERE / f"{name}.eml").read_bytes()


def unusual(name: str) -> bytes:
    """An e-mail of ``unusual/``, e.g. ``unusual("nul_in_message_id")``."""
    return (HERE / "unusual" / f"{name}.eml").read_bytes()


def names(suffix: str) -> list[str]:
    return sorted(path.stem for path in HERE.glob(f"*.{suffix}"))
