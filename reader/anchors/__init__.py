"""Highlight anchoring: finding a highlight's text again after the article body changed.

Needs only the stdlib and rapidfuzz; imports nothing else from ``reader``. ``anchoring``
holds the ``TextQuote`` selector and re-anchoring; ``fuzzy`` the approximate search, built
on ``editdistance`` (edit distance and the closest substring, on rapidfuzz's kernels);
``lenient`` matches user-typed text against what a reader sees in a Markdown body.
"""
