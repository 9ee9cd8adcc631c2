"""Merging two libraries of 100,000 highlights each, against ATTACH + INSERT OR IGNORE.

NOT BUILT YET: highlights (``Library.add_highlight``) and merging (``reader/sync``) are being
written. Until both exist this module reports the metric as skipped. To finish it, replace the
body of ``run`` (see bench/README.md, "Adding a benchmark"): build two libraries with
``bench.libraries.build_library(..., highlights_per_article=N)`` (different corpus seeds, or the
same articles with different highlights), time readmark's merge of one into the other, and time
the baseline in the same run: ``ATTACH`` the second file and ``INSERT OR IGNORE`` its rows into
the first. Target: readmark ≥ 0.5× the baseline's highlights/s.
"""

from __future__ import annotations

import importlib.util
import pkgutil

from bench.context import BenchContext
from bench.libraries import can_highlight
from bench.results import Result, at_least, skipped

ORDER = 70
METRIC = "merge two 100,000-highlight libraries"
UNIT = "highlights/s"
BASELINE = "ATTACH + INSERT OR IGNORE"


def missing() -> str | None:
    """Return what is missing for this benchmark, or ``None`` when everything is there."""
    if not can_highlight():
        return "highlights are not in the store yet (no Library.add_highlight)"
    spec = importlib.util.find_spec("reader.sync")
    if spec is None or not any(pkgutil.iter_modules(spec.submodule_search_locations or [])):
        return "merge is not built yet (reader/sync is empty)"
    return "merge benchmark not written yet (see bench/README.md)"


def run(ctx: BenchContext) -> list[Result]:
    """Report the merge metric as skipped, with what is missing."""
    reason = missing()
    return [skipped(METRIC, UNIT, BASELINE, at_least(0.5), reason or "not measured")]
