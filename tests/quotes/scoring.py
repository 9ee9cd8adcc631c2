"""Scoring helpers for the labelled quote corpus (span P/R/F1 and speaker accuracy)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reader.quotes import find_quotes

Predicted = tuple[int, int, str | None, str]  # start, end, speaker, kind


@dataclass
class Score:
    """Aggregate figures over a corpus split."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    speaker_ok: int = 0
    speaker_total: int = 0
    unattributed_ok: int = 0  # gold speaker None, predicted None
    unattributed_total: int = 0
    missed: int = 0  # gold names a speaker, prediction None

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speaker_ok / self.speaker_total if self.speaker_total else 1.0

    def line(self, label: str) -> str:
        return (
            f"{label}: P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
            f"speaker={self.speaker_accuracy:.3f} ({self.speaker_ok}/{self.speaker_total}) "
            f"tp={self.tp} fp={self.fp} fn={self.fn} | unattributed "
            f"{self.unattributed_ok}/{self.unattributed_total}, named but missed {self.missed}"
        )


def engine(text: str, body_format: str) -> list[Predicted]:
    """Predictions of the text engine."""
    return [(q.start, q.end, q.speaker, q.kind) for q in find_quotes(text, body_format)]


_BASE_QUOTE = re.compile(r"[\"“][^\"“”\n]*[\"”]")
_BASE_NAME = re.compile(r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)\s+said")


def baseline(text: str, body_format: str) -> list[Predicted]:
    """Plain-regex baseline: double quote marks only, speaker = nearest "Name said" before."""
    out: list[Predicted] = []
    for m in _BASE_QUOTE.finditer(text):
        names = list(_BASE_NAME.finditer(text, 0, m.start()))
        out.append((m.start(), m.end(), names[-1].group(1) if names else None, "speech"))
    return out


def score(docs: Iterable[object], predict: Callable[[str, str], list[Predicted]]) -> Score:
    """Score predictions against gold spans of labelled documents."""
    s = Score()
    for doc in docs:
        text: str = doc.text  # type: ignore[attr-defined]
        gold = {(g.start, g.end): g for g in doc.gold}  # type: ignore[attr-defined]
        pred = {(p[0], p[1]): p for p in predict(text, doc.body_format)}  # type: ignore[attr-defined]
        for span, g in gold.items():
            p = pred.get(span)
            if p is None:
                s.fn += 1
                continue
            s.tp += 1
            if g.kind == "speech":
                s.speaker_total += 1
                s.speaker_ok += p[2] == g.speaker
                if g.speaker is None:
                    s.unattributed_total += 1
                    s.unattributed_ok += p[2] is None
                elif p[2] is None:
                    s.missed += 1
        s.fp += sum(1 for span in pred if span not in gold)
    return s
