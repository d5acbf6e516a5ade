"""POST /api/v1/auth/token/: a short-lived token for a user who signs in with a password.

Replaces rest_framework.authtoken's endpoint. The attempt goes through Django's
``authenticate`` with the Django request, so django-axes counts it like the sign-in page and
its lockout answers 429 (accounts/lockout.py). A user whose role needs a second factor gives
the code from their authenticator app as ``otp``: a password alone is not enough for them.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import match_token, user_has_device
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ..second_factor.policy import second_factor_required
from .scopes import Scope
from .services import api_token_issue


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("Username"), max_length=150)
    password = serializers.CharField(
        label=_("Password"),
        max_length=4096,
        style={"input_type": "password"},
        trim_whitespace=False,
    )
    otp = serializers.CharField(
        label=_("Security code"), max_length=12, required=False, allow_blank=True
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
    expires = serializers.DateTimeField()
    scopes = serializers.ListField(child=serializers.CharField())


@method_decorator(sensitive_post_parameters("password", "otp"), name="dispatch")
class TokenView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer, responses=TokenSerializer)
    def post(self, request: Request) -> Response:
        form = TokenRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        user = authenticate(request._request, username=data["username"], password=data["password"])
        if user is None:
            # Wrong, or locked out: AxesMiddleware turns a lockout into its 429 on the way out.
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to log in with provided credentials.")]}
            )
        if second_factor_required(user):
            if not user_has_device(user):
                raise serializers.ValidationError(
                    {"otp": [_("Set up your second factor by signing in to the website first.")]}
                )
            if not data.get("otp") or match_token(user, data["otp"]) is None:
                raise serializers.ValidationError(
                    {"otp": [_("Enter the security code from your authenticator app")]}
                )
        now = timezone.now()
        token, key = api_token_issue(
            user=user,
            name=str(_("Signed in with a password")),
            scopes=list(Scope),
            expires_at=now + timedelta(hours=settings.API_TOKEN_SIGN_IN_HOURS),
            now=now,
        )
        return Response({"token": key, "expires": token.expiry_date, "scopes": token.scopes})
