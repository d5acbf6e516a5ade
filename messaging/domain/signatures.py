"""Officers' e-mail signatures: one block in both languages, Welsh first (SPEC §5: the Welsh and
English versions of a message carry the same signature and contact details)."""

from dataclasses import dataclass

SEPARATOR = "-- "  # RFC 3676: mail programs recognise what follows as a signature


@dataclass(frozen=True)
class Officer:
    name: str
    job_title_cy: str = ""
    job_title_en: str = ""
    service_cy: str = ""
    service_en: str = ""
    phone: str = ""
    email: str = ""
    website_cy: str = ""
    website_en: str = ""


def _pair(welsh: str, english: str) -> str:
    """``Welsh | English``, or the one that was given, or one when both say the same."""
    if welsh and english and welsh != english:
        return f"{welsh} | {english}"
    return welsh or english


def signature(officer: Officer) -> str:
    """The signature block, without the separator line."""
    lines = [
        officer.name,
        _pair(officer.job_title_cy, officer.job_title_en),
        _pair(officer.service_cy, officer.service_en),
    ]
    if officer.phone:
        lines.append(f"Ffôn | Phone: {officer.phone}")
    if officer.email:
        lines.append(f"E-bost | E-mail: {officer.email}")
    website = _pair(officer.website_cy, officer.website_en)
    if website:
        lines.append(f"Gwefan | Website: {website}")
    return "\n".join(line for line in lines if line)


def signed(body: str, officer: Officer | None) -> str:
    """``body`` with the officer's signature below it."""
    if officer is None:
        return body
    return f"{body.rstrip()}\n\n{SEPARATOR}\n{signature(officer)}"
