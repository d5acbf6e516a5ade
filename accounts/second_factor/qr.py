"""The authenticator app's set-up address as an inline SVG QR code (segno: no image files,
no Pillow), and the secret as text for anyone who cannot scan it."""

from base64 import b32encode

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice


def qr_svg(device: TOTPDevice) -> str:
    # No XML declaration: the SVG sits in the page; 4 pixels a module, quiet zone of 2.
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, border=2, dark="#0b0c0c", light="#ffffff"
    )


def secret_text(device: TOTPDevice) -> str:
    """The base-32 secret in groups of four, as authenticator apps ask for it typed in."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
