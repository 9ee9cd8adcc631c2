"""Quote spans: marks, apostrophes, nesting, continuation paragraphs, stray marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.quotes import Quote, find_quotes
from reader.quotes.builder import Builder


def spans(body: str, fmt: str = "markdown") -> list[str]:
    return [body[q.start : q.end] for q in find_quotes(body, fmt)]


def test_straight_and_curly_double_quotes() -> None:
    body = 'He said "go home" and then “stay put.”'
    assert spans(body) == ['"go home"', "“stay put.”"]


def test_apostrophes_are_never_quotes() -> None:
    body = (
        "It's the cartels’ labs, the Joneses' farm and rock ’n’ roll from the ’90s and '80s; "
        "don’t say 'em twice. The bosses’ plan wasn’t theirs."
    )
    assert spans(body) == []


def test_single_quotes_as_quotation_marks() -> None:
    body = "- 'Kill List'\n\n‘We are ready,’ the minister said of the farmers’ protest."
    assert spans(body) == ["'Kill List'", "‘We are ready,’"]


def test_plural_possessive_inside_single_quote() -> None:
    body = "‘The growers’ co-op will decide,’ she said."
    assert spans(body) == ["‘The growers’ co-op will decide,’"]


def test_nested_quotes_listed_with_depth() -> None:
    body = "“My father told me, ‘Never trust a river,’ and he was right,” she says."
    qs = find_quotes(body)
    assert [(body[q.start : q.end], q.depth) for q in qs] == [
        ("“My father told me, ‘Never trust a river,’ and he was right,”", 0),
        ("‘Never trust a river,’", 1),
    ]
    assert qs[0].text == "My father told me, ‘Never trust a river,’ and he was right,"


def test_multi_paragraph_quote() -> None:
    body = (
        "“The first paragraph of a long statement,\n\n"
        "“a second paragraph that continues it,\n\n"
        "“and the end of it,” the mayor said.\n\nNext paragraph."
    )
    qs = find_quotes(body)
    assert len(qs) == 1
    q = qs[0]
    assert (q.start, q.end) == (0, body.index("” the mayor") + 1)
    assert q.text == (
        "The first paragraph of a long statement,\n\n"
        "a second paragraph that continues it,\n\nand the end of it,"
    )


def test_stray_mark_is_contained_to_its_paragraph() -> None:
    body = 'She wrote "an unfinished thought.\n\nThe next paragraph is plain.\n\nSo is "this" one.'
    assert spans(body) == ['"this"']


def test_unclosed_then_new_paragraph_without_mark_is_not_a_quote() -> None:
    body = "“Open but never closed\n\nplain text follows here."
    assert spans(body) == []


def test_quotes_in_code_are_ignored_and_markup_kept_outside() -> None:
    body = 'Use `print("hi")` here.\n\n```\nx = "y"\n```\n\nShe said *"yes"*.'
    assert spans(body) == ['"yes"']


def test_markdown_block_quote_is_one_quote() -> None:
    body = (
        "Per the city report:\n\n> Line one of the report.\n>\n"
        '> Line two, "with a quote".\n\nAfter.'
    )
    qs = find_quotes(body)
    assert body[qs[0].start : qs[0].end] == body[body.index("> Line one") : body.index('".') + 2]
    assert qs[0].kind == "speech" and qs[0].depth == 0
    assert qs[0].text == 'Line one of the report.\n\nLine two, "with a quote".'
    assert [(body[q.start : q.end], q.depth) for q in qs[1:]] == [('"with a quote"', 1)]


def test_plain_text_per_lead_paragraph() -> None:
    body = (
        "The outlet reported new details.\n\nPer Harbor Ledger:\n\n"
        "The commission voted 4-1 after a long night, with one member absent.\n\nOther text."
    )
    qs = find_quotes(body, "text")
    assert len(qs) == 1
    assert body[qs[0].start : qs[0].end].startswith("The commission voted")
    assert qs[0].speaker == "Harbor Ledger" and qs[0].kind == "speech"


def test_guillemets() -> None:
    body = "« Encore une semaine », dit-elle."
    assert spans(body) == ["« Encore une semaine »"]


def test_to_json_shape() -> None:
    q = Quote(1, 5, "abc", "Ann Lee", "said", "speech")
    assert q.to_json() == {
        "start": 1,
        "end": 5,
        "text": "abc",
        "speaker": "Ann Lee",
        "cue": "said",
        "kind": "speech",
    }


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab ,.\n\"'“”‘’«»>*#-:")), max_size=150))
def test_any_text_gives_sane_spans(body: str) -> None:
    for fmt in ("markdown", "text"):
        qs = find_quotes(body, fmt)
        starts = [(q.start, -q.end) for q in qs]
        assert starts == sorted(starts)
        for q in qs:
            assert 0 <= q.start < q.end <= len(body)
            assert q.kind in ("speech", "scare", "title", "term")


def test_nested_quotes_of_different_styles() -> None:
    body = "« Mon père disait : “La vigne se souvient.” Je comprends », confie-t-elle."
    assert [(body[q.start : q.end], q.depth) for q in find_quotes(body)] == [
        ("« Mon père disait : “La vigne se souvient.” Je comprends »", 0),
        ("“La vigne se souvient.”", 1),
    ]


def test_german_marks() -> None:
    body = "„Wir müssen handeln“, sagte Anna Berger. »Das ist zu wenig«, so Klaus Weber."
    qs = find_quotes(body)
    assert [(body[q.start : q.end], q.speaker) for q in qs] == [
        ("„Wir müssen handeln“", "Anna Berger"),
        ("»Das ist zu wenig«", "Klaus Weber"),
    ]


def test_unwrapped_plain_text_has_one_paragraph_per_line() -> None:
    line = "The council met again on Tuesday and argued for hours about the harbor budget."
    body = f'{line} "We are not done," said Ann Berg.\n{line} She left "early\n{line}'
    qs = find_quotes(body, "text")
    assert [body[q.start : q.end] for q in qs] == ['"We are not done,"']  # no run-on quote


_TOKENS = [
    "said",
    "says",
    "told",
    "he",
    "she",
    "Ann Berg",
    "Mr.",
    "Dr.",
    "the",
    "a",
    "mayor",
    "of",
    "and",
    "de la",
    "van der",
    "Cruz",
    "O'Neil",
    "Jr.",
    "(D-Ore.)",
    ",",
    ".",
    ":",
    ";",
    "—",
    '"',
    "“",
    "”",
    "'",
    "‘",
    "’",
    "«",
    "»",
    "„",
    "\n\n",
    "\n",
    "> ",
    "- ",
    "## ",
    "*",
    "_",
    "According to",
    "Per",
    "in his words",
    "so-called",
    "titled",
    "family",
    "statement",
    "Union",
    "Metro",
    "dit-elle",
    "a déclaré",
    "Sen.",
    "U.S.",
    "1998",
    "it's",
    "’90s",
]


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=60))
def test_realistic_token_soup_never_crashes(tokens: list[str]) -> None:
    body = " ".join(tokens)
    for fmt in ("markdown", "text"):
        qs = Builder(body, fmt).build()  # unguarded: no exception may escape
        for q in qs:
            assert 0 <= q.start < q.end <= len(body)
            assert q.speaker is None or q.speaker.strip()


def test_block_quote_ends_before_dash_byline() -> None:
    body = "Intro.\n\n> The river always wins.\n— Jane Doe, hydrologist\n\nNext."
    qs = find_quotes(body)
    assert [(body[q.start : q.end], q.speaker) for q in qs] == [
        ("> The river always wins.", "Jane Doe")
    ]
