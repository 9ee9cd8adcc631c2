"""Sanity checks for the labelled quote corpus and its loader (tests/quote_corpus.py)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import frontmatter
import pytest
from frontmatter.default_handlers import BaseHandler

from tests.quote_corpus import (
    CORPUS_ROOT,
    QUOTE_MARKS,
    SPLITS,
    AnnotationError,
    LabelledDoc,
    load_corpus,
    load_file,
    parse_annotated,
)

SAMPLES = Path(__file__).parent.parent / "sample_articles"
HONORIFICS = re.compile(
    r"^(?:Sen|Rep|Gov|Mr|Mrs|Ms|Mx|Dr|Prof|Judge|Mayor|President|Chief|M|Mme)\.?\s"
)


class _TomlHandler(BaseHandler):
    """``+++`` TOML front matter via stdlib tomllib (python-frontmatter's needs ``toml``)."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str, **kwargs: object) -> Any:
        return tomllib.loads(fm)


def _body(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if raw.startswith("+++"):
        return frontmatter.loads(raw, handler=_TomlHandler()).content
    return frontmatter.loads(raw).content


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[LabelledDoc]]:
    return {split: load_corpus(split) for split in SPLITS}


def _all_docs(corpus: dict[str, list[LabelledDoc]]) -> list[tuple[str, LabelledDoc]]:
    return [(split, doc) for split, docs in corpus.items() for doc in docs]


def test_every_file_parses_and_reports_size(
    corpus: dict[str, list[LabelledDoc]], capsys: pytest.CaptureFixture[str]
) -> None:
    lines = []
    for split, docs in corpus.items():
        assert docs, f"split {split} is empty"
        files = sorted(p.name for p in (CORPUS_ROOT / split).iterdir() if p.is_file())
        assert files == sorted(d.name for d in docs), "stray non-corpus file in split"
        kinds = Counter(q.kind for d in docs for q in d.gold)
        speech = kinds["speech"]
        attributed = sum(1 for d in docs for q in d.gold if q.speaker is not None)
        lines.append(
            f"quote corpus [{split}]: {len(docs)} docs, {sum(kinds.values())} quotes, "
            f"{speech} speech ({attributed} attributed), {kinds['scare']} scare, "
            f"{kinds['title']} title, {kinds['term']} term"
        )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    total = sum(len(d.gold) for docs in corpus.values() for d in docs)
    assert total >= 400


def test_names_are_unique_across_splits(corpus: dict[str, list[LabelledDoc]]) -> None:
    stems = [Path(d.name).stem for _, d in _all_docs(corpus)]
    assert len(stems) == len(set(stems))


def _is_per_paragraph(doc: LabelledDoc, start: int, end: int) -> bool:
    before = doc.text[:start]
    if not before.endswith("\n\n"):
        return False
    previous = before.rstrip("\n").rsplit("\n", 1)[-1]
    after = doc.text[end : end + 1]
    return previous.startswith("Per ") and previous.endswith(":") and after in ("", "\n")


def _is_block_quote(doc: LabelledDoc, start: int, end: int) -> bool:
    span = doc.text[start:end]
    at_line_start = start == 0 or doc.text[start - 1] == "\n"
    at_line_end = end == len(doc.text) or doc.text[end] == "\n"
    return at_line_start and at_line_end and all(ln.startswith(">") for ln in span.split("\n"))


def test_gold_spans_are_delimited_by_quotation_marks(
    corpus: dict[str, list[LabelledDoc]],
) -> None:
    for split, doc in _all_docs(corpus):
        for q in doc.gold:
            span = doc.span_text(q)
            where = f"{split}/{doc.name} @{q.start}: {span[:50]!r}"
            assert span == span.strip(), where
            if span[0] in QUOTE_MARKS and span[-1] in QUOTE_MARKS:
                continue
            assert q.kind == "speech", where
            assert _is_block_quote(doc, q.start, q.end) or _is_per_paragraph(doc, q.start, q.end), (
                where
            )


def test_spans_nest_or_are_disjoint(corpus: dict[str, list[LabelledDoc]]) -> None:
    for split, doc in _all_docs(corpus):
        assert doc.gold == sorted(doc.gold, key=lambda q: (q.start, -q.end))
        for i, a in enumerate(doc.gold):
            for b in doc.gold[i + 1 :]:
                if b.start >= a.end:
                    break
                assert a.contains(b), f"{split}/{doc.name}: {a} overlaps {b}"


def test_speakers_are_canonical(corpus: dict[str, list[LabelledDoc]]) -> None:
    for split, doc in _all_docs(corpus):
        for q in doc.gold:
            if q.speaker is None:
                continue
            where = f"{split}/{doc.name}: {q.speaker!r}"
            assert q.kind == "speech", where
            assert not HONORIFICS.match(q.speaker), where
            assert "(" not in q.speaker and not q.speaker.lower().startswith("the "), where
            assert q.speaker in doc.text, f"{where} never appears in the text"


def test_sample_articles_match_annotated_copies() -> None:
    samples = sorted(p for p in SAMPLES.iterdir() if p.is_file())
    assert len(samples) >= 7
    for sample in samples:
        ext = ".txt" if sample.suffix == ".txt" else ".md"
        annotated = CORPUS_ROOT / "dev" / f"{sample.stem}{ext}"
        assert annotated.exists(), f"{sample.name} has no annotated copy {annotated}"
        doc = load_file(annotated)
        assert doc.text == _body(sample), f"{annotated.name} has drifted from {sample.name}"


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        ('Intro.\n\n{{Ann Lee|"Hello," she said.\n', 3, "never closed"),
        ('Intro.\n"Hello,"}} she said.\n', 2, "without a matching"),
        ('{{|"Hello,"}} she said.\n', 1, "empty speaker"),
        ('One.\nTwo.\n{{  |"Hello,"}} she said.\n', 3, "empty speaker"),
        ('{{Ann Lee "Hello,"}} she said.\n', 1, "without a '|'"),
        ('{{~sarcasm|"Hello,"}} she said.\n', 1, "unknown non-speech kind"),
        ("x {{Ann Lee|}} y\n", 1, "empty quotation span"),
    ],
)
def test_malformed_annotations_raise(tmp_path: Path, raw: str, line: int, message: str) -> None:
    path = tmp_path / "broken-article.md"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(AnnotationError) as excinfo:
        load_file(path)
    text = str(excinfo.value)
    assert f"broken-article.md:{line}" in text
    assert message in text


def test_parser_handles_nesting_and_kinds() -> None:
    raw = (
        "{{Ana Ruiz|“He said, {{Tom Vale|‘never,’}} and left,”}} she said. "
        "It was a {{~scare|“deal.”}} {{?|“Go,”}} someone shouted.\n"
    )
    text, gold = parse_annotated(raw)
    assert text.startswith("“He said, ‘never,’ and left,” she said.")
    outer, inner, scare, anon = gold
    assert (outer.speaker, outer.kind) == ("Ana Ruiz", "speech")
    assert text[outer.start : outer.end] == "“He said, ‘never,’ and left,”"
    assert text[inner.start : inner.end] == "‘never,’" and inner.speaker == "Tom Vale"
    assert outer.contains(inner)
    assert (scare.kind, scare.speaker) == ("scare", None)
    assert (anon.kind, anon.speaker) == ("speech", None)
