"""readmark as users meet it: processes, a pseudo-terminal, typed keys; at several library sizes.

For each size in ``ctx.sizes.scales`` (10,000 and 100,000 articles; 300,000 in full runs):

* Startup to rows on screen: the ``readmark`` console script's entry point (``reader.cli:main``,
  run by the same interpreter) started on a pty, until an article title from the list is drawn;
  against a minimal Textual app (one ``Static``) started the same way. Target ≤ 1.3×. The peak
  RSS of each readmark process is reported alongside (information).
* CLI commands as processes (``list --limit 20``, ``highlights --json``, ``show``, ``search``,
  ``info``), against a Python script (a process too) running the same SQL and printing the rows.
  Target ≤ 3×.
* Search in the library: 1–2 letter prefixes (``Library.search``) p95, target ≤ 50 ms (the bare
  FTS5 full-word query is the baseline shown); a word in every article against bare FTS5,
  target ≤ raw + 50 ms; a rare term (information).
* Flatness: readmark's figure at the largest size against the smallest, target ≤ 1.5× (our
  reading of "flat"), for startup, the CLI commands, and the searches.
* Typed search (largest size): the TUI on a pty, ``/`` then a word typed at 150 ms per key; the
  time from the last key to the final query's first result drawn, against the same word pasted
  at once (one query). Target ≤ 1.5×.

Figures are medians over ``repeats`` (``tui_runs`` for pty runs); every side is a fresh process.
"""

from __future__ import annotations

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.common import ms, percentile, samples
from bench.context import BenchContext
from bench.pty_session import PASTE_END, PASTE_START, PtySession
from bench.results import Result, at_most, below, within_ms
from reader.library import Library

ORDER = 25
ROOT = Path(__file__).resolve().parent.parent
# What the ``readmark`` console script runs (pyproject: readmark = "reader.cli:main").
ENTRY = "import sys; from reader.cli import main; sys.argv[0] = 'readmark'; main()"
MINIMAL_MARK = "minimal app drawn"
MINIMAL = f"""
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static({MINIMAL_MARK!r})


Minimal().run()
"""
# The baseline for each CLI command: the same SQL from a plain Python script.
SQL_SCRIPT = r"""
import json, sqlite3, sys
db, kind, arg = sys.argv[1], sys.argv[2], sys.argv[3]
con = sqlite3.connect(db)
con.row_factory = sqlite3.Row
if kind == "list":
    rows = con.execute("SELECT id, title, authors, site, published, words, progress FROM articles "
                       "WHERE deleted IS NULL ORDER BY sort_date DESC, id DESC LIMIT 20")
elif kind == "highlights":
    rows = con.execute("SELECT * FROM highlights WHERE deleted IS NULL "
                       "ORDER BY created DESC, id DESC")
elif kind == "show":
    rows = con.execute("SELECT title, authors, site, published, body FROM articles WHERE id = ?",
                       [arg])
elif kind == "search":
    rows = con.execute(
        "SELECT a.id, a.title, a.authors, a.site, a.published, a.words, "
        "snippet(articles_fts, 2, '[', ']', '…', 12) AS snippet "
        "FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY rank LIMIT 20", [f'"{arg}"*'])
else:
    rows = [con.execute(
        "SELECT (SELECT count(*) FROM articles WHERE deleted IS NULL) AS articles, "
        "(SELECT count(*) FROM articles WHERE deleted IS NOT NULL) AS deleted, "
        "(SELECT coalesce(sum(words), 0) FROM articles WHERE deleted IS NULL) AS words, "
        "(SELECT coalesce(sum(highlights), 0) FROM articles WHERE deleted IS NULL) AS hl, "
        "sqlite_version() AS sqlite").fetchone()]
print(json.dumps([dict(r) for r in rows], ensure_ascii=False, indent=2))
"""
RAW = "bare FTS5 full-word query"
FLAT = 1.5


