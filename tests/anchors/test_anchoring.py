"""Highlight anchoring: selectors, re-anchoring after edits, lenient quote search."""

from __future__ import annotations

import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.anchors.anchoring import (
    CONTEXT,
    Anchoring,
    TextQuote,
    describe,
    find_quote,
    inside_word,
    max_distance,
    reanchor,
)
from reader.anchors.editdistance import Match, best_in, levenshtein

FAST = settings(max_examples=150, deadline=None)

WORDS = (
    "the council voted to close harbor bridge after a long debate over costs and safety "
    "mayor said residents would pay more for ferry service while repairs continue into "
    "next year “we can’t wait” — budget report Dredging of the channel began in March"
).split()


def naive_levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def occurrences(body: str, text: str) -> int:
    return sum(body.startswith(text, i) for i in range(len(body)))


def prose_text(rng: random.Random, words: int) -> str:
    seps = [" "] * 8 + [", ", ". ", "\n\n"]
    return "".join(rng.choice(WORDS) + rng.choice(seps) for _ in range(words))


@st.composite
def prose(draw: st.DrawFn, min_words: int = 20, max_words: int = 120) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words))
    seps = st.sampled_from([" ", " ", " ", " ", ", ", ". ", "\n\n"])
    return "".join(w + draw(seps) for w in words)


ARTICLE = (
    "The council met on Tuesday.\n\n"
    "After a long debate over costs, the council voted to close the harbor bridge for "
    "repairs. The mayor said residents would pay more for the ferry in the meantime.\n\n"
    "Repairs are expected to continue into next year, according to the budget report."
)


# --- describe -----------------------------------------------------------------------


def test_describe_takes_context_on_both_sides() -> None:
    body = "x" * 40 + "HIGHLIGHT" + "y" * 40
    q = describe(body, 40, 49)
    assert q == TextQuote("HIGHLIGHT", "x" * CONTEXT, "y" * CONTEXT, 40, 49)
    assert describe("abc", 0, 3) == TextQuote("abc", "", "", 0, 3)


@pytest.mark.parametrize("start,end", [(2, 2), (3, 1), (-1, 2), (0, 4), (4, 5)])
def test_describe_rejects_bad_ranges(start: int, end: int) -> None:
    with pytest.raises(ValueError):
        describe("abc", start, end)


@FAST
@given(st.text(min_size=1, max_size=200), st.data())
def test_describe_round_trips(body: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(body) - 1))
    e = data.draw(st.integers(s + 1, len(body)))
    assert reanchor(describe(body, s, e), body) == Anchoring(s, e, "anchored")


# --- reanchor: examples ---------------------------------------------------------------


def test_unchanged_body_keeps_offsets() -> None:
    s = ARTICLE.index("the council voted")
    q = describe(ARTICLE, s, s + 40)
    assert reanchor(q, ARTICLE) == Anchoring(s, s + 40, "anchored")


def test_text_inserted_before_moves_the_highlight() -> None:
    s = ARTICLE.index("the council voted")
    q = describe(ARTICLE, s, s + 40)
    body = "Editor's note: updated.\n\n" + ARTICLE
    assert reanchor(q, body) == Anchoring(s + 25, s + 65, "anchored")


def test_duplicate_text_is_chosen_by_context() -> None:
    body = "Ann asked if it was over. Bob said yes. Cy said no. Dee said yes. The end."
    second = body.rindex("yes")
    q = describe(body, second, second + 3)
    moved = "Ann asked if it was over, twice. Bob said yes. Cy said no. Dee said yes. The end."
    assert reanchor(q, moved) == Anchoring(moved.rindex("yes"), moved.rindex("yes") + 3, "anchored")
    first = moved.index("yes")
    assert reanchor(describe(body, body.index("yes"), body.index("yes") + 3), moved) == Anchoring(
        first, first + 3, "anchored"
    )


def test_text_at_old_offsets_with_the_wrong_context_is_not_kept() -> None:
    body = "Ann said yes. Bob said yes."
    q = describe(body, 23, 26)  # Bob's yes
    swapped = "Bob said yes. Ann said yes."
    assert swapped[23:26] == "yes"
    assert reanchor(q, swapped) == Anchoring(9, 12, "anchored")


