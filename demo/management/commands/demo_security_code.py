"""``manage.py demo_security_code``: the code the demo logins' authenticator shows now.

The demo authenticator's secret is published (demo/security.py), like the demo password, and
only the demo logins seeded by ``seed_demo`` have it: on any other database this prints a code
nobody's authenticator accepts.
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from demo.security import demo_security_code


class Command(BaseCommand):
    help = "Prints the current security code of the demo logins' authenticator."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(demo_security_code(timezone.now()))
