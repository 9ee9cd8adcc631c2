"""Run every benchmark in this folder (``bench_*.py``), one after another.

Usage: python bench/run.py [NAME_FRAGMENT...]   e.g. ``python bench/run.py store lexer``
Each benchmark prints its figures with a baseline measured in the same run and their ratio.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def main() -> int:
    """Run the selected benchmarks; return non-zero if any crashed."""
    here = Path(__file__).resolve().parent
    wanted = sys.argv[1:]
    status = 0
    for script in sorted(here.glob("bench_*.py")):
        if wanted and not any(w in script.stem for w in wanted):
            continue
        print(f"== {script.stem}", flush=True)
        status |= subprocess.call([sys.executable, str(script)], cwd=here.parent)
    return status


if __name__ == "__main__":
    sys.exit(main())
