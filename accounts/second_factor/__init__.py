"""The staff's second factor (SPEC §12): a time-based code from an authenticator app (TOTP,
django-otp). ``policy.py`` who needs it, ``middleware.py`` asks for it before any page,
``views.py`` the set-up and sign-in pages, ``qr.py`` the QR code. See ADR 0025."""
