"""The Wilson score interval of a proportion: a conformity rate from a sample, with its uncertainty.

Unlike the textbook `p ± z·√(p(1−p)/n)`, it stays within 0–1 and is honest for small samples
and for rates near 0 or 1 (20 of 20 conform: 83.9 %–100 %, not 100 %–100 %). This is the
interval Wilson (1927) gives and statistics packages call `method="wilson"`.
"""

from __future__ import annotations

import math

Z95 = 1.959963984540054  # the two-sided 95 % quantile of the standard normal distribution


def interval(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The (low, high) bounds of the rate `successes / n`; None for an empty sample."""
    if n <= 0:
        return None
    if not 0 <= successes <= n:
        raise ValueError(f"{successes} successes out of {n}")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = (z / (1 + z2 / n)) * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_for(margin: float, rate: float = 0.5, z: float = Z95) -> int:
    """Contacts to sample so that the interval's half-width is about `margin` at `rate`."""
    return math.ceil(z * z * rate * (1 - rate) / (margin * margin))
