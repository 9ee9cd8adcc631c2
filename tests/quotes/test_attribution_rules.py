"""Each attribution rule with the example it handles, and the order of the rule tables.

For every rule the test checks three things: the rule's own answer, that it is the first
rule of its table to answer (the table order is part of the behaviour), and the end result.
"""

from __future__ import annotations

import pytest

from reader.quotes.builder import ATTRIBUTION_RULES, Builder
from reader.quotes.resolve import SKIP, WHO_RULES, Resolver, prepare
from reader.quotes.spans import find_raw_quotes

# (rule, text, phrase, offset of the phrase in the text (-1: last occurrence), outer, expected)
WHO_EXAMPLES = [
    ("unnamed_member", "Smoke rose. A fire analyst with the Forestry Department said so.",
     "a fire analyst with the Forestry Department", -1, None, None),
    ("empty_phrase", "Nothing here.", "", 0, None, None),
    ("appositive_name", "The mayor, Jane Roe, spoke on Monday.", "the mayor", -1, None,
     "Jane Roe"),
    ("he_she", "Tom Reyes arrived late. He said it was fine.", "He", -1, None, "Tom Reyes"),
    ("first_person", "Nothing here.", "I", 0, "Ada Marsh", "Ada Marsh"),
    ("it_said", "The Harbor Authority met on Monday. It said the pier was safe.", "It", -1,
     None, "Harbor Authority"),
    ("they_said", "The Hale family issued a statement. They said thanks.", "They", -1, None,
     "Hale family"),
    ("other_plural_pronoun", "They arrived. They both said so.", "they both", -1, None, None),
    ("role_before_name", "Lead author Dr. Hannah Cole said so.", "lead author Dr. Hannah Cole",
     -1, None, "Hannah Cole"),
    ("possessive_relative", "Her neighbor Bill Chan said so.", "her neighbor Bill Chan", -1,
     None, "Bill Chan"),
    ("article_then_name", "Then the Rev. Al Green spoke.", "the Rev. Al Green", -1, None,
     "Al Green"),
    ("a_spokesperson_for_a_body", "The Riverside Council voted. A council spokesperson said no.",
     "a council spokesperson", -1, None, "Riverside Council"),
    ("someone_of_a_body", "The Riverside Council voted. A spokesman for the council said no.",
     "a spokesman for the council", -1, None, "Riverside Council"),
    ("the_role_holder", "Mayor Jane Roe opened the meeting. Later the mayor said no.",
     "the mayor", -1, None, "Jane Roe"),
    ("a_title_named_later", "A coroner has ruled. The senior coroner, Ruth Abernethy, said so.",
     "a coroner", 0, None, "Ruth Abernethy"),
    ("the_person_named_before", "Maria Lopez, 34, waited. The 34-year-old said it was cold.",
     "the 34-year-old", -1, None, "Maria Lopez"),
    ("the_family", "The Hale family thanked the crew. Weeks later, the family said more.",
     "the family", -1, None, "Hale family"),
    ("the_document", "Crews left. The Harbor Authority issued a statement. The statement said no.",
     "the statement", -1, None, "Harbor Authority"),
    ("the_body", "The Riverside Council met. Then the council said no.", "the council", -1,
     None, "Riverside Council"),
    ("the_short_description", "Tre Watkins scored twice. Later the newcomer said so.",
     "the newcomer", -1, None, "Tre Watkins"),
    ("other_article_phrase", "A crowd gathered. A passer-by said so.", "a passer-by", -1, None,
     None),
    ("bare_title", "Mayor says pier is safe\n\nMayor Jane Roe said the pier is safe.", "Mayor",
     0, None, "Jane Roe"),
    ("bare_body", "Union says no\n\nThe Dockworkers Union voted on Monday.", "Union", 0, None,
     "Dockworkers Union"),
    ("anonymous", "Officials met. Officials said no.", "officials", -1, None, None),
    ("proper_name", "Jane Roe arrived. Ms. Roe said no.", "Ms. Roe", -1, None, "Jane Roe"),
]

