"""Benchmark: lex and render a 50,000-word article vs a bare regex scan of quote marks.

Run: ``python bench/bench_lexer.py``. Prints milliseconds and the ratio. ``analyze`` is
cached in normal use; here the cache is cleared before every run to measure the full cost.
"""

from __future__ import annotations

import random
import re
import time

from reader.text import clear_cache
from reader.text.lexer import ArticleLexer
from reader.text.terminal import render_terminal

WORDS = (
    "the council voted on a plan to dredge harbor channel after months of debate over cost "
    "and salmon habitat while residents argued that the budget was not sustainable"
).split()
NAMES = ["Dolores Whitcombe", "Tomas Reyes", "Sen. Ada Marsh (D-Ore.)", "Police Chief Ray Oduya"]
CUES = ["said", "told reporters", "added", "says"]


def make_article(n_words: int, seed: int = 7) -> str:
    """Generate a Markdown article of about ``n_words`` words with quotes and attributions."""
    rnd = random.Random(seed)
    paras: list[str] = []
    count = 0
    while count < n_words:
        if rnd.random() < 0.08:
            paras.append("## " + " ".join(rnd.choice(WORDS) for _ in range(5)).title())
        words = [rnd.choice(WORDS) for _ in range(rnd.randint(30, 80))]
        words[0] = words[0].capitalize()
        body = " ".join(words) + "."
        r = rnd.random()
        name, cue = rnd.choice(NAMES), rnd.choice(CUES)
        if r < 0.4:
            q = " ".join(rnd.choice(WORDS) for _ in range(12))
            body = f'"{q.capitalize()}," {name} {cue} on March 3, 2024. ' + body
        elif r < 0.6:
            body += f' He called it *the "{rnd.choice(WORDS)} {rnd.choice(WORDS)}"* --- a 12% cut.'
        paras.append(body)
        count += len(body.split())
    return "\n\n".join(paras) + "\n"


def timed(fn, repeat: int = 5) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        clear_cache()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def main() -> None:
    text = make_article(50_000)
    lexer = ArticleLexer()
    marks = re.compile(r"[\"“”'‘’]")
    base = timed(lambda: sum(1 for _ in marks.finditer(text)))
    lex = timed(lambda: sum(1 for _ in lexer.get_tokens_unprocessed(text)))
    print(f"article: {len(text.split()):,} words, {len(text):,} chars")
    print(f"regex quote-mark scan: {base:8.2f} ms")
    print(f"ArticleLexer (uncached analyze): {lex:8.2f} ms   ratio {lex / base:,.0f}x")
    render = timed(lambda: render_terminal(text, color=True, width=80), repeat=3)
    print(f"render_terminal (uncached analyze): {render:8.2f} ms   ratio {render / base:,.0f}x")


if __name__ == "__main__":
    main()
