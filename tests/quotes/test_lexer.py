"""The Pygments ``article`` lexer and the terminal renderer."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st
from pygments.lexers import get_lexer_by_name
from pygments.token import Generic, Literal, Number

from reader.quotes.lexer import CUE, QUOTE, QUOTE_MARK, QUOTE_SCARE, SPEAKER, ArticleLexer
from reader.quotes.terminal import render_terminal

BODY = (
    "## Harbor vote\n\n"
    '"We will rebuild," Ada Marsh said on March 3, 2024, after a *long* night. '
    'The so-called "fix" costs $12 million.\n'
)


def tokens(text: str, **options: object) -> list[tuple[int, object, str]]:
    return list(ArticleLexer(**options).get_tokens_unprocessed(text))


def test_registered_by_name() -> None:
    lexer = get_lexer_by_name("article")
    assert isinstance(lexer, ArticleLexer)


def test_runs_cover_text_and_classify() -> None:
    toks = tokens(BODY)
    assert "".join(v for _i, _t, v in toks) == BODY
    by_value = {v: t for _i, t, v in toks}
    assert by_value["We will rebuild,"] is QUOTE
    assert by_value['"'] is QUOTE_MARK
    assert by_value["Marsh"] is SPEAKER
    assert by_value["said"] is CUE
    assert by_value["long"] is Generic.Emph
    assert by_value["fix"] is QUOTE_SCARE
    assert by_value["March 3, 2024"] is Literal.Date
    assert by_value["$12"] is Number
    assert any(t is Generic.Heading for _i, t, _v in toks)
    # runs, not characters: no two neighbours share a token
    assert all(a[1] is not b[1] for a, b in itertools.pairwise(toks))
    offsets = [i for i, _t, _v in toks]
    assert offsets == sorted(offsets) and offsets[0] == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_lexes_to_itself(text: str) -> None:
    for fmt in ("markdown", "text"):
        toks = tokens(text, body_format=fmt)
        assert "".join(v for _i, _t, v in toks) == text
        pos = 0
        for i, _t, v in toks:
            assert i == pos and v
            pos += len(v)


def test_render_plain_wraps_and_attributes() -> None:
    out = render_terminal(BODY, "markdown", color=False, width=40)
    lines = out.splitlines()
    assert lines[0] == "Harbor vote"
    assert all(len(line) <= 40 for line in lines)
    assert "— Ada Marsh" in out
    assert "Speakers" in out and "Ada Marsh  1 quote" in out
    assert "\x1b" not in out


def test_render_color_uses_ansi_and_strips_article_escapes() -> None:
    body = 'Evil \x1b[31mred\x1b[0m and \x07bell. "Hi," said Ann Berg.'
    out = render_terminal(body, "text", color=True, width=60)
    assert "\x1b[" in out  # our own colours
    assert "\x1b[31m" not in out and "\x07" not in out
    plain = render_terminal(body, "text", color=False, width=60)
    assert "\x1b" not in plain and "\x07" not in plain
    assert "Evil [31mred" not in plain or "\x1b" not in plain


def test_render_lists_quotes_and_rules() -> None:
    body = "- one\n  - two\n1. three\n\n> quoted words\n\n---\n\n```\ncode line\n```"
    out = render_terminal(body, "markdown", color=False, width=40)
    assert "• one" in out and "  ◦ two" in out and "1. three" in out
    assert "│ quoted words" in out
    assert "────" in out and "    code line" in out
