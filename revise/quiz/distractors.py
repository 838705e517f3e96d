"""Plausible wrong numbers for a limit: same unit, never equal to the answer, in a sensible range."""

from __future__ import annotations

import random

BOUNDED = {"percent": (1, 100), "point": (1, 100), "score": (1, 5)}
SPREAD = 12  # a limit used elsewhere in the corpus is plausible within this factor (2 h vs 24 h)


WHOLE = {"working-day", "day", "week", "month", "second", "percent", "point"}


def _clean(value: float, step: float, unit: str) -> float:
    """Round as a rule would be written: halves only below 2 (0.5 小时), else whole numbers or the answer's step."""
    if value < 2 and unit not in WHOLE:
        return float(round(value * 2) / 2)
    return float(max(step, round(value / step) * step)) if value >= step else float(round(value))


def _near(value: float, unit: str) -> list[float]:
    if unit == "score":
        return [value - 0.5, value + 0.5, value - 1, value + 1]
    if unit in BOUNDED:
        return [value - 5, value + 5, value - 10, value + 3, value - 3, value - 15]
    near = [value / 2, value * 2, value * 1.5, value * 3, value / 3, value * 4]
    return near + ([value + 1, value - 1] if value < 10 else [])


def numbers(value: float, unit: str, rng: random.Random, seen: frozenset[float] = frozenset(), n: int = 3) -> list[float]:
    """`n` distinct wrong values near `value` (same unit); one value met elsewhere in the corpus first."""
    low, high = BOUNDED.get(unit, (0, float("inf")))
    seen = frozenset(v for v in seen if value / SPREAD <= v <= value * SPREAD)
    pool = []
    step = 5.0 if value >= 10 and value % 5 == 0 else 1.0
    for candidate in [*sorted(set(seen)), *_near(value, unit)]:
        candidate = _clean(candidate, step, unit) if unit != "score" else candidate
        if low <= candidate <= high and candidate > 0 and candidate != value and candidate not in pool:
            pool.append(candidate)
    corpus_values = [v for v in pool if v in seen]
    arithmetic = [v for v in pool if v not in seen]
    rng.shuffle(corpus_values)
    rng.shuffle(arithmetic)
    chosen = (corpus_values[:1] + arithmetic)[:n]
    chosen += [v for v in corpus_values[1:] if v not in chosen][: n - len(chosen)]
    spare = [value * k for k in (5, 6, 8, 10, 12)] if unit not in BOUNDED else []
    chosen += [v for v in spare if v not in chosen and v != value][: n - len(chosen)]
    return chosen
