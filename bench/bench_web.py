"""Web pages: extraction quality and import speed, against trafilatura alone on the same pages.

The pages are the hand-written fixtures in ``tests/fixtures/web`` (a news article, a blog post
with comments, a live blog, a table, a Windows-1252 page and a paywalled teaser whose text is
in its structured data), each with the text and metadata it was written to carry.

* Quality: word-level F1 of the article body against the text meant, and how many titles,
  authors and dates are right, for readmark's extraction and for ``trafilatura.extract``
  (its defaults, Markdown output) on the same bytes. Target: readmark ≥ 1.0× trafilatura.
* Speed: pages per second through the import (``import_sources``, as ``readmark import``
  runs it: read the file, extract, store with FTS, commit in batches) against
  ``trafilatura.extract`` alone on the same files making the same Markdown (links, images,
  formatting), which is only the extraction. Target: ≥ 0.7×.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench.context import BenchContext
from bench.results import Result, at_least

ORDER = 15
#: The speed baseline makes the Markdown readmark keeps (formatting, links, images, no
#: comments); the quality baseline is trafilatura's defaults, as a user of it would get.
SAME_OUTPUT = {"include_comments": False, "include_formatting": True, "include_links": True,
               "include_images": True}
WEB = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "web"
_CANONICAL = re.compile(
    rb'(<link rel="canonical" href="|<meta property="og:url" content=")[^"]*"')


_MD_TARGET = re.compile(r"\]\([^)\s]*\)")


def words(text: str) -> list[str]:
    """The words a reader sees in ``text``, case-folded: link and image targets left out."""
    return re.findall(r"\w+", _MD_TARGET.sub("]", text).casefold())


def word_f1(got: str, meant: str) -> float:
    """Word-level F1 of ``got`` against ``meant``, as bags of words."""
    a, b = Counter(words(got)), Counter(words(meant))
    common = sum((a & b).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def expected() -> dict[str, dict[str, Any]]:
    """The metadata each fixture page was written with, and the body text meant."""
    meta: dict[str, dict[str, Any]] = json.loads(
        (WEB / "expected" / "meta.json").read_text(encoding="utf-8"))
    for page, fields in meta.items():
        fields["body"] = (WEB / "expected" / page.replace(".html", ".txt")).read_text(
            encoding="utf-8")
    return meta


def _trafilatura_alone(data: bytes) -> tuple[str, dict[str, Any]]:
    import trafilatura

    text = trafilatura.extract(data, output_format="markdown") or ""
    doc = trafilatura.bare_extraction(data, with_metadata=True)
    authors = [a.strip() for a in (getattr(doc, "author", None) or "").split(";") if a.strip()]
    return text, {"title": getattr(doc, "title", None), "authors": authors,
                  "published": getattr(doc, "date", None)}


def _readmark(data: bytes) -> tuple[str, dict[str, Any]]:
    from reader.ingest.html import parse_html
    from reader.ingest.reader import IngestError

    try:
        article = parse_html(data)
    except IngestError:
        return "", {"title": None, "authors": [], "published": None}
    return article.body, {"title": article.title, "authors": article.authors,
                          "published": (article.published or "")[:10] or None}


def quality() -> list[Result]:
    """F1 and metadata accuracy on the fixtures, readmark vs trafilatura alone."""
    meant = expected()
    ours: list[float] = []
    theirs: list[float] = []
    hits = {"ours": Counter[str](), "theirs": Counter[str]()}
    per_page: list[str] = []
    for page, fields in meant.items():
        data = (WEB / page).read_bytes()
        for side, (body, meta) in (("ours", _readmark(data)), ("theirs", _trafilatura_alone(data))):
            f1 = word_f1(body, fields["body"])
            (ours if side == "ours" else theirs).append(f1)
            for key in ("title", "authors", "published"):
                hits[side][key] += meta[key] == fields[key]
        per_page.append(f"{page.removesuffix('.html')} {ours[-1]:.2f}/{theirs[-1]:.2f}")
    n = len(meant)

    def right(side: str) -> str:
        return ", ".join(f"{k} {hits[side][k]}/{n}" for k in ("title", "authors", "published"))

    return [Result(
        f"web extraction word F1 ({n} fixture pages)", statistics.mean(ours), "F1",
        "trafilatura.extract alone", statistics.mean(theirs), at_least(1.0),
        note=f"readmark {right('ours')}; trafilatura {right('theirs')}; per page "
        f"(readmark/trafilatura): {'; '.join(per_page)}",
    )]


def _copies(workdir: Path, copies: int) -> list[Path]:
    """Write ``copies`` of every fixture page, each with its own canonical URL."""
    folder = workdir / "web-pages"
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    pages = sorted(expected())
    for i in range(copies):
        for page in pages:
            data = (WEB / page).read_bytes()
            url = f"https://bench.example/{i}/{page}".encode()
            data = _CANONICAL.sub(lambda m, u=url: m.group(1) + u + b'"', data)  # type: ignore[misc]
            if b'rel="canonical"' not in data:
                data = data.replace(b"<head>", b'<head><link rel="canonical" href="' + url
                                    + b'">', 1)
            path = folder / f"{i:04d}-{page}"
            path.write_bytes(data)
            paths.append(path)
    return paths


def _import(db: Path, paths: list[Path]) -> float:
    from reader.ingest.sources import expand
    from reader.library import Library
    from reader.library.importing import import_sources

    db.unlink(missing_ok=True)
    with Library(db) as lib:
        start = time.perf_counter()
        report = import_sources(lib, expand([str(p) for p in paths]))
        elapsed = time.perf_counter() - start
    if report.failed:
        raise RuntimeError(f"web import failed: {report.results[0]}")
    return elapsed


def _extract_alone(paths: list[Path]) -> float:
    import trafilatura

    start = time.perf_counter()
    for path in paths:
        trafilatura.extract(path.read_bytes(), output_format="markdown", with_metadata=True,
                            **SAME_OUTPUT)
    return time.perf_counter() - start


def speed(ctx: BenchContext) -> list[Result]:
    """Pages per second through the import vs trafilatura alone."""
    copies = {"smoke": 2, "quick": 20}.get(ctx.mode, 50)
    paths = _copies(ctx.workdir, copies)
    _extract_alone(paths[:6])  # warm both (imports, caches) before timing
    db = ctx.workdir / "web-import.db"
    _import(db, paths[:6])
    ours = [_import(db, paths) for _ in range(ctx.repeats)]
    base = [_extract_alone(paths) for _ in range(ctx.repeats)]
    n = len(paths)
    db.unlink(missing_ok=True)
    return [Result(
        f"import {n} web pages (extract + store)", n / statistics.median(ours), "pages/s",
        "trafilatura.extract alone (no store)", n / statistics.median(base), at_least(0.7),
        note=f"the {len(expected())} fixture pages × {copies}, each its own URL; the "
        "baseline makes the same Markdown (links, images, formatting); "
        f"median of {ctx.repeats}",
    )]


def run(ctx: BenchContext) -> list[Result]:
    """The quality row and the speed row."""
    return quality() + speed(ctx)
