"""Exporting 10,000 highlights, against a raw SELECT of the same highlights to a file.

NOT BUILT YET: highlights (``Library.add_highlight``) and export (``reader/export``) are being
written. Until both exist this module reports the metric as skipped. To finish it, replace the
body of ``run`` (see bench/README.md, "Adding a benchmark"): build a library with
``bench.libraries.build_library(..., highlights_per_article=N)`` so it holds 10,000 highlights,
time readmark's export of them to a file, and time the baseline, a bare ``SELECT`` of the same
highlight rows written to a file, in the same run. Target: readmark ≥ 0.3× the baseline's
highlights/s.
"""

from __future__ import annotations

import importlib.util
import pkgutil

from bench.context import BenchContext
from bench.libraries import can_highlight
from bench.results import Result, at_least, skipped

ORDER = 60
METRIC = "export 10,000 highlights"
UNIT = "highlights/s"
BASELINE = "raw SELECT to a file"


def missing() -> str | None:
    """Return what is missing for this benchmark, or ``None`` when everything is there."""
    if not can_highlight():
        return "highlights are not in the store yet (no Library.add_highlight)"
    spec = importlib.util.find_spec("reader.export")
    if spec is None or not any(pkgutil.iter_modules(spec.submodule_search_locations or [])):
        return "export is not built yet (reader/export is empty)"
    return "export benchmark not written yet (see bench/README.md)"


def run(ctx: BenchContext) -> list[Result]:
    """Report the export metric as skipped, with what is missing."""
    reason = missing()
    return [skipped(METRIC, UNIT, BASELINE, at_least(0.3), reason or "not measured")]
