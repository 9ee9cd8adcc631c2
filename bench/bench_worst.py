"""Text-engine worst cases, through ``readmark quotes FILE --json`` as processes, with a time cap.

Generators (each file one paragraph, cut to the size):

* ``quotes, no full stop``: ``"Yes," said Ana, "no," said Ben, …`` (each quote used to rescan
  its sentence);
* ``[ repeated``, ``[a]( repeated``: unclosed link openers (the inline parser ran per ``[``);
* ``*a_ repeated``: unclosed emphasis runs.

The baseline is news-like text of the same size (corpus articles joined). A figure is the
command's time minus that of the same command on a one-word file (start-up), median over
``repeats`` (one run when it takes over a second). Target ≤ 3× the news-like text. A run still
going after ``worst_cap`` seconds is stopped and reported as missed at the cap.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from bench.bench_users import ROOT, _env
from bench.context import BenchContext
from bench.results import Result, at_most

ORDER = 55
# Runs ``readmark quotes`` in one process: first on a one-word file (start-up and imports
# done), then timed on the real file; prints the seconds of the second run on stderr.
CHILD = """
import contextlib, io, sys, time
from reader.cli import cli

def quotes(path):
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(["--db", sys.argv[1], "quotes", path, "--json"], prog_name="readmark",
                 standalone_mode=False)

quotes(sys.argv[2])
start = time.perf_counter()
quotes(sys.argv[3])
print("TOOK", time.perf_counter() - start, file=sys.stderr)
"""


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


GENERATORS: dict[str, Callable[[int], str]] = {
    "quotes, no full stop": _repeat('"Yes," said Ana Ruiz, "no," said Ben Ode, '),
    "[ repeated": _repeat("["),
    "[a]( repeated": _repeat("[a]("),
    "*a_ repeated": _repeat("*a_"),
}


def _news(ctx: BenchContext, size: int) -> str:
    parts, total, i = [], 0, 0
    while total < size:
        body = ctx.corpus.text(i).split("\n---\n", 1)[-1]
        parts.append(body)
        total += len(body) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def _timed(ctx: BenchContext, path: Path, cap: float) -> float | None:
    """Seconds of ``readmark quotes PATH --json`` after start-up; ``None`` if stopped at ``cap``.
    """
    tiny = ctx.workdir / "worst" / "tiny.md"
    argv = [sys.executable, "-c", CHILD, str(ctx.workdir / "worst.db"), str(tiny), str(path)]
    try:
        done = subprocess.run(argv, env=_env(ctx), cwd=ROOT, capture_output=True, check=True,
                              text=True, timeout=cap + 30)
    except subprocess.TimeoutExpired:
        return None
    took = float(done.stderr.rsplit("TOOK", 1)[1].split()[0])
    return None if took > cap else took


def _median(ctx: BenchContext, path: Path, cap: float) -> float | None:
    first = _timed(ctx, path, cap)
    if first is None or first > 1.0 or ctx.mode == "smoke":
        return first
    rest = [_timed(ctx, path, cap) for _ in range(ctx.repeats - 1)]
    return statistics.median([first, *(t for t in rest if t is not None)])


def _size_name(size: int) -> str:
    return f"{size / 1e6:g} MB" if size >= 1_000_000 else f"{size / 1e3:g} KB"


def run(ctx: BenchContext) -> list[Result]:
    """Time each generator at each size against news-like text of the same size."""
    folder = ctx.workdir / "worst"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "tiny.md").write_text("Hello.\n", encoding="utf-8")
    cap = ctx.sizes.worst_cap
    results: list[Result] = []
    for size in ctx.sizes.worst_sizes:
        news_path = folder / f"news-{size}.md"
        news_path.write_text(_news(ctx, size), encoding="utf-8")
        news = _median(ctx, news_path, cap) or cap
        for name, make in GENERATORS.items():
            path = folder / f"{name.split()[0].strip('[*')}-{size}.md"
            path.write_text(make(size), encoding="utf-8")
            ctx.log(f"   {name}, {_size_name(size)}")
            took = _median(ctx, path, cap)
            value = cap if took is None else took
            note = (f"> {cap:g} s cap: stopped" if took is None else
                    "the command's time after start-up (warmed on a one-word file)")
            results.append(Result(f"text engine worst case: {name}, {_size_name(size)}",
                                  value, "s", "news-like text, same size", news, at_most(3),
                                  note=note))
    return results
