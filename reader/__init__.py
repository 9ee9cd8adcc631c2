"""readmark: a terminal reader for news and long-form articles.

Data flows one way: ingest → store → text → (tui | export | sync).
"""

__version__ = "0.1.0"