def _env(ctx: BenchContext) -> dict[str, str]:
    """Environment for the children: this tree first, config and data kept in the workdir."""
    home = ctx.workdir / "home"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HOME": str(home),
           "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CACHE_HOME": str(home / "cache"), "PAGER": "cat"}
    env.pop("READMARK_DB", None)
    return env


def _readmark(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-c", ENTRY, "--db", str(db), *args]


def _first_titles(ctx: BenchContext, db: Path) -> list[str]:
    """Starts of the first titles the reader lists (what to wait for on screen)."""
    out = subprocess.run(_readmark(db, "list", "--limit", "3", "--json"), capture_output=True,
                         text=True, env=_env(ctx), cwd=ROOT, check=True, timeout=300).stdout
    return [a["title"][:24] for a in json.loads(out)]


def _pty_until(ctx: BenchContext, argv: list[str], needles: list[str]
               ) -> tuple[float, float | None]:
    """Seconds from starting ``argv`` on a pty to one of ``needles`` drawn, and peak RSS."""
    with PtySession(argv, cwd=ROOT, env=_env(ctx)) as session:
        at = session.wait_for(needles, timeout=300)
        if at is None:
            raise RuntimeError(f"{argv[-1]!r} never drew {needles[0]!r}; last output: "
                               f"{session.output_since(session.started)[-300:]!r}")
        return at - session.started, session.peak_rss_mib()


def _startup(ctx: BenchContext, n: int, db: Path) -> tuple[list[Result], float]:
    needles = _first_titles(ctx, db)
    minimal = [sys.executable, "-c", MINIMAL]
    ours_argv = _readmark(db)
    if ctx.mode != "smoke":
        _pty_until(ctx, minimal, [MINIMAL_MARK])  # warm the file cache and bytecode
        _pty_until(ctx, ours_argv, needles)
    base, ours, rss, base_rss = [], [], [], []
    for _ in range(ctx.sizes.tui_runs):
        seconds, peak = _pty_until(ctx, minimal, [MINIMAL_MARK])
        base.append(seconds)
        if peak is not None:
            base_rss.append(peak)
        seconds, peak = _pty_until(ctx, ours_argv, needles)
        ours.append(seconds)
        if peak is not None:
            rss.append(peak)
    value = ms(statistics.median(ours))
    rows = [Result(f"startup to rows on screen via readmark, {n:,} articles", value, "ms",
                   "minimal Textual app, same way", ms(statistics.median(base)), at_most(1.3),
                   note=f"pty {120}x{40}, entry point reader.cli:main; median of "
                   f"{ctx.sizes.tui_runs} fresh processes")]
    if rss and base_rss:
        rows.append(Result(f"peak RSS at startup, {n:,} articles", statistics.median(rss), "MB",
                           "minimal Textual app, same way", statistics.median(base_rss), None,
                           note="for information: VmHWM when the first rows are drawn"))
    return rows, value


def _process_times(ctx: BenchContext, argv: list[str]) -> float:
    """Median seconds of running ``argv`` to completion (output to a pipe)."""
    env = _env(ctx)

    def once() -> None:
        subprocess.run(argv, env=env, cwd=ROOT, check=True, capture_output=True, timeout=600)

    if ctx.mode != "smoke":
        once()  # warm-up
    return statistics.median(samples(once, 1 if ctx.mode == "smoke" else ctx.repeats))


def _cli(ctx: BenchContext, n: int, db: Path, term: str) -> tuple[list[Result], dict[str, float]]:
    with Library(db) as lib:
        hits = lib.search(term, limit=1)
        some_id = hits[0].article.id if hits else lib.resolve(_first_titles(ctx, db)[0]).id
    commands = {
        "list --limit 20": (["list", "--limit", "20"], "list", ""),
        "highlights --json": (["highlights", "--json"], "highlights", ""),
        "show": (["show", some_id, "--no-pager"], "show", some_id),
        "search": (["search", term], "search", term),
        "info": (["info"], "info", ""),
    }
    rows, figures = [], {}
    for name, (args, kind, arg) in commands.items():
        ours = _process_times(ctx, _readmark(db, *args))
        base = _process_times(ctx, [sys.executable, "-c", SQL_SCRIPT, str(db), kind, arg])
        figures[name] = ms(ours)
        rows.append(Result(f"readmark {name} (process), {n:,} articles", ms(ours), "ms",
                           "Python script, same SQL (process)", ms(base), at_most(3),
                           note=f"median of {ctx.repeats}, output to a pipe"))
    return rows, figures


def _search(ctx: BenchContext, n: int, db: Path, common: str, rare: str
            ) -> tuple[list[Result], dict[str, float]]:
    lib = Library(db)
    raw = sqlite3.connect(db)
    try:
        def ours(term: str) -> Callable[[], object]:
            return lambda: lib.search(term, limit=50)

        def bare(term: str) -> Callable[[], object]:
            return lambda: raw.execute("SELECT rowid FROM articles_fts WHERE articles_fts "
                                       "MATCH ? ORDER BY rank LIMIT 50", [f'"{term}"']).fetchall()

        repeat = max(ctx.repeats, 5)
        words = [w for w in ctx.corpus.content_words[:3]]
        prefixes = list(dict.fromkeys([w[:1] for w in words] + [w[:2] for w in words]))
        mine: list[float] = []
        for prefix in prefixes:
            ours(prefix)()
            mine += samples(ours(prefix), repeat)
        base: list[float] = []
        for word in words:
            bare(word)()
            base += samples(bare(word), repeat)
        common_ours = samples(ours(common), repeat)
        common_base = samples(bare(common), repeat)
        rare_ours = samples(ours(rare), repeat)
        rare_base = samples(bare(rare), repeat)
    finally:
        raw.close()
        lib.close()
    prefix_p95 = ms(percentile(mine, 95))
    common_p50 = ms(statistics.median(common_ours))
    rare_p50 = ms(statistics.median(rare_ours))
    rows = [
        Result(f"prefix search p95 (1–2 letters), {n:,} articles", prefix_p95, "ms", RAW,
               ms(percentile(base, 95)), below(50, "ms"),
               note=f"prefixes {', '.join(prefixes)} × {repeat}; Library.search(limit=50)"),
        Result(f"common-word search p50 ({common!r}), {n:,} articles", common_p50, "ms",
               "bare FTS5, same word", ms(statistics.median(common_base)), within_ms(50),
               note=f"{repeat} runs"),
        Result(f"rare-term search p50, {n:,} articles", rare_p50, "ms", "bare FTS5, same word",
               ms(statistics.median(rare_base)), None, note=f"for information; {rare!r}"),
    ]
    return rows, {"prefix search p95": prefix_p95, "common-word search p50": common_p50,
                  "rare-term search p50": rare_p50}


def _distinct_word(db: Path, candidates: list[str]) -> tuple[str, str] | None:
    """A word whose first hit's title differs from that of the prefixes typed on the way.

    The typed-search row waits for the final query's first title to be drawn after the last
    key; if an earlier prefix showed the same first row, it would never be redrawn.
    """
    tops: dict[str, str | None] = {}
    with Library(db) as lib:
        def top(text: str) -> str | None:
            if text not in tops:
                hits = lib.search(text, limit=1)
                tops[text] = hits[0].article.title[:24] if hits else None
            return tops[text]

        for word in candidates:
            final = top(word)
            # One-letter prefixes are left out: they cost seconds each on a large library.
            if final is not None and all(top(word[:k]) != final for k in range(2, len(word))):
                return word, final
    return None


def _typed(ctx: BenchContext, db: Path, word: str, needle: str, *, paste: bool) -> float:
    """Seconds from the last key (or the paste) to ``needle`` drawn, in a fresh TUI."""
    with PtySession(_readmark(db), cwd=ROOT, env=_env(ctx)) as session:
        if session.wait_for(_first_titles(ctx, db), timeout=300) is None:
            raise RuntimeError("the reader never drew its list")
        time.sleep(0.5)  # as a reader would: look at the list, then search
        session.send(b"/")
        time.sleep(0.3)
        if paste:
            last = session.send(PASTE_START + word.encode() + PASTE_END)
        else:
            last = 0.0
            for char in word:
                last = session.send(char.encode())
                time.sleep(0.15)
            last = last if last else time.perf_counter()
        cap = 10.0 if ctx.mode == "smoke" else 120.0
        at = session.wait_for([needle], since=last, timeout=cap)
        if at is None:
            return cap
        return at - last


def _typed_rows(ctx: BenchContext, n: int, db: Path, rare: str) -> list[Result]:
    picked = _distinct_word(db, [*ctx.corpus.content_words[3:40], rare])
    metric = f"typed search, last key to results, {n:,} articles"
    if picked is None:
        from bench.results import skipped

        return [skipped(metric, "ms", "same word pasted (one query)", at_most(1.5),
                        "no word whose results differ from its prefixes' was found")]
    word, needle = picked
    cap = 10.0 if ctx.mode == "smoke" else 120.0
    typed, pasted = [], []
    for _ in range(max(ctx.sizes.tui_runs - 1, 1)):
        typed.append(_typed(ctx, db, word, needle, paste=False))
        pasted.append(_typed(ctx, db, word, needle, paste=True))
    return [Result(metric, ms(statistics.median(typed)), "ms", "same word pasted (one query)",
                   ms(statistics.median(pasted)), at_most(1.5),
                   note=f"{word!r} typed at 150 ms/key on a pty; median of "
                   f"{len(typed)} fresh processes each; runs that never drew the result "
                   f"(counted as {cap:g} s): {sum(t >= cap for t in typed)} typed, "
                   f"{sum(t >= cap for t in pasted)} pasted")]


def _with_hits(db: Path, candidates: list[str]) -> str:
    """The first of ``candidates`` found in the library (else the first)."""
    with Library(db) as lib:
        return next((t for t in candidates if lib.search(t, limit=1)), candidates[0])


def _flat(name: str, figures: dict[int, dict[str, float]]) -> Result:
    low, high = min(figures), max(figures)
    return Result(f"{name}: {high:,} vs {low:,} articles", figures[high][name], "ms",
                  f"same at {low:,} articles", figures[low][name], at_most(FLAT),
                  note=f"flatness (target ≤ {FLAT}×: our reading of 'flat')")


def run(ctx: BenchContext) -> list[Result]:
    """Measure startup, the CLI commands and search at each size; typed search at the largest."""
    from bench.bench_search import rare_terms

    results: list[Result] = []
    figures: dict[int, dict[str, float]] = {}
    candidates = rare_terms(ctx)
    common = "the" if "the" in ctx.corpus.vocabulary else ctx.corpus.vocabulary[0]
    for n in sorted(set(ctx.sizes.scales)):
        db = ctx.library_at(n).path
        rare = _with_hits(db, candidates)
        ctx.log(f"   {n:,} articles: startup on a pty")
        rows, startup = _startup(ctx, n, db)
        results += rows
        ctx.log(f"   {n:,} articles: CLI processes")
        rows, cli_figures = _cli(ctx, n, db, rare)
        results += rows
        rows, search_figures = _search(ctx, n, db, common, rare)
        results += rows
        figures[n] = {"startup via readmark": startup, **cli_figures, **search_figures}
    if len(figures) > 1:
        for name in figures[min(figures)]:
            results.append(_flat(name, figures))
    largest = max(ctx.sizes.scales)
    ctx.log(f"   {largest:,} articles: typed search on a pty")
    db = ctx.library_at(largest).path
    results += _typed_rows(ctx, largest, db, _with_hits(db, candidates))
    return results
