"""The per-address limit on automatic messages, decided at delivery (docs/adr/0037): five in
any hour, the sixth held back; held-back messages do not count. Expected keys worked by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from messaging.domain.flood_limit import Automatic, over_the_limit

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def at(minutes: float, key: str, recipient: str = "ann@example.com") -> Automatic:
    return Automatic(key=key, recipient=recipient, created_at=T0 + timedelta(minutes=minutes))


def held(messages: list[Automatic], deciding: set[str] | None = None, limit: int = 5) -> set:
    keys = {m.key for m in messages} if deciding is None else deciding
    return over_the_limit(messages, deciding=keys, limit=limit, window=HOUR)


def test_five_in_an_hour_go_and_the_sixth_and_seventh_are_held():
    # minutes 0..6: 0-4 go (5), 5 and 6 find five going since 09:05/09:06 → held.
    messages = [at(m, f"m{m}") for m in range(7)]
    assert held(messages) == {"m5", "m6"}


def test_an_hour_after_the_first_the_next_goes_again():
    # m0..m4 at 0..4 go; at 61 the window starts at 0:01, so m0 has left it: 4 going → goes.
    messages = [at(m, f"m{m}") for m in range(5)] + [at(61, "late")]
    assert held(messages) == set()


def test_the_window_includes_its_first_moment():
    # At exactly 60 minutes the window starts at 0:00, where m0 sits: five going → held.
    messages = [at(m, f"m{m}") for m in range(5)] + [at(60, "edge")]
    assert held(messages) == {"edge"}


def test_a_held_message_does_not_count_against_the_next():
    # m0-m4 go (0..4), m5 at 5 held; at 60.5 the window [0.5, 60.5] holds m1-m4 (4) → goes.
    # Had m5 counted it would be five and "next" held.
    messages = [at(m, f"m{m}") for m in range(6)] + [at(60.5, "next")]
    assert held(messages) == {"m5"}


def test_messages_already_sent_count_but_are_not_decided_again():
    # m0-m4 sent earlier (not deciding); only "new" is decided: five going before it → held.
    messages = [at(m, f"m{m}") for m in range(5)] + [at(10, "new")]
    assert held(messages, deciding={"new"}) == {"new"}


def test_each_address_has_its_own_count():
    ann = [at(m, f"a{m}") for m in range(6)]
    ben = [at(m + 0.5, f"b{m}", recipient="ben@example.com") for m in range(3)]
    merged = sorted(ann + ben, key=lambda m: m.created_at)
    assert held(merged) == {"a5"}


def test_messages_at_the_same_moment_are_taken_in_the_order_given():
    messages = [at(0, f"k{n}") for n in range(7)]
    assert held(messages) == {"k5", "k6"}


def test_a_limit_of_one():
    messages = [at(0, "a"), at(30, "b"), at(60, "c"), at(60.01, "d")]
    # a goes; b held (a within the hour); c: window [0, 60] holds a → held; d: window
    # [0.01, 60.01] holds nothing going (b, c held) → goes.
    assert held(messages, limit=1) == {"b", "c"}


def test_no_messages_hold_nothing():
    assert held([]) == set()


def test_a_limit_below_one_is_refused():
    with pytest.raises(ValueError):
        held([at(0, "a")], limit=0)
