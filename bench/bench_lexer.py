"""Quote lexing throughput: readmark's ``ArticleLexer`` against a bare regex scan for quotes.

Both read the long read's body (the corpus's 50,000-word article in full and quick modes).
readmark's figure is the uncached analysis (sentences, quotes, speakers) plus the Pygments
token stream, ``clear_cache()`` before every run; the baseline finds quoted spans with one
regular expression. Throughput in MB/s of UTF-8 text; target: readmark ≥ 0.3× the baseline.
"""

from __future__ import annotations

import re
import statistics

from bench.common import samples
from bench.context import BenchContext
from bench.results import Result, at_least
from reader.quotes import clear_cache
from reader.quotes.lexer import ArticleLexer

ORDER = 50
QUOTES = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def body_of(text: str) -> str:
    """Return ``text`` without its front matter."""
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:].lstrip("\n")
    return text


def run(ctx: BenchContext) -> list[Result]:
    """Lex the long read ``repeats`` times each way; report MB/s."""
    text = body_of(ctx.long_text())
    mb = len(text.encode("utf-8")) / 1e6
    lexer = ArticleLexer()
    ours = samples(lambda: sum(1 for _ in lexer.get_tokens_unprocessed(text)), ctx.repeats,
                   setup=clear_cache)
    base = samples(lambda: sum(1 for _ in QUOTES.finditer(text)), max(ctx.repeats, 9))
    cached = samples(lambda: sum(1 for _ in lexer.get_tokens_unprocessed(text)), ctx.repeats)
    quotes = sum(1 for _ in QUOTES.finditer(text))
    base_rate = mb / statistics.median(base)
    return [
        Result("quote lexing", mb / statistics.median(ours), "MB/s", "bare regex scan",
               base_rate, at_least(0.3),
               note=f"{len(text.split()):,} words, {mb:.2f} MB, {quotes:,} quoted spans; "
               "uncached analysis (sentences, quotes, speakers) plus the token stream"),
        Result("quote lexing, analysis cached", mb / statistics.median(cached), "MB/s",
               "bare regex scan", base_rate, None,
               note="for information: the token stream alone, as when an article is redrawn"),
    ]