def test_typo_fixed_inside_the_highlight_is_re_anchored_in_place() -> None:
    body = "Intro.\n\nThe goverment announced a new policy on housing today. More text."
    s = body.index("The goverment")
    e = body.index(" today")
    q = describe(body, s, e)
    fixed = "A new first paragraph.\n\n" + body.replace("goverment", "government")
    s2 = fixed.index("The government")
    assert reanchor(q, fixed) == Anchoring(s2, fixed.index(" today"), "re-anchored")


def test_deleted_paragraph_orphans_the_highlight() -> None:
    s = ARTICLE.index("After a long")
    q = describe(ARTICLE, s, ARTICLE.index(" The mayor"))
    paragraphs = ARTICLE.split("\n\n")
    body = "\n\n".join([paragraphs[0], paragraphs[2]])
    assert reanchor(q, body) == Anchoring(None, None, "orphaned")


def retouch(body: str, *spots: int) -> str:
    """``body`` with the characters at ``spots`` replaced by ``@``."""
    chars = list(body)
    for i in spots:
        chars[i] = "@"
    return "".join(chars)


def test_long_highlight_with_a_small_edit_is_re_anchored() -> None:
    rng = random.Random(7)
    body = prose_text(rng, 3000)
    s, e = 5000, 7000
    q = describe(body, s, e)
    body = retouch(body, s - 1, e)  # the context changed too: the quote alone places it
    edited = "NEW LEDE\n\n" * 30 + body[:6000] + "[edit]" + body[6001:]
    assert reanchor(q, edited) == Anchoring(s + 300, e + 305, "re-anchored")


def test_long_highlight_with_a_mangled_opening_is_re_anchored() -> None:
    rng = random.Random(3)
    body = prose_text(rng, 400)
    s, e = 600, 900
    q = describe(body, s, e)
    body = retouch(body, s - 1, e)
    opening = "".join("#" if i % 3 == 1 else c for i, c in enumerate(body[s : s + 64]))
    edited = "Moved down.\n\n" + body[:s] + opening + body[s + 64 :]
    assert reanchor(q, edited) == Anchoring(s + 13, e + 13, "re-anchored")


def test_heavily_edited_highlight_far_from_its_old_place_is_found() -> None:
    rng = random.Random(11)
    body = prose_text(rng, 500)
    s, e = 1000, 1400
    q = describe(body, s, e)
    body = retouch(body, s - 1, e)
    mangled = "".join("#" if i % 10 == 5 else c for i, c in enumerate(body[s:e]))
    edited = prose_text(random.Random(12), 300) + body[:s] + mangled + body[e:]
    shift = len(edited) - len(body)
    assert reanchor(q, edited) == Anchoring(s + shift, e + shift, "re-anchored")


def test_fuzzy_duplicates_are_told_apart_by_context() -> None:
    sentence = "the goverment announced a new policy"
    body = (
        "Alpha wrote that "
        + sentence
        + " on Monday.\n\n"
        + prose_text(random.Random(5), 60)
        + "\n\nGamma heard that "
        + sentence
        + " on Friday."
    )
    s = body.rindex(sentence)
    q = describe(body, s, s + len(sentence))
    edited = prose_text(random.Random(6), 60) + body.replace("goverment", "government")
    assert abs(edited.index("the government") - s) < abs(edited.rindex("the government") - s)
    s2 = edited.rindex("the government")
    assert reanchor(q, edited) == Anchoring(s2, s2 + len(sentence) + 1, "re-anchored")


def test_repeated_passage_stays_with_the_copy_nearest_its_old_place() -> None:
    passage = prose_text(random.Random(9), 25)
    body = passage + "\n\n" + passage + "\n\n" + passage
    q = describe(body, 10, 40)
    assert reanchor(q, "X\n\n" + body) == Anchoring(13, 43, "anchored")
    s = len(passage) + 12
    q = describe(body, s, s + 30)
    assert reanchor(q, "X\n\n" + body) == Anchoring(s + 3, s + 33, "anchored")


