"""Random monitoring: which closed cases a month's sample checks (plain Python, no Django).

The draw is reproducible: the same ids, size and seed always give the same sample, so the seed
recorded with a sample lets anyone check it was drawn fairly.
"""

import random
from collections.abc import Iterable

#: Seeds are drawn from this range and stored in a signed 64-bit column.
SEED_LIMIT = 2**63 - 1


def sample_ids(ids: Iterable[int], *, size: int, seed: int) -> list[int]:
    """``size`` of ``ids`` chosen at random with ``seed`` (all of them when there are fewer),
    in ascending order. The ids are sorted first, so the order they came in cannot matter."""
    if size < 0:
        raise ValueError("size must not be negative")
    population = sorted(set(ids))
    if size >= len(population):
        return population
    return sorted(random.Random(seed).sample(population, size))


def new_seed(source: random.Random | None = None) -> int:
    """A fresh seed for a sample (from the operating system's randomness unless given)."""
    return (source or random.SystemRandom()).randint(1, SEED_LIMIT)
