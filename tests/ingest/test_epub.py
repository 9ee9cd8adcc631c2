"""EPUB books (built here, in ``tmp_path``) to one article each."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.ingest.epub import read_epub
from reader.ingest.reader import IngestError

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
  </rootfiles></container>"""

OPF = """<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
 <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:identifier id="id">urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427</dc:identifier>
  <dc:title>Letters from the Lighthouse</dc:title>
  <dc:creator>Agnes Morrow</dc:creator>
  <dc:creator>Felix Morrow</dc:creator>
  <dc:language>en-GB</dc:language>
  <dc:date>2019-05-01</dc:date>
  <dc:subject>Letters</dc:subject>
 </metadata>
 <manifest>
  <item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
  <item id="c2" href="text/two.xhtml" media-type="application/xhtml+xml"/>
  <item id="c1" href="text/one.xhtml" media-type="application/xhtml+xml"/>
  <item id="css" href="style.css" media-type="text/css"/>
  <item id="img" href="images/lamp.jpg" media-type="image/jpeg"/>
 </manifest>
 <spine toc="ncx"><itemref idref="c1"/><itemref idref="c2"/></spine>
</package>"""

NCX = """<?xml version="1.0"?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1"><navMap>
 <navPoint id="p1"><navLabel><text>The First Winter</text></navLabel>
  <content src="text/one.xhtml"/></navPoint>
 <navPoint id="p2"><navLabel><text>Spring Storms</text></navLabel>
  <content src="text/two.xhtml#s"/></navPoint>
</navMap></ncx>"""

ONE = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>One</title></head><body>
<p>Dear Felix, the lamp has been lit every night since we arrived, and the keeper says it has
not missed a night in forty years. The wind off the sea never stops.</p>
<p><img src="../images/lamp.jpg" alt="The great lamp"/></p>
<p>We keep a log of every ship that passes. Yesterday there were <em>eleven</em>.</p>
</body></html>"""

TWO = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Two</title></head><body>
<h1>Spring Storms</h1>
<p>Dear Agnes, the storms came early this year and the supply boat was late by a week.
We ate the last of the tinned peaches and played cards by the light of the lamp.</p>
</body></html>"""


def make_epub(path: Path, files: dict[str, str | bytes], *, mimetype: bool = True) -> Path:
    with zipfile.ZipFile(path, "w") as book:
        if mimetype:
            book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        for name, data in files.items():
            book.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _book(**overrides: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "META-INF/container.xml": CONTAINER, "OEBPS/content.opf": OPF, "OEBPS/toc.ncx": NCX,
        "OEBPS/text/one.xhtml": ONE, "OEBPS/text/two.xhtml": TWO,
        "OEBPS/images/lamp.jpg": b"\xff\xd8\xff\xe0not really a jpeg",
    }
    files.update(overrides)
    return files


def test_book_is_one_article_with_chapters_in_spine_order(tmp_path: Path) -> None:
    article = read_epub(make_epub(tmp_path / "letters.epub", _book()))
    assert article.title == "Letters from the Lighthouse"
    assert article.authors == ["Agnes Morrow", "Felix Morrow"]
    assert article.lang == "en-GB" and article.published == "2019-05-01"
    assert article.tags == ["Letters"]
    body = article.body
    first, second = body.index("## The First Winter"), body.index("# Spring Storms")
    assert first < body.index("Dear Felix, the lamp") < second < body.index("Dear Agnes")
    assert "[Image: The great lamp](OEBPS/images/lamp.jpg)" in body
    assert "![" not in body
    assert "*eleven*" in body
    assert article.origin_path == str((tmp_path / "letters.epub").resolve())


def test_chapter_without_heading_or_toc_gets_a_numbered_one(tmp_path: Path) -> None:
    opf = OPF.replace(' toc="ncx"', "")
    article = read_epub(make_epub(tmp_path / "b.epub", _book(**{"OEBPS/content.opf": opf})))
    assert article.body.startswith("## Chapter 1\n\nDear Felix")


@pytest.mark.parametrize(("files", "reason"), [
    ({"META-INF/encryption.xml":
      '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
      'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
      '<enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
      '</enc:EncryptedData></encryption>'},
     "DRM-protected EPUB (encrypted content); cannot be read"),
    ({"META-INF/rights.xml": "<rights/>"}, "DRM-protected EPUB (rights.xml); cannot be read"),
    ({"META-INF/container.xml": "<container><rootfiles>"},
     "broken EPUB: container.xml is not valid XML"),
    ({"OEBPS/content.opf": OPF.replace("text/one.xhtml", "text/gone.xhtml")},
     "broken EPUB: 'OEBPS/text/gone.xhtml' is missing"),
])
def test_drm_and_broken_books_are_one_line(
    tmp_path: Path, files: dict[str, str], reason: str
) -> None:
    book = make_epub(tmp_path / "bad.epub", _book(**files))
    with pytest.raises(IngestError) as info:
        read_epub(book)
    assert str(info.value).startswith(reason)
    assert "\n" not in str(info.value)


def test_font_obfuscation_is_not_drm(tmp_path: Path) -> None:
    enc = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
           'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
           '<enc:EncryptionMethod Algorithm="http://www.idpf.org/2008/embedding"/>'
           '</enc:EncryptedData></encryption>')
    article = read_epub(make_epub(tmp_path / "f.epub", _book(**{"META-INF/encryption.xml": enc})))
    assert "Dear Agnes" in article.body


def test_not_a_zip(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.epub"
    bogus.write_text("just text")
    with pytest.raises(IngestError, match=r"^broken EPUB: not a zip archive$"):
        read_epub(bogus)
