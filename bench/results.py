"""What a benchmark returns: a ``Result`` (one metric) judged against a ``Target``.

Every metric is readmark's figure next to a baseline measured in the same run. ``ratio`` is
always ``value / baseline_value``; the target says which way is good:

* ``ratio_min``: throughput (higher is better), met when ``ratio >= limit``;
* ``ratio_max``: time (lower is better), met when ``ratio <= limit``;
* ``abs_over_baseline_max_ms``: met when ``value - baseline_value <= limit`` (milliseconds);
* ``value_max``: an absolute ceiling on readmark's figure, met when ``value < limit``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

TargetKind = Literal["ratio_min", "ratio_max", "abs_over_baseline_max_ms", "value_max"]
JSON_KEYS = ("metric", "value", "unit", "baseline", "baseline_value", "ratio", "target", "met")


@dataclass(frozen=True)
class Target:
    """A pass/fail rule for one metric.

    Attributes:
        kind: How ``limit`` is applied (see the module docstring).
        limit: The number in the rule.
        text: The rule for people, e.g. ``"≥ 0.5× baseline"``.
    """

    kind: TargetKind
    limit: float
    text: str

    def met(self, value: float, baseline: float | None) -> bool | None:
        """Return whether ``value`` (with ``baseline``) meets this target; ``None`` if unknown."""
        if self.kind == "value_max":
            return value < self.limit
        if baseline is None:
            return None
        if self.kind == "abs_over_baseline_max_ms":
            return value - baseline <= self.limit
        ratio = ratio_of(value, baseline)
        if ratio is None:
            return None
        return ratio >= self.limit if self.kind == "ratio_min" else ratio <= self.limit

    def to_json(self) -> dict[str, Any]:
        """Return ``{"kind", "limit", "text"}``."""
        return {"kind": self.kind, "limit": self.limit, "text": self.text}


def at_least(limit: float) -> Target:
    """Throughput target: readmark/baseline ≥ ``limit``."""
    return Target("ratio_min", limit, f"≥ {limit:g}× baseline")


def at_most(limit: float) -> Target:
    """Time target: readmark/baseline ≤ ``limit``."""
    return Target("ratio_max", limit, f"≤ {limit:g}× baseline")


def within_ms(limit: float) -> Target:
    """Time target: readmark ≤ baseline + ``limit`` milliseconds."""
    return Target("abs_over_baseline_max_ms", limit, f"≤ baseline + {limit:g} ms")


def below(limit: float, unit: str) -> Target:
    """Absolute ceiling: readmark's figure < ``limit`` ``unit``."""
    return Target("value_max", limit, f"< {limit:g} {unit}")


def ratio_of(value: float, baseline: float) -> float | None:
    """Return ``value / baseline``, or ``None`` when the baseline is zero or not finite."""
    if not baseline or not math.isfinite(baseline) or not math.isfinite(value):
        return None
    return value / baseline


@dataclass(frozen=True)
class Result:
    """One metric of one run.

    Attributes:
        metric: What was measured, e.g. ``"search p95, rare term"``.
        value: readmark's figure (``None`` when skipped).
        unit: Unit of ``value`` and ``baseline_value``.
        baseline: What the baseline is, e.g. ``"raw FTS5 SQL"``.
        baseline_value: The baseline's figure, measured in the same run.
        target: The pass/fail rule, or ``None`` for a figure kept for information.
        note: Why it was skipped, or anything a reader of the table should know.
        skipped: Whether the metric could not be measured (feature missing, tool missing).
    """

    metric: str
    value: float | None
    unit: str
    baseline: str
    baseline_value: float | None
    target: Target | None = None
    note: str | None = None
    skipped: bool = False

    @property
    def ratio(self) -> float | None:
        """``value / baseline_value`` (see the module docstring for which way is good)."""
        if self.value is None or self.baseline_value is None:
            return None
        return ratio_of(self.value, self.baseline_value)

    @property
    def met(self) -> bool | None:
        """Whether the target is met; ``None`` when skipped or there is no target."""
        if self.skipped or self.target is None or self.value is None:
            return None
        return self.target.met(self.value, self.baseline_value)

    def to_json(self) -> dict[str, Any]:
        """Return the documented JSON object (``JSON_KEYS`` plus ``note`` and ``skipped``)."""
        return {
            "metric": self.metric,
            "value": self.value,
            "unit": self.unit,
            "baseline": self.baseline,
            "baseline_value": self.baseline_value,
            "ratio": self.ratio,
            "target": self.target.to_json() if self.target else None,
            "met": self.met,
            "note": self.note,
            "skipped": self.skipped,
        }


def skipped(metric: str, unit: str, baseline: str, target: Target | None, note: str) -> Result:
    """Return a ``Result`` for a metric that could not be measured, with the reason."""
    return Result(metric, None, unit, baseline, None, target, note=note, skipped=True)
