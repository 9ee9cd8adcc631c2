"""Placing 10,000 highlights again in changed bodies, against the old pure-Python kernels.

Corpus articles get ten highlights each (phrases, sentences, paragraphs, runs of paragraphs,
on word boundaries), then their bodies change the way articles are revised: a new opening
paragraph and one in the middle, two paragraphs moved, one deleted, and small edits (a typo
fixed, a word added or dropped) in about a fifth of the paragraphs. readmark:
``reader.anchors.anchoring.reanchor`` of every highlight in its changed body (exact search,
then the approximate search and edit distances on rapidfuzz). Baseline, same run, same
highlights and bodies: the same function as it was before (``bench/_old_anchoring``, a copy
of ``reader/anchors`` at fd07992, with Myers / Landau-Vishkin edit distance in pure Python).
Target: readmark ≥ 10× the baseline's highlights/s.

Both must place every highlight in the same place with the same state; the note says how
many were anchored, re-anchored and orphaned, and whether all agreed.
"""

from __future__ import annotations

import random
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench._old_anchoring import anchoring as old
from bench.common import samples
from bench.context import BenchContext
from bench.corpus import Corpus
from bench.results import Result, at_least
from reader.anchors import anchoring as new

ORDER = 75
METRIC = "place 10,000 highlights in changed bodies"
UNIT = "highlights/s"
BASELINE = "the pure-Python kernels (fd07992)"
PER_ARTICLE = 10
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Case:
    """One highlight to place: where it was and the body it must be found in.

    Attributes:
        body: The article body before the changes.
        start: Offset of the highlight in ``body``.
        end: Offset just after it.
        changed: The body after the changes.
    """

    body: str
    start: int
    end: int
    changed: str


def _body(corpus: Corpus, i: int) -> str:
    text = corpus.text(i)
    return text[text.index("\n---\n", 4) + 5 :].lstrip("\n")


def _spans(body: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """``count`` highlight ranges of ``body`` on word boundaries, of mixed lengths."""
    paras: list[tuple[int, int]] = []
    at = 0
    for para in body.split("\n\n"):
        paras.append((at, at + len(para)))
        at += len(para) + 2
    out: list[tuple[int, int]] = []
    for _ in range(count):
        p = rng.randrange(len(paras))
        s, e = paras[p]
        words = [m.span() for m in _WORD.finditer(body, s, e)]
        if not words:
            continue
        r = rng.random()
        if r < 0.05 and p + 1 < len(paras):  # a run of paragraphs
            out.append((s, paras[min(len(paras) - 1, p + rng.randint(1, 2))][1]))
            continue
        if r < 0.30:  # the whole paragraph
            out.append((s, e))
            continue
        size = rng.randint(2, 6) if r < 0.55 else rng.randint(8, 30)  # a phrase, a sentence
        first = rng.randrange(max(1, len(words) - size + 1))
        out.append((words[first][0], words[min(len(words), first + size) - 1][1]))
    return out


def _retouch(para: str, rng: random.Random, corpus: Corpus) -> str:
    """``para`` with one to three small edits: a letter changed, a word added or dropped."""
    for _ in range(rng.randint(1, 3)):
        words = para.split(" ")
        k = rng.randrange(len(words))
        kind = rng.random()
        if kind < 0.4 and words[k]:
            w = words[k]
            j = rng.randrange(len(w))
            words[k] = w[:j] + rng.choice("aeiourst") + w[j + 1 :]
        elif kind < 0.7:
            words.insert(k, rng.choice(corpus.vocabulary[:300]))
        elif len(words) > 3:
            del words[k]
        para = " ".join(words)
    return para


def _revise(body: str, rng: random.Random, corpus: Corpus) -> str:
    """``body`` revised: paragraphs added, moved, deleted and lightly edited."""
    paras = body.split("\n\n")
    paras = [_retouch(p, rng, corpus) if rng.random() < 0.2 else p for p in paras]
    for _ in range(2):
        moved = paras.pop(rng.randrange(len(paras)))
        paras.insert(rng.randrange(len(paras) + 1), moved)
    if len(paras) > 3:
        del paras[rng.randrange(len(paras))]
    paras.insert(rng.randrange(len(paras) + 1), corpus.sentence(rng, 10, 30))
    paras.insert(0, "Update: " + corpus.sentence(rng, 10, 30))
    return "\n\n".join(paras)


def cases(corpus: Corpus, count: int, seed: int = 14) -> list[Case]:
    """``count`` highlights in corpus articles and the revised bodies to place them in."""
    out: list[Case] = []
    i = 0
    while len(out) < count:
        rng = random.Random(seed * 1_000_003 + i)
        body = _body(corpus, i)
        changed = _revise(body, rng, corpus)
        for s, e in _spans(body, rng, min(PER_ARTICLE, count - len(out))):
            out.append(Case(body, s, e, changed))
        i += 1
    return out


def _placer(reanchor: Callable[..., Any], quotes: list[tuple[Any, str]],
            out: list[tuple[int | None, int | None, str]]) -> Callable[[], None]:
    """A function placing every quote in its body with ``reanchor``, results into ``out``."""
    def place() -> None:
        out.clear()
        for quote, changed in quotes:
            r = reanchor(quote, changed)
            out.append((r.start, r.end, r.state))
    return place


def run(ctx: BenchContext) -> list[Result]:
    """Place ``sizes.placing`` highlights with both implementations; report highlights/s."""
    work = cases(ctx.corpus, ctx.sizes.placing)
    ctx.log(f"placing {len(work):,} highlights in changed bodies, now and with the old kernels")
    ours_found: list[tuple[int | None, int | None, str]] = []
    base_found: list[tuple[int | None, int | None, str]] = []
    ours_quotes = [(new.describe(c.body, c.start, c.end), c.changed) for c in work]
    base_quotes = [(old.describe(c.body, c.start, c.end), c.changed) for c in work]
    ours = samples(_placer(new.reanchor, ours_quotes, ours_found), ctx.repeats)
    base = samples(_placer(old.reanchor, base_quotes, base_found), min(ctx.repeats, 3))
    states = Counter(state for _, _, state in ours_found)
    differ = sum(1 for a, b in zip(ours_found, base_found, strict=True) if a != b)
    agree = ("every one placed where the baseline places it" if not differ
             else f"{differ:,} placed differently from the baseline")
    med = statistics.median
    count = len(work)
    note = (f"{count:,} highlights in {count // PER_ARTICLE:,} revised articles: "
            f"{states[new.ANCHORED]:,} anchored, {states[new.REANCHORED]:,} re-anchored, "
            f"{states[new.ORPHANED]:,} orphaned; {agree}; {med(ours):.2f} s against "
            f"{med(base):.2f} s (medians of {len(ours)} and {len(base)})")
    return [Result(METRIC, count / med(ours), UNIT, BASELINE, count / med(base), at_least(10),
                   note=note)]
