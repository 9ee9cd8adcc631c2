"""Timing helpers shared by the benchmarks: samples, medians, percentiles."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def samples(fn: Callable[[], object], repeat: int = 5, *, setup: Callable[[], object] | None = None
            ) -> list[float]:
    """Return the wall times of ``repeat`` runs of ``fn``, in seconds.

    Args:
        fn: What to time.
        repeat: How many runs.
        setup: Called before each run, outside the timing (e.g. to clear caches).
    """
    times = []
    for _ in range(max(repeat, 1)):
        if setup is not None:
            setup()
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median_of(fn: Callable[[], object], repeat: int = 5, *,
              setup: Callable[[], object] | None = None) -> float:
    """Return the median wall time of ``repeat`` runs of ``fn``, in seconds."""
    return statistics.median(samples(fn, repeat, setup=setup))


def percentile(values: list[float], pct: float) -> float:
    """Return the ``pct`` percentile of ``values`` (linear interpolation, like numpy's default).

    Raises:
        ValueError: If ``values`` is empty.
    """
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * pct / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def ms(seconds: float) -> float:
    """Return ``seconds`` in milliseconds."""
    return seconds * 1000.0
