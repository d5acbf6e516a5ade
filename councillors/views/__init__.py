from django.http import HttpRequest

from accounts.models import User


def signed_in(request: HttpRequest) -> User:
    """The user of a view behind ``role_required``: signed in, so never anonymous."""
    user = request.user
    assert isinstance(user, User)
    return user
