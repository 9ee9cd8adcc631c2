"""W3C Web Annotation JSON: the shape, import (anchoring, reporting, no duplicates), round trip."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.export import ExportError
from reader.export.annotations_import import import_annotations
from reader.export.annotations_json import export_json
from reader.library import COLORS, Library, StoreError
from tests.export.conftest import BODY, NOW, Annotated, article

PLAIN_BODY = "No address for this one. It was read from a file, and quoted twice by the board."


def _write(doc: Any, path: Path) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_shape_follows_the_w3c_model(annotated: Annotated) -> None:
    doc = export_json(annotated.lib, [annotated.aid], now=NOW)
    assert (doc["type"], doc["generated"]) == ("readmark-export", "2024-05-01T12:00:00Z")
    [art] = doc["articles"]
    assert art["readmark_id"] == annotated.aid and art["source"] == art["url"]
    note, first, *rest = doc["annotations"]
    assert note["motivation"] == "commenting" and note["target"] == art["url"]
    assert note["id"] == f"urn:readmark:note:{annotated.aid}"
    assert note["body"]["value"] == "Follow up before the **June** vote."
    assert first["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert first["type"] == "Annotation" and first["id"].startswith("urn:readmark:highlight:")
    assert {"created", "modified"} <= set(first)
    assert first["body"] == [
        {"type": "TextualBody", "value": "The board's line since *January*.",
         "format": "text/markdown", "purpose": "commenting"},
        {"type": "TextualBody", "value": "pink", "purpose": "tagging"}]
    quote, position = first["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "We cannot wait another winter"
    assert position == {"type": "TextPositionSelector", "start": BODY.index("We cannot"),
                        "end": BODY.index("We cannot") + len("We cannot wait another winter")}
    orphan = rest[-1]
    assert [s["type"] for s in orphan["target"]["selector"]] == ["TextQuoteSelector"]


def test_import_reports_what_cannot_be_placed_and_goes_on(
    annotated: Annotated, tmp_path: Path
) -> None:
    doc = export_json(annotated.lib, [annotated.aid], now=NOW)
    fresh = Library(tmp_path / "fresh.db")
    fresh.import_article(article())  # the original body: the orphan's text is there again
    doc["annotations"].append({"id": "urn:x:1", "type": "Annotation", "target": {
        "source": "https://news.example/harbour",
        "selector": {"type": "TextQuoteSelector", "exact": "words that were never there"}}})
    doc["annotations"].append({"id": "urn:x:2", "type": "Annotation",
                               "target": "https://elsewhere.example/a", "body": "hi"})
    path = _write(doc, tmp_path / "ann.json")
    report = import_annotations(fresh, path)
    assert len(report.highlights) == 4 and report.notes == [annotated.aid]
    assert report.problems == [
        f"urn:x:1: text not found in article {annotated.aid}: 'words that were never there'",
        "urn:x:2: no article in the library for 'https://elsewhere.example/a'"]
    again = import_annotations(fresh, path)
    assert len(again.highlights) == 4
    assert len(fresh.highlights_of(annotated.aid)) == 4  # no duplicates
    fresh.close()


def test_article_found_by_url_without_the_articles_list(
    annotated: Annotated, tmp_path: Path
) -> None:
    doc = export_json(annotated.lib, [annotated.aid], now=NOW)
    bare = [a for a in doc["annotations"] if "selector" in str(a["target"])][:2]
    fresh = Library(tmp_path / "fresh.db")
    aid = fresh.import_article(article()).id
    report = import_annotations(fresh, _write(bare, tmp_path / "bare.json"))
    assert not report.problems and len(fresh.highlights_of(aid)) == 2
    fresh.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [("{not json", "not valid JSON: Expecting property name enclosed in double quotes at "
                   "line 1 column 2"),
     ('{"hello": 1}', "not W3C annotation JSON"),
     (b"\xff\xfe", "not UTF-8")],
)
def test_bad_files_are_one_line_errors(lib: Library, tmp_path: Path, content: str | bytes,
                                       words: str) -> None:
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        import_annotations(lib, path)
    assert str(caught.value).startswith(f"{path}: ") and words in str(caught.value)


def _without_modified(doc: dict[str, Any]) -> dict[str, Any]:
    return {**doc, "annotations": [{k: v for k, v in a.items() if k != "modified"}
                                   for a in doc["annotations"]]}


HIGHLIGHTS = st.lists(
    st.tuples(st.integers(0, 1), st.integers(0, len(BODY)), st.integers(1, 40),
              st.sampled_from(COLORS), st.text(max_size=20)),
    max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(HIGHLIGHTS, st.text(max_size=30))
def test_round_trip_export_import_export(
    made: list[tuple[int, int, int, str, str]], article_note: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sources = [article(), article(body=PLAIN_BODY, url=None, title="From a file")]
        first = Library(folder / "a.db")
        ids = [first.import_article(a).id for a in sources]
        for which, start, length, color, note in made:
            body = first.get(ids[which]).body  # type: ignore[union-attr]
            start = min(start, len(body) - 1)
            try:
                first.add_highlight(ids[which], start, min(start + length, len(body)),
                                    color=color, note=note)
            except StoreError:
                continue  # only whitespace
        first.set_article_note(ids[1], article_note)
        exported = export_json(first, ids, now=NOW)
        path = _write(exported, folder / "ann.json")
        second = Library(folder / "b.db")
        assert [second.import_article(a).id for a in sources] == ids
        report = import_annotations(second, path)
        assert report.problems == []
        again = export_json(second, ids, now=NOW)
        assert _without_modified(again) == _without_modified(exported)
        first.close()
        second.close()