def test_the_fuzzy_bound_is_one_edit_in_four() -> None:
    body = "Before it. The committee approved the budget on Tuesday. After it."
    s = body.index("The committee")
    q = describe(body, s, s + 40)
    assert max_distance(40) == 10
    for edits, state in ((10, "re-anchored"), (11, "orphaned")):
        edited = retouch(body, *(s + 1 + 3 * i for i in range(edits)))
        r = reanchor(q, edited)
        assert r.state == state
        if state == "re-anchored":
            assert (r.start, r.end) == (s, s + 40)


def test_a_tiny_stored_context_does_not_outweigh_the_text() -> None:
    body = "the the the the the the council council council council council council, voted, "
    body += "voted, the voted, voted, "
    q = describe(body, 0, len(body) - 1)  # the suffix is one space
    edited = body[:-2] + "x" + body[-1:]  # the quote's last character changed
    assert reanchor(q, edited) == Anchoring(0, len(body) - 1, "re-anchored")


def test_short_highlight_is_not_fuzzily_matched() -> None:
    q = describe("I met a dog.", 6, 7)
    assert reanchor(q, "Nothing like it here: only dogs.") == Anchoring(None, None, "orphaned")
    assert reanchor(q, "I met one dog.") == Anchoring(None, None, "orphaned")
    mid = describe("Intro. the quick brown fox jumps.", 7, 22)
    assert (
        reanchor(mid, "Nothing to see: a slow and the quick brawn cat sleeps.").state == "orphaned"
    )
    assert reanchor(mid, "Intro: the quick brawn fox jumps.") == Anchoring(7, 22, "re-anchored")
    assert (
        reanchor(describe("the quick brown fox", 0, 15), "the quick brawn fox").state == "orphaned"
    )


def test_short_highlight_between_intact_context_is_re_anchored() -> None:
    body = "Room 7 is on floor 3, next to the lift."
    q = describe(body, 5, 6)
    assert reanchor(q, "Room 8 is on floor 3, next to the lift.") == Anchoring(5, 6, "re-anchored")
    assert reanchor(q, "Room 8 is on floor 3, next to the stairs.").state == "orphaned"
    mid = describe("Our neighbour is kind.", 4, 13)
    assert reanchor(mid, "Our neighbor is kind.") == Anchoring(4, 12, "re-anchored")
    assert reanchor(mid, "Yes! Our neighbor is kind") == Anchoring(9, 17, "re-anchored")


def test_a_single_character_body_change() -> None:
    q = describe("a", 0, 1)
    assert reanchor(q, "b") == Anchoring(None, None, "orphaned")
    assert reanchor(q, "") == Anchoring(None, None, "orphaned")
    assert reanchor(TextQuote("", "", "", 0, 0), "abc").state == "orphaned"


# --- reanchor: properties -------------------------------------------------------------


@FAST
@given(prose(), st.data())
def test_edits_outside_the_highlight_keep_it_anchored(body: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(body) - 1))
    e = data.draw(st.integers(s + 1, min(len(body), s + 80)))
    q = describe(body, s, e)
    insertions = st.one_of(prose(1, 6), st.text(max_size=10))
    for _ in range(data.draw(st.integers(1, 4))):
        before = data.draw(st.booleans())
        if data.draw(st.booleans()):
            text = data.draw(insertions)
            p = data.draw(st.integers(0, s) if before else st.integers(e, len(body)))
            body = body[:p] + text + body[p:]
            if before:
                s, e = s + len(text), e + len(text)
        else:
            a = data.draw(st.integers(0, s) if before else st.integers(e, len(body)))
            b = data.draw(st.integers(a, s) if before else st.integers(a, len(body)))
            body = body[:a] + body[b:]
            if before:
                s, e = s - (b - a), e - (b - a)
    assert body[s:e] == q.exact
    r = reanchor(q, body)
    cut_start = inside_word(q.prefix + q.exact, len(q.prefix))
    cut_end = inside_word(q.exact + q.suffix, len(q.exact))
    if (inside_word(body, s) and not cut_start) or (inside_word(body, e) and not cut_end):
        # an insertion ran a word into the highlight's edge: a cut word is never kept
        if r.start is not None and r.end is not None:
            assert cut_start or not inside_word(body, r.start)
            assert cut_end or not inside_word(body, r.end)
        return
    assert r.state == "anchored"
    assert r.start is not None and r.end is not None
    assert body[r.start : r.end] == q.exact
    whole = q.prefix + q.exact + q.suffix
    decided = occurrences(body, whole) == 1 and body.startswith(whole, s - len(q.prefix))
    if occurrences(body, q.exact) == 1 or decided:
        assert (r.start, r.end) == (s, e)


