"""Search latency (p50, p95) for rare and common terms in the shared library.

readmark's side is ``Library.search(term, limit=50)``: ranked, with snippets, the last word also
matched as a prefix (search as you type). The baselines are a bare ranked FTS5 match of the same
term on the same file (``SELECT rowid … MATCH ? ORDER BY rank LIMIT 50``) and, for rare terms,
``rg`` over the same articles as files (skipped when ``rg`` is not installed).

Rare terms are the surnames of people quoted in articles spread over the corpus (a pool of
20,000, so each is in a handful of articles); common terms are ``said`` and the two most
frequent content words. Targets: readmark ≤ raw FTS5 + 20 ms; rare terms ≤ 0.05× ``rg``.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from functools import partial

from bench.common import ms, percentile, samples
from bench.context import BenchContext
from bench.results import Result, at_most, skipped, within_ms
from reader.library import Library

ORDER = 20
RAW = "raw FTS5 SQL"


def rare_terms(ctx: BenchContext) -> list[str]:
    """Return surnames quoted in articles spread evenly over the corpus."""
    count = ctx.sizes.search_terms
    step = max(ctx.n // count, 1)
    terms = [ctx.corpus.cast(i)[0].split()[-1] for i in range(0, ctx.n, step)][:count]
    return list(dict.fromkeys(terms))


def common_terms(ctx: BenchContext) -> list[str]:
    """Return ``said`` and the two most frequent content words of the corpus."""
    return ["said", *ctx.corpus.content_words[:2]]


def _timings(fn: Callable[[str], object], terms: list[str], repeat: int) -> list[float]:
    """Time ``fn(term)`` ``repeat`` times for every term (after one warm-up call each)."""
    out: list[float] = []
    for term in terms:
        fn(term)
        out += samples(partial(fn, term), repeat)
    return out


def _doc_share(raw: sqlite3.Connection, terms: list[str], total: int) -> str:
    """Return the median share of articles matching one of ``terms``, for the notes."""
    counts = sorted(raw.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?",
                                [f'"{t}"']).fetchone()[0] for t in terms)
    median = counts[len(counts) // 2]
    return f"{median:,} matching articles ({median / max(total, 1):.2%})"


def _pair(kind: str, ours: list[float], base: list[float], note: str
          ) -> list[Result]:
    return [Result(f"search {pct_name}, {kind} term", ms(percentile(ours, pct)), "ms", RAW,
                   ms(percentile(base, pct)), within_ms(20), note=note)
            for pct_name, pct in (("p50", 50), ("p95", 95))]


def _rg(ctx: BenchContext, terms: list[str], ours: list[float]) -> Result:
    """readmark's rare-term p50 against ``rg`` over the same articles as files."""
    metric, baseline = "search p50, rare term, vs rg", "rg -l -i -w -F over the same files"
    rg = shutil.which("rg")
    if rg is None:
        return skipped(metric, "ms", baseline, at_most(0.05), "rg is not installed")
    folder = ctx.files()
    terms = terms[:3]

    def search(term: str) -> None:
        subprocess.run([rg, "-l", "-i", "-w", "-F", term, str(folder)], check=False,
                       stdout=subprocess.DEVNULL)

    base = _timings(search, terms, ctx.repeats)
    return Result(metric, ms(percentile(ours, 50)), "ms", baseline, ms(percentile(base, 50)),
                  at_most(0.05), note=f"{len(terms)} terms × {ctx.repeats}, warm file cache")


def run(ctx: BenchContext) -> list[Result]:
    """Time rare- and common-term searches, readmark against raw FTS5 and ``rg``."""
    built = ctx.library()
    lib = Library(built.path)
    raw = sqlite3.connect(built.path)
    try:
        def ours(term: str) -> object:
            return lib.search(term, limit=50)

        def bare(term: str) -> object:
            return raw.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                               "ORDER BY rank LIMIT 50", [f'"{term}"']).fetchall()

        results: list[Result] = []
        rare_times: list[float] = []
        rare: list[str] = []
        for kind, terms, repeat in (("rare", rare_terms(ctx), ctx.repeats),
                                    ("common", common_terms(ctx), max(ctx.repeats, 7))):
            mine = _timings(ours, terms, repeat)
            note = (f"{len(terms)} terms × {repeat} runs; "
                    f"{_doc_share(raw, terms, built.articles)}")
            results += _pair(kind, mine, _timings(bare, terms, repeat), note)
            if kind == "rare":
                rare_times, rare = mine, terms
        results.append(_rg(ctx, rare, rare_times))
        return results
    finally:
        raw.close()
        lib.close()
