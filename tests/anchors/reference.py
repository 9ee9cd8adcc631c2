"""Textbook pure-Python versions of the anchoring kernels, for differential tests only.

They follow the definitions directly (the dynamic-programming table, every substring) and are
slow; ``reader.anchors.editdistance`` must give the same answers.
"""

from __future__ import annotations

from reader.anchors.editdistance import Match


def levenshtein(a: str, b: str) -> int:
    """Levenshtein distance by the Wagner-Fischer table, one row at a time."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def best_in(pattern: str, text: str, near: int) -> Match | None:
    """The closest substring: smallest distance, then the end nearest ``near + len(pattern)``
    (the earlier of two equally near), then the start nearest ``near`` (the later of two)."""
    m, n = len(pattern), len(text)
    if not m or not n:
        return None
    # last[j]: distance from the pattern to its closest substring ending at j (free start)
    last = [0] * (n + 1)
    for r, pc in enumerate(pattern, 1):
        row = [r] + [0] * n
        for j in range(1, n + 1):
            row[j] = min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (pc != text[j - 1]))
        last = row
    d = min(last[1:])
    end = min((j for j in range(1, n + 1) if last[j] == d), key=lambda j: (abs(j - near - m), j))
    starts = [i for i in range(end) if levenshtein(pattern, text[i:end]) == d]
    start = min(starts, key=lambda i: (abs(i - near), -i))
    return Match(start, end, d)


def common_prefix(a: str, b: str) -> int:
    """Length of the longest common prefix, character by character."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n
