"""Sentence boundaries."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reader.quotes import sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_abbreviations_never_end_a_sentence() -> None:
    text = (
        "Sen. Ada Marsh (R-S.C.) met Rep. Ray Ortiz (R-Ark.) at 9 a.m. on Jan. 4 in the U.S. "
        "capital. Mr. and Mrs. Doe, Dr. Kay and Gov. Lee left at 5 p.m. with Gen. Park. "
        "The memo from Acme Inc. cited No. 4 St. James Place. J. R. R. Tolkien wrote it."
    )
    assert split(text) == [
        "Sen. Ada Marsh (R-S.C.) met Rep. Ray Ortiz (R-Ark.) at 9 a.m. on Jan. 4 in the U.S. "
        "capital.",
        "Mr. and Mrs. Doe, Dr. Kay and Gov. Lee left at 5 p.m. with Gen. Park.",
        "The memo from Acme Inc. cited No. 4 St. James Place.",
        "J. R. R. Tolkien wrote it.",
    ]


def test_quotes_and_question_marks() -> None:
    text = 'She said, "We are done." Then she left. "Why?" he asked. It rained!'
    assert split(text) == [
        'She said, "We are done."',
        "Then she left.",
        '"Why?" he asked.',
        "It rained!",
    ]


def test_curly_quote_and_paragraph_break() -> None:
    text = "He called it “final.” The board disagreed\n\nA new paragraph without a stop"
    assert split(text) == [
        "He called it “final.”",
        "The board disagreed",
        "A new paragraph without a stop",
    ]


def test_ellipsis_and_lowercase_continuation() -> None:
    text = "It is bad ... What he wants is more. e.g. this stays. The end."
    # an ellipsis inside a sentence and a lowercase word after a period do not split
    assert split(text) == ["It is bad ... What he wants is more. e.g. this stays.", "The end."]


@given(st.text(max_size=300))
def test_spans_are_ordered_and_trimmed(text: str) -> None:
    prev = 0
    for a, b in sentences(text):
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        prev = b