@FAST
@given(prose(15, 80), st.data())
def test_small_edits_inside_a_long_highlight_re_anchor_it(body: str, data: st.DataObject) -> None:
    assume(len(body) >= 60)
    s = data.draw(st.integers(0, len(body) - 40))
    e = data.draw(st.integers(s + 40, min(len(body), s + 400)))
    q = describe(body, s, e)
    for _ in range(data.draw(st.integers(1, 2))):
        kind = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        ch = data.draw(st.sampled_from("xqz#é "))
        if kind == "insert":
            p = data.draw(st.integers(s + 1, e - 1))
            body, e = body[:p] + ch + body[p:], e + 1
        else:
            p = data.draw(st.integers(s, e - 1))
            if kind == "replace":
                body = body[:p] + ch + body[p + 1 :]
            else:
                body, e = body[:p] + body[p + 1 :], e - 1
    if data.draw(st.booleans()):
        lede = data.draw(prose(1, 30))
        body, s, e = lede + body, s + len(lede), e + len(lede)
    assume(q.exact not in body)
    r = reanchor(q, body)
    assert r.state == "re-anchored"
    assert r.start is not None and r.end is not None
    overlap = min(r.end, e) - max(r.start, s)
    assert overlap >= 0.8 * max(r.end - r.start, e - s)


@FAST
@given(prose(), st.one_of(prose(), st.text(max_size=300)), st.data())
def test_unrelated_body_orphans_or_finds_something_close(
    body: str, other: str, data: st.DataObject
) -> None:
    s = data.draw(st.integers(0, len(body) - 1))
    e = data.draw(st.integers(s + 1, min(len(body), s + 60)))
    q = describe(body, s, e)
    r = reanchor(q, other)
    if r.state == "orphaned":
        assert (r.start, r.end) == (None, None)
        return
    assert r.start is not None and r.end is not None
    found = other[r.start : r.end]
    if r.state == "anchored":
        assert found == q.exact
    else:
        assert naive_levenshtein(found, q.exact) <= max_distance(len(q.exact))
        if len(q.exact) < 4:
            assert other[: r.start].endswith(q.prefix) and other[r.end :].startswith(q.suffix)


quotes = st.builds(
    TextQuote,
    st.text(max_size=40),
    st.text(max_size=40),
    st.text(max_size=40),
    st.integers(-10, 100),
    st.integers(-10, 100),
)


@settings(max_examples=200, deadline=None)
@given(quotes, st.one_of(st.text(max_size=120), st.text(alphabet="ab \n", max_size=120)))
def test_reanchor_never_raises(q: TextQuote, body: str) -> None:
    r = reanchor(q, body)
    assert r.state in ("anchored", "re-anchored", "orphaned")
    if r.state == "orphaned":
        assert r.start is None and r.end is None
    else:
        assert r.start is not None and r.end is not None
        assert 0 <= r.start < r.end <= len(body)
    if r.state == "anchored":
        assert body[r.start : r.end] == q.exact


# --- the approximate matching primitives --------------------------------------------


@FAST
@given(st.text(alphabet="abc", max_size=30), st.text(alphabet="abcd", max_size=30))
def test_levenshtein_agrees_with_the_textbook_table(a: str, b: str) -> None:
    assert levenshtein(a, b) == naive_levenshtein(a, b)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="abc", min_size=100, max_size=130), st.data())
def test_levenshtein_of_long_nearly_equal_strings(a: str, data: st.DataObject) -> None:
    b = a
    for _ in range(data.draw(st.integers(1, 30))):
        p = data.draw(st.integers(0, len(b)))
        kind = data.draw(st.sampled_from("isd"))
        ch = data.draw(st.sampled_from("abcd"))
        b = b[:p] + ch + b[p + (kind == "s") :] if kind != "d" else b[:p] + b[p + 1 :]
    assert levenshtein(a, b) == naive_levenshtein(a, b)


