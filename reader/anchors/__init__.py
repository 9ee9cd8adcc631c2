"""Highlight anchoring: finding a highlight's text again after the article body changed.

Pure Python (stdlib); imports nothing else from ``reader``. ``anchoring`` holds the
``TextQuote`` selector and re-anchoring; ``fuzzy`` the approximate search, built on
``editdistance`` (Myers / Landau-Vishkin); ``lenient`` matches user-typed text against
what a reader sees in a Markdown body.
"""
