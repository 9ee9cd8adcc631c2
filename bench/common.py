"""Helpers for the benchmarks: timing, a synthetic article generator, result lines."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Iterator

from reader.ingest.article import Article

_WORDS = (
    "harbor commission vote budget river council ferry dredge crab estuary permit hearing "
    "district court ruling appeal senator agency report water transit union strike school "
    "board contract deadline season storm landing bridge county state federal grant audit"
).split()
_NAMES = ["Ada Brill", "Tom Vale", "Helen Okafor", "Marcus Lind", "Rosa Quintero", "Ian Pike"]


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """Return the median wall time of ``repeat`` runs of ``fn``, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    """Return a news-like paragraph with a quote in it."""
    out = []
    for i in range(sentences):
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(8, 18)))
        if i == 1:
            out.append(f'"{words.capitalize()}," said {rng.choice(_NAMES)}.')
        else:
            out.append(words.capitalize() + ".")
    return " ".join(out)


def body_of(words: int, seed: int = 0) -> str:
    """Return a Markdown body of about ``words`` words, with headings, quotes and emphasis."""
    rng = random.Random(seed)
    parts: list[str] = []
    count = 0
    while count < words:
        if len(parts) % 12 == 0:
            parts.append(f"## Section {len(parts) // 12 + 1}")
        text = paragraph(rng)
        parts.append(text.replace(" vote ", " *vote* ", 1))
        count += len(text.split())
    return "\n\n".join(parts)


def articles(n: int, words: int = 300) -> Iterator[Article]:
    """Yield ``n`` distinct synthetic articles of about ``words`` words each."""
    rng = random.Random(42)
    base = body_of(words)
    for i in range(n):
        yield Article(
            title=f"{rng.choice(_WORDS).capitalize()} {rng.choice(_WORDS)} report {i}",
            body=base + f"\n\nFiled as number {i}.",
            authors=[rng.choice(_NAMES)],
            site=f"site{i % 40}.example",
            published=f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            tags=[rng.choice(_WORDS), rng.choice(_WORDS)],
        )


def report(name: str, value: float, baseline: float, unit: str = "ms") -> str:
    """Format one result line: the figure, the baseline and their ratio."""
    scale = 1000.0 if unit == "ms" else 1.0
    ratio = value / baseline if baseline else float("inf")
    line = f"{name:<44} {value * scale:9.2f} {unit}  baseline {baseline * scale:9.2f} {unit}"
    return f"{line}  ratio {ratio:6.2f}x"
