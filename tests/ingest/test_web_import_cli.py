"""``readmark import`` with URLs, URL lists, saved pages, HTML on stdin, books and --refresh."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import Cli
from tests.ingest.conftest import WEB, Site
from tests.ingest.test_epub import _book, make_epub

NEWS_URL = "https://courier.example.org/news/2026/03/harbour-ferry-vote"


def _own_canonical(site: Site) -> bytes:
    """The news page, naming an address on the server that serves it as its canonical URL."""
    return (WEB / "news.html").read_bytes().replace(
        NEWS_URL.encode(), site.url("/harbour-ferry-vote").encode())


def test_url_import_keeps_the_page_and_updates_in_place(run: Cli, site: Site) -> None:
    page = _own_canonical(site)
    site.overrides["/story"] = page
    report = run.json("import", site.url("/story"))
    [result] = report["results"]
    assert result["status"] == "new" and result["source"] == site.url("/story")
    article_id = result["id"]
    shown = run.json("show", article_id)
    assert shown["url"] == site.url("/harbour-ferry-vote")  # the page's canonical URL
    assert shown["authors"] == ["Mara Okafor"]
    assert shown["site"] == "The Coastline Courier" and shown["published"] == "2026-03-14"
    info = run.json("info", article_id)
    assert info["page_bytes"] == len(page) and 0 < info["page_stored_bytes"] < len(page)
    library = run.json("info")
    assert library["pages"] == 1 and library["page_bytes"] == len(page)

    before = run.json("highlight", article_id, "--quote", "Tomas Reid")
    run.json("tag", article_id, "+ferries")
    # The page changes upstream: the same URL again updates the article in place.
    site.overrides["/story"] = page.replace(b"<p>Residents of Port Alder",
                                            b"<p>Updated on Saturday. Residents of Port Alder")
    again = run.json("import", site.url("/story"))
    assert again["results"][0]["status"] == "updated"
    assert again["results"][0]["id"] == article_id
    assert "body" in again["results"][0]["changed"]
    [highlight] = run.json("highlights", article_id)
    assert highlight["state"] == "anchored" and highlight["text"] == "Tomas Reid"
    assert highlight["start"] > before["start"]  # re-anchored after the added words
    body = run.json("show", article_id)["body"]
    assert body[highlight["start"]:highlight["end"]] == "Tomas Reid"
    assert "ferries" in run.json("show", article_id)["tags"]
    assert len(run.json("list")) == 1
    # Nothing changed: unchanged.
    assert run.json("import", site.url("/story"))["results"][0]["status"] == "unchanged"


def test_redirected_url_is_found_by_either_address(run: Cli, site: Site) -> None:
    report = run.json("import", site.url("/r1"))
    article_id = report["results"][0]["id"]
    assert run.json("show", article_id)["url"] == site.url("/news?from=r3")  # the final URL
    assert run.json("show", site.url("/r1"))["id"] == article_id
    assert run.json("show", site.url("/r3"))["id"] == article_id


def test_a_page_cannot_claim_another_sites_article(run: Cli, site: Site) -> None:
    # The saved page names courier.example.org; so does a copy served from elsewhere.
    original = run.json("import", str(WEB / "news.html"))["results"][0]
    copy = run.json("import", site.url("/news"))["results"][0]
    assert copy["status"] == "new" and copy["id"] != original["id"]
    assert copy["warnings"] == [f"canonical URL on another site ignored: {NEWS_URL}"]
    assert run.json("show", original["id"])["url"] == NEWS_URL
    assert run.json("show", copy["id"])["url"] == site.url("/news")


def test_url_list_failures_are_one_line_each_and_the_rest_imported(
    run: Cli, site: Site, tmp_path: Path
) -> None:
    listing = tmp_path / "reading.txt"
    listing.write_text(f"# weekend reading\n{site.url('/blog')}\n{site.url('/missing')}\n"
                       f"not a url\n{site.url('/paper.pdf')}  # the report\n"
                       f"{site.url('/table')}\n")
    result = run("import", "--urls", str(listing))
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed")]
    assert failed == [
        f"failed     {site.url('/missing')}: HTTP 404 Not Found",
        f"failed     {listing}:4: not an http(s) URL: 'not a url'",
        f"failed     {site.url('/paper.pdf')}: not HTML (application/pdf)",
    ]
    titles = sorted(a["title"] for a in run.json("list"))
    assert titles == ["Which city rail passes are worth it? We compared five",
                      "Why I switched my garden to drip irrigation"]
    assert "\x1b" not in result.stderr  # no progress line when stderr is not a terminal


def test_slow_url_times_out_with_the_timeout_given(run: Cli, site: Site) -> None:
    result = run("import", "--timeout", "0.3", site.url("/slow"), site.url("/table"))
    assert result.exit_code == 1
    assert f"failed     {site.url('/slow')}: timed out after 0.3s" in result.stderr
    assert len(run.json("list")) == 1


def test_saved_pages_stdin_html_and_books(run: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "saved"
    (folder / "Transit_files").mkdir(parents=True)
    shutil.copy(WEB / "table.html", folder / "Transit.html")
    (folder / "Transit_files" / "ads.html").write_text("<html><body>ad</body></html>")
    make_epub(folder / "letters.epub", _book())
    report = run.json("import", str(folder))
    assert sorted(r["title"] for r in report["results"]) == [
        "Letters from the Lighthouse", "Which city rail passes are worth it? We compared five"]
    assert report["totals"]["failed"] == 0
    stdin = run.json("import", "-", input=(WEB / "blog-comments.html").read_bytes())
    assert stdin["results"][0]["title"] == "Why I switched my garden to drip irrigation"
    empty = run.json("import", "-", input=(WEB / "nav-only.html").read_bytes(), code=1)
    assert empty["results"][0]["error"] == "no article text found"


def test_refresh_extracts_again_from_the_kept_page_without_the_network(
    run: Cli, site: Site, tmp_path: Path
) -> None:
    site.overrides["/gone-soon"] = (WEB / "liveblog.html").read_bytes()
    article_id = run.json("import", site.url("/gone-soon"))["results"][0]["id"]
    del site.overrides["/gone-soon"]  # the page is gone from the web now
    assert run.json("import", site.url("/gone-soon"), code=1)["results"][0]["error"] == (
        "HTTP 404 Not Found")
    refreshed = run.json("import", "--refresh", article_id)
    assert refreshed["results"][0]["id"] == article_id
    assert refreshed["results"][0]["status"] == "unchanged"
    note = tmp_path / "note.md"
    note.write_text("# A note\n\nWritten by hand.\n")
    note_id = run.json("import", str(note))["results"][0]["id"]
    failed = run.json("import", "--refresh", note_id, "--refresh", "no such title", code=1)
    assert [r["error"] for r in failed["results"]] == [
        "no web page kept for this article (pages are kept for URLs and HTML on stdin; "
        "import its file again)",
        "no article matches 'no such title'",
    ]


def test_import_needs_something(run: Cli) -> None:
    result = run("import")
    assert result.exit_code == 2
    assert "nothing to import" in result.output
