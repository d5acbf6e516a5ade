"""contacts/hooks.py: the registry through which higher apps tell contacts what it needs."""

import pytest

from complaints.access import complaint_audience, complaint_receivers, complaints_readable
from contacts import hooks
from councillors.selectors import enquiries_read_in_full, enquiry_cases_visible_to
from councillors.services import enquiry_resolved
from messaging.voicemail import on_voicemail_acknowledged


def test_a_hook_calls_its_functions_once_each_in_the_order_they_registered():
    hook: hooks.Hook = hooks.Hook("test")
    calls = []

    def first(**kwargs):
        calls.append(("first", kwargs))

    def second(**kwargs):
        calls.append(("second", kwargs))

    hook.register(first)
    hook.register(second)
    hook.register(first)  # ready() may run twice in tests

    hook(case=7)

    assert calls == [("first", {"case": 7}), ("second", {"case": 7})]
    assert hook.registered() == (first, second)


def test_a_failure_in_a_function_reaches_the_caller():
    hook: hooks.Hook = hooks.Hook("test")

    def broken(**kwargs):
        raise RuntimeError("no")

    hook.register(broken)
    with pytest.raises(RuntimeError, match="no"):
        hook()


def test_filters_narrow_in_turn():
    filters: hooks.Filters[list[int]] = hooks.Filters("test")
    filters.register(lambda values, *, below: [v for v in values if v < below])
    filters.register(lambda values, *, below: [v for v in values if v % 2 == 0])

    assert filters.apply([1, 2, 3, 4, 5, 6], below=5) == [2, 4]


def test_a_provider_answers_with_its_default_until_one_app_provides():
    provider: hooks.Provider = hooks.Provider("test", lambda x: x + 1)
    assert provider(1) == 2

    def double(x):
        return x * 2

    provider.register(double)
    provider.register(double)
    assert provider(5) == 10
    with pytest.raises(RuntimeError, match="already provided"):
        provider.register(lambda x: x)


def test_complaints_and_councillors_register_what_contacts_needs_of_them():
    assert hooks.complaints_readable._function is complaints_readable
    assert complaint_receivers in hooks.case_receivers.registered()
    assert complaint_audience in hooks.case_audience.registered()
    assert enquiry_resolved in hooks.case_resolved.registered()
    assert hooks.members_cases._function is enquiry_cases_visible_to
    assert hooks.members_own_cases._function is enquiries_read_in_full


def test_messaging_tells_the_caller_when_a_voicemail_is_acknowledged():
    assert on_voicemail_acknowledged in hooks.voicemail_acknowledged.registered()