@FAST
@given(st.text(alphabet="abc", min_size=1, max_size=12), st.text(alphabet="abcd", max_size=30))
def test_best_in_finds_the_closest_substring(pattern: str, text: str) -> None:
    best = min(
        (
            naive_levenshtein(pattern, text[i:j])
            for i in range(len(text))
            for j in range(i + 1, len(text) + 1)
        ),
        default=len(pattern),
    )
    match = best_in(pattern, text, 0)
    if match is None:
        assert best >= len(pattern)
    else:
        assert match.distance == best
        assert naive_levenshtein(pattern, text[match.start : match.end]) == best


def test_best_in_breaks_ties_by_nearness() -> None:
    # "zbcd" is one edit from "abcd" whether or not the "z" is part of the match
    assert best_in("abcd", "zbcd", 0) == Match(0, 4, 1)
    assert best_in("abcd", "zbcd", 1) == Match(1, 4, 1)
    assert best_in("abc", "abc..abc", 5) == Match(5, 8, 0)
    assert best_in("abc", "xyz", 0) == Match(0, 3, 3)
    assert best_in("abc", "", 0) is None


# --- find_quote -------------------------------------------------------------------------


def spans(body: str, text: str) -> list[str]:
    return [body[s:e] for s, e in find_quote(body, text)]


def test_whitespace_runs_and_newlines_are_equal() -> None:
    body = "the quick\n   brown\tfox"
    assert find_quote(body, "quick brown fox") == [(4, len(body))]
    assert find_quote(body, "  quick   brown fox \n") == [(4, len(body))]


def test_straight_and_curly_quotes_are_equal() -> None:
    body = 'He said “it’s fine” and left. She said "it\'s fine" too.'
    assert spans(body, 'said "it\'s fine"') == ["said “it’s fine”", 'said "it\'s fine"']
    assert spans(body, "said “it’s fine”") == ["said “it’s fine”", 'said "it\'s fine"']
    assert spans(body, "«it's fine»") == ["“it’s fine”", '"it\'s fine"']


def test_dashes_are_equal() -> None:
    body = "From 2010–2012 — and again --- in 2015-2016."
    assert spans(body, "2010—2012") == ["2010–2012"]
    assert spans(body, "2015–2016") == ["2015-2016"]
    assert spans(body, "2012 — and again — in") == ["2012 — and again --- in"]


@pytest.mark.parametrize(
    "body,text,seen",
    [
        ("This is a **bold** claim.", "a bold claim", "a **bold** claim"),
        ("Some _emphasis_ here.", "Some emphasis here", "Some _emphasis_ here"),
        ("Run `make test` now.", "Run make test now", "Run `make test` now"),
        ("See [the report](http://x.org/a_(b)) today.", "See the report today", None),
        ("An ![old map](map.png) of town.", "An old map of town", None),
        ("Mail <https://example.com/x> now.", "Mail https://example.com/x now", None),
        ("R&amp;D costs", "R&D costs", "R&amp;D costs"),
        ("Use \\*stars\\* here", "Use stars here", "Use \\*stars\\* here"),
        ("> first line\n> second line", "first line second line", None),
        ("- one item\n- two items", "one item two items", None),
        ("a co\u00adop\u200berative farm", "a cooperative farm", None),
    ],
)
def test_markdown_markup_is_skipped(body: str, text: str, seen: str | None) -> None:
    found = find_quote(body, text)
    assert len(found) == 1
    s, e = found[0]
    assert body[s] == text.strip()[0] and body[e - 1] == text.strip()[-1]
    if seen is not None:
        assert body[s:e] == seen


def test_span_runs_from_first_to_last_visible_character() -> None:
    assert spans("a **bold** word", "bold") == ["bold"]
    assert spans("a **bold claim**", "a bold claim") == ["a **bold claim"]


