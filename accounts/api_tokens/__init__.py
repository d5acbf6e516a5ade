"""API tokens per client (SPEC §12): a name, scopes, an expiry and rotation; stored hashed.

``models.py`` the token, ``scopes.py`` which endpoints each scope opens, ``services.py`` issuing
and rotating, ``authentication.py`` and ``permissions.py`` the REST framework's side,
``views.py`` the sign-in endpoint. See docs/adr/0025-staff-sign-in-and-api-tokens.md.
"""
