"""Reading article files: decoding, front matter, metadata and identity (a leaf: no store)."""
