"""The data migration times the emergency standard in a database made before it, and changes
nothing in one the catalogue already loaded it into."""

from importlib import import_module

import pytest
from django.apps import apps

from standards.models import Standard, Target

pytestmark = pytest.mark.django_db

migration = import_module("standards.migrations.0008_publication_targets")


def targets() -> dict:
    rows = Target.objects.filter(standard__code__in=["WEBSITE_CHANGE", "EMERGENCY_WELSH"])
    return {
        (code, milestone): (rule, amount)
        for code, milestone, rule, amount in rows.values_list(
            "standard__code", "milestone", "rule", "amount"
        )
    }


def test_an_old_database_gets_the_timed_targets_and_a_new_one_is_unchanged():
    loaded = targets()
    # As before: an untimed Welsh version, no English target, one web change page.
    migration.untimed(apps, None)
    assert targets() == {
        ("WEBSITE_CHANGE", "publish"): loaded[("WEBSITE_CHANGE", "publish")],
        ("EMERGENCY_WELSH", "welsh_version"): ("measured", None),
    }
    assert Standard.objects.get(code="EMERGENCY_WELSH").selectable is False

    migration.timed(apps, None)
    again = targets()
    migration.timed(apps, None)

    assert again == loaded == targets()
    assert loaded[("EMERGENCY_WELSH", "publish")][:2] == ("hours", 1)
    assert loaded[("EMERGENCY_WELSH", "welsh_version")][:2] == ("working_days", 1)
    emergency = Standard.objects.get(code="EMERGENCY_WELSH")
    assert (emergency.case_kind, emergency.selectable) == ("emergency_information", True)
