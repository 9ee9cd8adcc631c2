"""Run the benchmark suite: every ``bench_*.py`` module in this folder, one after another.

Usage::

    python -m bench [--quick | --smoke] [--n N] [--repeats R] [--scales N,N,...]
                    [--json PATH] [--workdir DIR] [NAME_FRAGMENT ...]

(``python bench/run.py`` works too.) Without ``--quick`` or ``--smoke`` it is the full suite
(100,000 articles). It prints a Markdown table on stdout (progress on stderr); with ``--json``
it writes the results list to PATH and the environment to PATH's ``.env.json`` sibling. The
exit status is 1 if a benchmark crashed; missed targets are reported, not failed.
See bench/README.md.
"""

from __future__ import annotations

import argparse
import importlib
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # run as a script: make ``bench`` and ``reader`` importable
    sys.path.insert(0, str(HERE.parent))

from bench.context import MODES, BenchContext, sizes_for  # noqa: E402
from bench.environment import describe, environment  # noqa: E402
from bench.report import env_path, markdown_table, write_json  # noqa: E402
from bench.results import Result  # noqa: E402


def discover(wanted: list[str]) -> list[tuple[str, ModuleType | Exception]]:
    """Return ``(name, module)`` for every ``bench_*.py`` matching ``wanted``, in ``ORDER``.

    A module that fails to import is returned as its exception, to be reported as an error.
    """
    found: list[tuple[str, ModuleType | Exception]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if wanted and not any(w in name for w in wanted):
            continue
        try:
            found.append((name, importlib.import_module(f"bench.{name}")))
        except Exception as exc:  # a broken module must not hide the others
            found.append((name, exc))
    return sorted(found, key=lambda item: (getattr(item[1], "ORDER", 100), item[0]))


def error_result(name: str, exc: BaseException) -> Result:
    """Return the row reporting that module ``name`` crashed."""
    return Result(f"{name}: crashed", None, "", "", None, None,
                  note=f"error: {type(exc).__name__}: {exc}"[:300], skipped=True)


def run_all(ctx: BenchContext, wanted: list[str]) -> tuple[list[Result], bool]:
    """Run the selected modules; return their results and whether any crashed."""
    results: list[Result] = []
    crashed = False
    for name, module in discover(wanted):
        start = time.perf_counter()
        ctx.log(f"== {name}")
        if isinstance(module, Exception):
            results.append(error_result(name, module))
            crashed = True
            continue
        try:
            results += module.run(ctx)
        except Exception as exc:
            traceback.print_exc(file=sys.stderr)
            results.append(error_result(name, exc))
            crashed = True
        ctx.log(f"   {name} took {time.perf_counter() - start:.1f} s")
    return results, crashed


def _scales(text: str) -> tuple[int, ...]:
    """Parse ``--scales 10000,100000``."""
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"not a list of sizes: {text!r}")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_const", const="quick", dest="mode",
                      help=f"CI-sized run ({MODES['quick'].n:,} articles, about a minute)")
    mode.add_argument("--smoke", action="store_const", const="smoke", dest="mode",
                      help=f"tiny run that only checks the suite works ({MODES['smoke'].n} "
                      "articles)")
    parser.add_argument("--n", type=int, help="articles in the library (overrides the mode's)")
    parser.add_argument("--repeats", type=int, help="runs per measurement")
    parser.add_argument("--scales", type=_scales, metavar="N,N,...",
                        help="library sizes for the process and terminal rows "
                        "(default: the mode's)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results here")
    parser.add_argument("--workdir", type=Path, metavar="DIR",
                        help="keep libraries and files here and reuse them next time "
                        "(default: a temporary folder, removed afterwards)")
    parser.add_argument("names", nargs="*", metavar="NAME_FRAGMENT",
                        help="run only modules whose name contains one of these")
    args = parser.parse_args(argv)
    args.mode = args.mode or "full"
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the suite; return the exit status (1 if a benchmark crashed)."""
    args = parse_args(argv)
    sizes = sizes_for(args.mode, args.n)
    if args.repeats:
        sizes = replace(sizes, repeats=args.repeats)
    if args.scales:
        sizes = replace(sizes, scales=args.scales)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="readmark-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    ctx = BenchContext(args.mode, sizes, workdir)
    env = environment(args.mode, sizes.n)  # before running: the commit measured
    started = time.perf_counter()
    try:
        results, crashed = run_all(ctx, args.names)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    env["seconds"] = round(time.perf_counter() - started, 1)
    print(markdown_table(results))
    print()
    print(f"Machine: {describe(env)}; {env['seconds']:.0f} s in all.")
    if args.json:
        write_json(args.json, results, env)
        print(f"Wrote {args.json} and {env_path(args.json)}.")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
