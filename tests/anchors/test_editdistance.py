"""The rapidfuzz-based kernels against textbook pure-Python versions (tests/anchors/reference.py).

Small alphabets make ties (several equally close substrings) common, so the nearness rules
are exercised; a few tests use long prose with edits, as re-anchoring does.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.anchors.editdistance import (
    Match,
    best_in,
    common_prefix,
    common_suffix,
    levenshtein,
    similarity,
)
from tests.anchors import reference

MANY = settings(max_examples=300, deadline=None)
FEW = settings(max_examples=40, deadline=None)

# the characters best_in pads the pattern with, so texts holding them are tried too
PADS = "\uffff\ufffe\U0010ffff\U0010fffe\x00"
small = st.text(alphabet="ab", max_size=24)
medium = st.text(alphabet="abcd ", max_size=30)
odd = st.text(alphabet="ab" + PADS + "é😀\u0301", max_size=20)
any_text = st.one_of(small, medium, odd, st.text(max_size=20))


def as_tuple(match: Match | None) -> tuple[int, int, int] | None:
    return None if match is None else (match.start, match.end, match.distance)


@MANY
@given(any_text, any_text)
def test_levenshtein_is_the_textbook_distance(a: str, b: str) -> None:
    assert levenshtein(a, b) == reference.levenshtein(a, b)


@MANY
@given(any_text, any_text)
def test_common_prefix_and_suffix(a: str, b: str) -> None:
    assert common_prefix(a, b) == reference.common_prefix(a, b)
    assert common_suffix(a, b) == reference.common_prefix(a[::-1], b[::-1])


def test_similarity_of_the_stored_context() -> None:
    assert similarity("", "anything") == 1.0
    assert similarity("abcd", "abcd") == 1.0
    assert similarity("abcd", "abxd") == 0.75
    assert similarity("ab", "xyzw") == 0.0  # floored


@MANY
@given(st.one_of(small, medium, odd).filter(bool), any_text, st.integers(-5, 40))
@example("b", "a" + PADS, 2)  # every pad character is in the text: another one is found
@example("\uffffa", "\uffff\ufffeab", 0)
@example("abcd", "zbcd", 0)
@example("abcd", "zbcd", 1)
@example("a", "aba", 1)  # two exact ends equally near the preferred one: the earlier wins
@example("ab", "abxab", 1)  # ends 2 and 5 are as near as each other to 3: the earlier wins
def test_best_in_is_the_textbook_closest_substring(pattern: str, text: str, near: int) -> None:
    assert as_tuple(best_in(pattern, text, near)) == as_tuple(
        reference.best_in(pattern, text, near)
    )


@MANY
@given(small.filter(bool), small, st.integers(-5, 30), st.integers(-1, 25))
def test_a_bound_only_drops_matches_beyond_it(
    pattern: str, text: str, near: int, bound: int
) -> None:
    expected = reference.best_in(pattern, text, near)
    found = best_in(pattern, text, near, bound)
    if expected is None or expected.distance > bound:
        assert found is None
    else:
        assert as_tuple(found) == as_tuple(expected)


def test_ties_go_to_the_nearest_then_the_earlier_end() -> None:
    assert best_in("a", "aba", 1) == Match(0, 1, 0)
    assert best_in("a", "aba", 2) == Match(2, 3, 0)
    assert best_in("ab", "abxab", 1) == Match(0, 2, 0)
    assert best_in("abc", "abzabc", 2) == Match(3, 6, 0)


def test_text_holding_the_padding_characters() -> None:
    assert best_in("\uffffa", "\uffff\ufffeab", 0) == Match(0, 2, 1)
    assert best_in("x\x00y", "ab\x00x\x00y" + PADS, 0) == Match(3, 6, 0)


def test_empty_pattern_or_text_has_no_match() -> None:
    assert best_in("", "abc", 0) is None
    assert best_in("abc", "", 0) is None
    assert best_in("", "", 0) is None


WORDS = "the council voted to close harbor bridge after debate over costs and safety".split()


@st.composite
def edited_prose(draw: st.DrawFn) -> tuple[str, str, int]:
    """A pattern cut from prose, the prose with edits around and inside it, and a hint."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=20, max_size=45))
    text = " ".join(words)
    s = draw(st.integers(0, len(text) - 30))
    e = draw(st.integers(s + 20, min(len(text), s + 90)))
    pattern = text[s:e]
    for _ in range(draw(st.integers(0, 12))):
        p = draw(st.integers(0, len(text)))
        ch = draw(st.sampled_from("xqz e"))
        text = text[:p] + ch + text[p + draw(st.integers(0, 1)) :]
    return pattern, text, draw(st.integers(max(0, s - 20), s + 20))


@FEW
@given(edited_prose(), st.sampled_from([None, 0, 3, 10, 25]))
def test_best_in_on_edited_prose(case: tuple[str, str, int], bound: int | None) -> None:
    pattern, text, near = case
    expected = reference.best_in(pattern, text, near)
    assert expected is not None
    if bound is not None and expected.distance > bound:
        assert best_in(pattern, text, near, bound) is None
    else:
        assert as_tuple(best_in(pattern, text, near, bound)) == as_tuple(expected)
