"""The names of the schema migrations, without importing sqlite-utils.

``Library`` checks these on open so that reading a library never waits for sqlite-utils to
import; a test keeps this list equal to the migrations registered in ``migrations.py``.
"""

MIGRATION_SET = "readmark"
MIGRATION_NAMES: tuple[str, ...] = (
    "m001_articles",
    "m002_article_lang",
    "m003_live_sort_indexes",
    "m004_article_facets",
    "m005_sort_keys",
    "m006_highlights",
    "m007_fts_live_only",
    "m008_highlight_made_anchor",
    "m009_search_prefix_index",
    "m010_info_totals_indexes",
    "m011_pages",
)
