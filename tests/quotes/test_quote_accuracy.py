"""Quote span and speaker accuracy on the labelled corpus, against a plain-regex baseline.

Run with ``pytest tests/quotes/test_quote_accuracy.py -s`` to see the figures.
"""

from __future__ import annotations

import pytest

from tests.quotes.scoring import baseline, engine, score

corpus = pytest.importorskip("tests.quote_corpus")

# Floors are raised as the engine improves; targets are F1 >= 0.99, speaker >= 0.90.
FLOORS = {"dev": (0.99, 0.98), "heldout": (0.99, 0.88)}


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_quote_accuracy(split: str) -> None:
    try:
        docs = corpus.load_corpus(split)
    except FileNotFoundError:
        pytest.skip(f"no {split} corpus")
    if not docs:
        pytest.skip(f"{split} corpus is empty")
    ours = score(docs, engine)
    base = score(docs, baseline)
    report = f"\n[{split}, {len(docs)} docs]\n{ours.line('engine  ')}\n{base.line('baseline')}"
    print(report)
    f1_floor, speaker_floor = FLOORS[split]
    assert ours.f1 >= f1_floor and ours.speaker_accuracy >= speaker_floor, report