# (rule, body, the quote's words, expected speaker, expected kind)
ATTRIBUTION_EXAMPLES = [
    ("lead_or_block_quote", "Jane Roe said:\n\n> We will rebuild the pier.\n",
     "We will rebuild the pier.", "Jane Roe", "speech"),
    ("not_speech", 'The so-called "reform" failed.\n', "reform", None, "scare"),
    ("cue_next_to_quote", '"We will rebuild," Jane Roe said.\n', "We will rebuild,",
     "Jane Roe", "speech"),
    ("same_speaker_goes_on", '"We will rebuild," Jane Roe said. "It will take a year."\n',
     "It will take a year.", "Jane Roe", "speech"),
    ("colon_paragraph_before", "Jane Roe put it this way on Monday:\n\n"
     '"We will rebuild the pier."\n', "We will rebuild the pier.", "Jane Roe", "speech"),
    ("named_in_next_paragraph", '"We will rebuild the pier."\n\nThat was Tobias Lind, the '
     "harbor master.\n", "We will rebuild the pier.", "Tobias Lind", "speech"),
    ("last_speaker_goes_on", '"We will rebuild," Jane Roe said.\n\n"It will take a year."\n',
     "It will take a year.", "Jane Roe", "speech"),
    ("subject_of_paragraph_before", "Jane Roe shrugs.\n\n\"It is what it is.\"\n",
     "It is what it is.", "Jane Roe", "speech"),
    ("headline_speaker", '# Mayor: "We will rebuild"\n\nMayor Jane Roe spoke on Monday.\n',
     "We will rebuild", "Jane Roe", "speech"),
    ("partial_quote_in_sentence", 'Jane Roe called the plan "a waste of money."\n',
     "a waste of money.", "Jane Roe", "speech"),
    ("subject_of_sentence_before", 'Jane Roe laughed. "We will see."\n', "We will see.",
     "Jane Roe", "speech"),
    ("unattributed", 'Nobody knows. "We will see."\n', "We will see.", None, "speech"),
]


def _resolver(text: str) -> Resolver:
    """A resolver over the masked text, its quotation spans and sentences, as built."""
    b = Builder(text, "text")
    spans = [(q.start, q.end) for q in find_raw_quotes(b.doc, b.m)
             if q.depth == 0 and q.block == "mark"]
    return Resolver(b.m, spans, b.sent_starts)


@pytest.mark.parametrize(("rule", "text", "phrase", "at", "outer", "expected"), WHO_EXAMPLES,
                         ids=[e[0] for e in WHO_EXAMPLES])
def test_who_rule(rule: str, text: str, phrase: str, at: int, outer: str | None,
                  expected: str | None) -> None:
    r = _resolver(text)
    pos = text.lower().rfind(phrase.lower()) if at < 0 else at
    assert pos >= 0
    appos = "Jane Roe" if rule == "appositive_name" else ""
    p = prepare(phrase, pos, appos, outer)
    by_name = {f.__name__: f for f in WHO_RULES}
    assert by_name[rule](r, p) == expected
    first = next(f.__name__ for f in WHO_RULES if f(_resolver(text), p) is not SKIP)
    assert first == rule
    assert r.who(phrase, pos, appos, outer) == expected


@pytest.mark.parametrize(("rule", "body", "words", "speaker", "kind"), ATTRIBUTION_EXAMPLES,
                         ids=[e[0] for e in ATTRIBUTION_EXAMPLES])
def test_attribution_rule(rule: str, body: str, words: str, speaker: str | None,
                          kind: str) -> None:
    b = Builder(body, "markdown")
    quotes = b.build()
    (q,) = [q for q in quotes if q.text == words]
    assert (q.speaker, q.kind) == (speaker, kind)
    assert b.decided_by[(q.start, q.end)] == rule


def test_every_rule_has_an_example() -> None:
    assert [f.__name__ for f in WHO_RULES] == [e[0] for e in WHO_EXAMPLES]
    assert [f.__name__ for f in ATTRIBUTION_RULES] == [e[0] for e in ATTRIBUTION_EXAMPLES]


def test_a_bare_verb_is_the_cue_when_no_rule_found_one() -> None:
    """'"...," dijo.': the verb with no subject is the cue of a quote a later rule attributes."""
    words = "We will see what the council decides next week,"
    b = Builder(f'Jane Roe laughed. "{words}" dijo.\n', "markdown")
    (q,) = b.build()
    assert (q.speaker, q.cue) == ("Jane Roe", "dijo")
    assert b.decided_by[(q.start, q.end)] == "subject_of_sentence_before"
    b = Builder(f'Nobody knows. "{words}" dijo.\n', "markdown")
    (q,) = b.build()
    assert (q.speaker, q.cue) == (None, "dijo")