def test_multiple_matches_in_order_and_no_match() -> None:
    body = "the cat and the cat and THE CAT"
    assert find_quote(body, "the cat") == [(0, 7), (12, 19)]
    assert find_quote(body, "the dog") == []
    assert find_quote(body, "") == []
    assert find_quote(body, " \n\t ") == []
    assert find_quote("aaaa", "aa") == [(0, 2), (2, 4)]


VISIBLE = "abAB.,'\"“”‘’é"


@FAST
@given(st.text(alphabet=VISIBLE + " \n\t*_`-–—", min_size=1, max_size=80), st.data())
def test_find_quote_finds_any_range_of_the_body(body: str, data: st.DataObject) -> None:
    ends = [i for i, c in enumerate(body) if c in VISIBLE]
    assume(ends)
    s = data.draw(st.sampled_from(ends))
    e = data.draw(st.sampled_from([i for i in ends if i >= s])) + 1
    found = find_quote(body, body[s:e])
    # matches do not overlap, so an earlier one may have taken (s, e)'s first characters
    assert (s, e) in found or any(a < s < b for a, b in found)


# --- reanchor: word boundaries ---------------------------------------------------------


@pytest.mark.parametrize(
    "edited,expected",
    [
        ("they have seemed", "tougher killers than they have"),
        ("they had seemed", "tougher killers than they had"),
        ("they don't seem", "tougher killers than they don't"),
    ],
)
def test_re_anchored_end_takes_the_whole_word(edited: str, expected: str) -> None:
    # "they do" is still there, verbatim, in "they don't": it is not kept cut short either
    body = "Cats, said the vet, are tougher killers than they do seem to most owners of them."
    s, e = body.index("tougher"), body.index(" seem")
    q = describe(body, s, e)
    new = body.replace("they do seem", edited)
    r = reanchor(q, new)
    assert r.state == "re-anchored"
    assert r.start is not None and r.end is not None
    assert new[r.start : r.end] == expected


def test_re_anchored_start_takes_the_whole_word() -> None:
    body = "The report said the harbor bridge would close for repairs next spring, at last."
    s, e = body.index("the harbor"), body.index(", at")
    q = describe(body, s, e)
    new = body.replace("said the harbor", "said its harbor")
    r = reanchor(q, new)
    assert r.state == "re-anchored"
    assert r.start is not None and r.end is not None
    assert new[r.start : r.end] == "its harbor bridge would close for repairs next spring"


def test_a_highlight_made_inside_a_word_may_stay_inside_one() -> None:
    body = "An extraordinarily long council meeting went on until midnight yesterday."
    s, e = body.index("ordinarily"), body.index(" until")
    q = describe(body, s, e)
    new = body.replace("council", "counsel")
    r = reanchor(q, new)
    assert r.state == "re-anchored" and r.start is not None and r.end is not None
    assert new[r.start : r.end] == "ordinarily long counsel meeting went on"


def _on_boundary(text: str, i: int) -> bool:
    return not inside_word(text, i)


@FAST
@given(prose(10, 60), st.data())
def test_anchored_spans_never_cut_a_word(body: str, data: st.DataObject) -> None:
    bounds = [i for i in range(len(body) + 1) if _on_boundary(body, i)]
    s = data.draw(st.sampled_from(bounds[:-1]))
    e = data.draw(st.sampled_from([b for b in bounds if b > s]))
    assume(body[s:e].strip())
    q = describe(body, s, e)
    for _ in range(data.draw(st.integers(1, 3))):
        p = data.draw(st.integers(max(0, s - 3), min(len(body), e + 3)))
        kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        text = data.draw(st.sampled_from(["x", "ve", " and", "é", "'s", "ing"]))
        if kind == "insert":
            body = body[:p] + text + body[p:]
        elif kind == "delete":
            body = body[:p] + body[p + 2 :]
        else:
            body = body[:p] + text + body[p + len(text) :]
    r = reanchor(q, body)
    if r.state == "orphaned":
        return
    assert r.start is not None and r.end is not None
    assert _on_boundary(body, r.start), body[max(0, r.start - 5) : r.start + 5]
    assert _on_boundary(body, r.end), body[max(0, r.end - 5) : r.end + 5]
    assert naive_levenshtein(body[r.start : r.end], q.exact) <= max_distance(len(q.exact))
