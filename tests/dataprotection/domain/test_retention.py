"""The retention rule for a case (most specific first) and the day its data is due to go.

Expected values are worked out by hand, never recomputed by the code under test. The schedule
below: every case 72 months (six years); confidential cases 36; complaints 72; complaints of
service 7 (social care) 120 and deleted; enquiries of service 3 (waste) 24.
"""

from datetime import date

import pytest

from dataprotection.domain.retention import (
    Action,
    ClosedCase,
    RetentionError,
    Rule,
    add_months,
    due,
    is_due,
    rule_for,
)

EVERY = Rule(id=1, kind="", service_id=None, confidential_only=False, months=72)
CONFIDENTIAL = Rule(id=2, kind="", service_id=None, confidential_only=True, months=36)
COMPLAINTS = Rule(id=3, kind="complaint", service_id=None, confidential_only=False, months=72)
SOCIAL_CARE_COMPLAINTS = Rule(
    id=4, kind="complaint", service_id=7, confidential_only=False, months=120, action=Action.DELETE
)
WASTE_ENQUIRIES = Rule(id=5, kind="enquiry", service_id=3, confidential_only=False, months=24)
SOCIAL_CARE_CONFIDENTIAL = Rule(id=6, kind="", service_id=7, confidential_only=True, months=96)
SCHEDULE = (EVERY, CONFIDENTIAL, COMPLAINTS, SOCIAL_CARE_COMPLAINTS, WASTE_ENQUIRIES)


def case(kind: str, service_id: int, confidential: bool = False, closed_on=date(2020, 1, 15)):
    return ClosedCase(
        kind=kind, service_id=service_id, confidential=confidential, closed_on=closed_on
    )


@pytest.mark.parametrize(
    ("rules", "closed", "expected"),
    [
        # Nothing more specific: the catch-all.
        (SCHEDULE, case("service_request", 3), EVERY),
        # Kind and service both match: the waste enquiries' rule, not the catch-all.
        (SCHEDULE, case("enquiry", 3), WASTE_ENQUIRIES),
        # An enquiry of another service: the catch-all.
        (SCHEDULE, case("enquiry", 4), EVERY),
        # A confidential enquiry (social-care flagged) of housing: the confidential rule.
        (SCHEDULE, case("enquiry", 4, confidential=True), CONFIDENTIAL),
        # A complaint (always confidential): the kind outranks the confidential flag.
        (SCHEDULE, case("complaint", 4, confidential=True), COMPLAINTS),
        # A social-care complaint: service and kind outrank kind alone.
        (SCHEDULE, case("complaint", 7, confidential=True), SOCIAL_CARE_COMPLAINTS),
        # A service outranks a kind: social care's confidential rule beats "complaints".
        (
            (COMPLAINTS, SOCIAL_CARE_CONFIDENTIAL),
            case("complaint", 7, confidential=True),
            SOCIAL_CARE_CONFIDENTIAL,
        ),
        # A confidential-only rule never takes an open case of the service.
        ((EVERY, SOCIAL_CARE_CONFIDENTIAL), case("enquiry", 7), EVERY),
        # No catch-all and nothing matching: no rule, nothing is due.
        ((COMPLAINTS,), case("enquiry", 3), None),
        ((), case("enquiry", 3), None),
    ],
)
def test_the_most_specific_rule_applies(rules, closed, expected):
    assert rule_for(rules, closed) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2020, 1, 15), 72, date(2026, 1, 15)),  # six years, same day
        (date(2020, 2, 29), 72, date(2026, 2, 28)),  # leap day into a common year
        (date(2020, 2, 29), 48, date(2024, 2, 29)),  # leap day into a leap year
        (date(2025, 8, 31), 6, date(2026, 2, 28)),  # the 31st into February
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # ... of a leap year
        (date(2025, 1, 31), 3, date(2025, 4, 30)),  # into a 30-day month
        (date(2025, 12, 31), 1, date(2026, 1, 31)),  # over the year's end
        (date(2025, 11, 30), 14, date(2027, 1, 30)),  # fourteen months over two year ends
        (date(2025, 12, 1), 12, date(2026, 12, 1)),  # December stays December
    ],
)
def test_calendar_months_later(start, months, expected):
    assert add_months(start, months) == expected


@pytest.mark.parametrize("months", [0, -1, -72])
def test_a_period_of_zero_or_less_is_refused(months):
    with pytest.raises(RetentionError):
        add_months(date(2020, 1, 1), months)


@pytest.mark.parametrize(
    ("closed", "expected_rule", "expected_day"),
    [
        (case("service_request", 3, closed_on=date(2019, 3, 31)), EVERY, date(2025, 3, 31)),
        (case("enquiry", 3, closed_on=date(2023, 12, 31)), WASTE_ENQUIRIES, date(2025, 12, 31)),
        (case("enquiry", 4, True, closed_on=date(2023, 2, 28)), CONFIDENTIAL, date(2026, 2, 28)),
        (
            case("complaint", 7, True, closed_on=date(2016, 2, 29)),
            SOCIAL_CARE_COMPLAINTS,
            date(2026, 2, 28),
        ),
    ],
)
def test_the_day_the_data_is_due_to_go(closed, expected_rule, expected_day):
    decision = due(SCHEDULE, closed)
    assert decision is not None
    assert (decision.rule, decision.on) == (expected_rule, expected_day)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 27), False),  # the day before
        (date(2026, 2, 28), True),  # the day itself
        (date(2026, 3, 1), True),
    ],
)
def test_due_from_the_day_itself(today, expected):
    # A confidential enquiry closed 28 February 2023, kept 36 months: due 28 February 2026.
    closed = case("enquiry", 4, confidential=True, closed_on=date(2023, 2, 28))
    assert is_due(SCHEDULE, closed, today) is expected


def test_nothing_is_due_without_a_rule():
    assert is_due((COMPLAINTS,), case("enquiry", 3), date(2099, 1, 1)) is False
