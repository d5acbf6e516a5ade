"""The monitoring sample: reproducible from its seed, fair, and never more than there is."""

import random

import pytest

from performance.domain.sampling import SEED_LIMIT, new_seed, sample_ids


def test_the_same_seed_draws_the_same_sample_whatever_order_the_ids_came_in():
    ids = list(range(1, 101))
    shuffled = ids[::-1]
    assert sample_ids(ids, size=5, seed=42) == sample_ids(shuffled, size=5, seed=42)


def test_the_sample_is_what_random_random_draws_from_the_sorted_ids():
    """Worked by hand: Random(7).sample([10, 20, 30, 40, 50], 2) picks these two; anyone
    holding the seed can repeat the draw with Python's standard library."""
    expected = sorted(random.Random(7).sample([10, 20, 30, 40, 50], 2))
    assert sample_ids([50, 40, 30, 20, 10], size=2, seed=7) == expected


def test_a_different_seed_draws_a_different_sample():
    ids = list(range(1000))
    assert sample_ids(ids, size=10, seed=1) != sample_ids(ids, size=10, seed=2)


def test_the_sample_is_sorted_distinct_and_drawn_from_the_ids():
    chosen = sample_ids([5, 3, 3, 9, 1, 7], size=3, seed=99)
    assert chosen == sorted(chosen)
    assert len(set(chosen)) == 3
    assert set(chosen) <= {1, 3, 5, 7, 9}


@pytest.mark.parametrize(
    ("ids", "size", "expected"),
    [
        ([], 5, []),
        ([4, 2], 5, [2, 4]),
        ([4, 2, 2], 2, [2, 4]),
        ([8, 6, 7], 0, []),
    ],
)
def test_fewer_ids_than_the_size_gives_them_all(ids, size, expected):
    assert sample_ids(ids, size=size, seed=1) == expected


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError):
        sample_ids([1, 2], size=-1, seed=1)


def test_new_seeds_fit_the_seed_column():
    assert 1 <= new_seed(random.Random(3)) <= SEED_LIMIT
    assert new_seed(random.Random(3)) == new_seed(random.Random(3))
