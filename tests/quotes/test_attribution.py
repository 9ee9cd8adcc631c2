"""Attribution: speakers, cues, pronouns, short references, kinds."""

from __future__ import annotations

import pytest

from reader.quotes import analyze, find_quotes, speakers_index


def who(body: str, fmt: str = "markdown") -> list[tuple[str | None, str]]:
    return [(q.speaker, q.kind) for q in find_quotes(body, fmt) if q.depth == 0]


def cues(body: str) -> list[str | None]:
    return [q.cue for q in find_quotes(body) if q.depth == 0]


@pytest.mark.parametrize(
    ("body", "speaker", "cue"),
    [
        ('"We will rebuild the pier," Ada Marsh said.', "Ada Marsh", "said"),
        ('"We will rebuild the pier," said Ada Marsh.', "Ada Marsh", "said"),
        ('"We will rebuild the pier," says Ada Marsh, a former port adviser.', "Ada Marsh", "says"),
        (
            'Ada Marsh told the Harbor Ledger, "We will rebuild the pier."',
            "Ada Marsh",
            "told the Harbor Ledger",
        ),
        ('Ada Marsh adds, "We will rebuild the pier and more."', "Ada Marsh", "adds"),
        (
            'Ada Marsh has insisted that the port needs "tougher rules than we have" now.',
            "Ada Marsh",
            "insisted",
        ),
        ('Ada Marsh wrote: "We will rebuild the pier, whatever it costs."', "Ada Marsh", "wrote"),
        (
            'Ada Marsh recalled the night the pier fell: "It sounded like thunder."',
            "Ada Marsh",
            "recalled",
        ),
        (
            'Ada Marsh argued that the plan was "a bridge too far for this town."',
            "Ada Marsh",
            "argued",
        ),
        ("“Nobody listened,” the Pentagon said in a statement.", "Pentagon", "said"),
    ],
)
def test_cue_patterns(body: str, speaker: str, cue: str) -> None:
    qs = find_quotes(body)
    assert [(q.speaker, q.cue, q.kind) for q in qs] == [(speaker, cue, "speech")]


def test_titles_and_party_tags_are_not_part_of_the_name() -> None:
    body = (
        'Sen. Tom Cotton (R-Ark.) said the bill would "change everything at the border."\n\n'
        '"It is a start," Cotton added.'
    )
    assert who(body) == [("Tom Cotton", "speech"), ("Tom Cotton", "speech")]


def test_according_to_and_in_his_words() -> None:
    body = (
        "Rep. Morgan Vale (R-Texas) filed the bill in March. According to Vale, the measure "
        '"makes clear that the coast guard must be ready to act at once."\n\n'
        'Ray Ortiz is campaigning on a vow to, in his words, "fix the harbor by next summer."'
    )
    qs = find_quotes(body)
    assert [(q.speaker, q.cue) for q in qs] == [
        ("Morgan Vale", "according to"),
        ("Ray Ortiz", "in his words"),
    ]


def test_split_quote_keeps_speaker() -> None:
    body = '"The money is there," she said. "The will is not." Earlier, Dana Kim had resigned.'
    body = "Dana Kim spoke last.\n\n" + body
    assert who(body) == [("Dana Kim", "speech"), ("Dana Kim", "speech")]


def test_pronoun_resolves_to_last_matching_person() -> None:
    body = (
        "Mark Tenby met Julia Ross at the dock. Ross said little; she was tired.\n\n"
        '"We lost three ships this year," he said.\n\n'
        '"And we may lose more," she added.'
    )
    assert who(body) == [("Mark Tenby", "speech"), ("Julia Ross", "speech")]


def test_short_references_resolve_to_full_name() -> None:
    body = (
        "Matthew Duval, a former adviser to the governor, spoke first. "
        '"It is broken," he said.\n\n'
        'Duval adds, "Nobody wants to admit it."\n\n'
        'Mr. Duval later said the report was "fair."'
    )
    assert [s for s, _k in who(body)] == ["Matthew Duval"] * 3


def test_continuation_paragraph_keeps_speaker() -> None:
    body = (
        '"We waited years for this," said Lena Ortiz, who runs the cannery.\n\n'
        '"Now we finally have a plan we can live with."\n\n'
        "The vote was 4-1."
    )
    assert who(body) == [("Lena Ortiz", "speech"), ("Lena Ortiz", "speech")]


def test_continuation_stops_when_someone_else_is_named() -> None:
    body = (
        '"We waited years for this," said Lena Ortiz.\n\n'
        "Commissioner Tom Reyes voted no and left early.\n\n"
        '"Now we finally have a plan we can all live with, more or less."'
    )
    assert who(body)[1][0] != "Lena Ortiz"


def test_kinds_scare_title_term() -> None:
    body = (
        'What was once a so-called "fringe idea" is now policy. The paper is titled: '
        '"Time to Fix the Harbor." Planners use the word "setback" for it. '
        'Critics call it the "harbor tax." Their "plan" is vague.'
    )
    assert who(body) == [
        (None, "scare"),
        (None, "title"),
        (None, "term"),
        (None, "term"),
        (None, "scare"),
    ]


def test_partial_quote_uses_sentence_subject() -> None:
    body = 'Mayor Glen Orr defended the budget as "the least bad option" on Monday.'
    assert who(body) == [("Glen Orr", "speech")]


def test_anonymous_speaker_is_none() -> None:
    body = "\"We don't have jobs if the boats can't get in,\" one cannery worker wrote online."
    assert who(body) == [(None, "speech")]


def test_organisation_role_reference() -> None:
    body = (
        "Lakeview Transit said in a statement that talks had stalled.\n\n"
        '"Both parties remain committed to an agreement," the statement said.'
    )
    assert who(body) == [("Lakeview Transit", "speech")]


def test_per_lead_and_said_lead_block_quote() -> None:
    body = (
        "Dana Kim wrote:\n\n> The harbor is not a parking lot.\n\n"
        "Per Rolling Stone:\n\nA copied paragraph."
    )
    qs = find_quotes(body)
    assert [(q.speaker, q.kind) for q in qs] == [
        ("Dana Kim", "speech"),
        ("Rolling Stone", "speech"),
    ]


def test_french_inverted_cue() -> None:
    body = "Claire Dubois, vigneronne, goûte un grain.\n\n« Encore une semaine », dit-elle."
    assert who(body) == [("Claire Dubois", "speech")]


def test_nested_first_person_resolves_to_outer_speaker() -> None:
    body = "“I told them, ‘Not this year,’ and they listened,” said Ann Berg."
    qs = find_quotes(body)
    assert [(q.speaker, q.depth) for q in qs] == [("Ann Berg", 0), ("Ann Berg", 1)]


def test_speakers_index_orders_by_count_then_first_appearance() -> None:
    body = '"One," said Ann Berg. "Two," said Bo Lind. "Three," said Bo Lind. "Four," said Cy Moss.'
    index = speakers_index(find_quotes(body))
    assert [(s.name, s.count) for s in index] == [("Bo Lind", 2), ("Ann Berg", 1), ("Cy Moss", 1)]


def test_analyze_is_cached_per_content() -> None:
    body = '"Hi," said Ann Berg.'
    a1 = analyze(body)
    assert analyze(body) is a1
    assert analyze(body, "text") is not a1
    assert a1.speakers[0].name == "Ann Berg"
    assert a1.sentences == ((0, len(body)),)


SIBLINGS = """Anna Weiss and her brother, Paul Weiss, inherited the orchard. She wanted to sell.

"I told him it was a money pit," Anna Weiss said. "He told me I was a coward."

Paul laughed when asked about that. "She's not wrong about the money," he said.

Their neighbor, Ruth Kane, has watched for years.
Kane, 71, said she had "never seen two people so alike."

"People think it's just apples," Anna said later. "It's our grandfather's whole life."
"""

COURT = """Prosecutor Helen Grant told jurors the defendant had "planned every step."

Witness Sarah Long testified for two hours.
Asked by Grant what she remembered, she said: "The door was open."

"We just want the truth," said the victim's mother, Donna Long.
"""

SCIENCE = """A new study suggests that bees can count.

"It's remarkable," said lead author Dr. Hannah Cole of the University of Leeds.

"Counting is a strong word," said Professor Ian McKay, an entomologist at Oxford.

Cole disagrees. "We controlled for area," she said.
"""

AGES = """Jane Doe survived the flood. "We were lucky," the 45-year-old said.

As Doe put it, "the river took everything but us." Her neighbor Bill Chan agreed.

In Chan's words, "it was a miracle." "Yes," said Doe, while Chan replied, "No."
"""


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        (
            SIBLINGS,
            ["Anna Weiss", "Anna Weiss", "Paul Weiss", "Ruth Kane", "Anna Weiss", "Anna Weiss"],
        ),
        (COURT, ["Helen Grant", "Sarah Long", "Donna Long"]),
        (SCIENCE, ["Hannah Cole", "Ian McKay", "Hannah Cole"]),
        (AGES, ["Jane Doe", "Jane Doe", "Bill Chan", "Jane Doe", "Bill Chan"]),
    ],
    ids=["family-surnames", "courtroom-objects", "person-of-org", "age-as-put-it"],
)
def test_story_attribution(body: str, speakers: list[str]) -> None:
    assert [s for s, _k in who(body)] == speakers


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        ('"The only way out is through." --- Robert Frost', ["Robert Frost"]),
        (
            "Jane Roe said in a statement that the deal was dead.\n\n"
            '"We tried," the statement said.',
            ["Jane Roe"],
        ),
        (
            "In a statement read by their lawyer, the Hale family said they were grateful.\n\n"
            '"He loved the sea," the family said.',
            ["Hale family"],
        ),
        (
            '## Mayor: "We are ready"\n\n'
            'Mayor Ann Cole spoke on Monday. "We are ready," Cole said.',
            ["Ann Cole", "Ann Cole"],
        ),
        (
            'The crash was "entirely avoidable," a coroner has ruled.\n\n'
            '"It was not a freak accident," said the senior coroner for Argyll, Ruth Abbott.',
            ["Ruth Abbott", "Ruth Abbott"],
        ),
        (
            "« Nous avons entendu la colère », a déclaré le ministre, Marc Fesneau, mardi.",
            ["Marc Fesneau"],
        ),
        (
            'Pieter van der Meer spoke first. "The dikes held," Van der Meer said. '
            'José de la Cruz disagreed. "They barely held," de la Cruz said.',
            ["Pieter van der Meer", "José de la Cruz"],
        ),
    ],
    ids=[
        "dash",
        "statement-author",
        "family",
        "headline-role",
        "role-ahead",
        "french",
        "particles",
    ],
)
def test_more_attribution_patterns(body: str, speakers: list[str]) -> None:
    assert [s for s, _k in who(body)] == speakers


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        (
            '## "We Will Not Back Down," Union Says\n\n'
            "The Amalgamated Workers Union voted to strike on Monday.",
            "Amalgamated Workers Union",
        ),
        (
            '## Mayor Says City "Will Recover"\n\nMayor Ann Cole toured the damage Monday.',
            "Ann Cole",
        ),
        (
            "The Environmental Protection Agency (EPA) issued a rule.\n\n"
            '"This protects children," the EPA said.',
            "Environmental Protection Agency",
        ),
        (
            'After Tom Jones left the room, Bill Smith sat down.\n\n"I am staying," he said.',
            "Bill Smith",
        ),
        (
            'Harold "Hal" Jennings played until 90.\n\n"Never again," Hal told me in 2010.',
            "Harold Jennings",
        ),
    ],
    ids=["headline-org", "headline-title", "acronym", "subordinate-clause", "nickname"],
)
def test_headlines_acronyms_and_antecedents(body: str, speaker: str) -> None:
    speakers = [q.speaker for q in find_quotes(body) if q.kind == "speech"]
    assert speakers[-1] == speaker


def test_turn_taking_between_quotes() -> None:
    body = (
        '"We should wait," said Ann Berg. Bill Smith disagreed. "We cannot wait."\n\n'
        '"Orrin, mostly," she said. Tom Tafoya died in 2003. "He never got over it."'
    )
    assert [s for s, _k in who(body)] == ["Ann Berg", "Bill Smith", "Ann Berg", "Ann Berg"]


def test_pledge_noun_belongs_to_the_clause_subject() -> None:
    """'As X points out, Y has campaigned on a pledge to “...”' is Y's promise, not X's."""
    body = (
        "As Rolling Stone points out, Donald Trump has campaigned on a pledge to "
        "“make appropriate use of the military” at the border."
    )
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Donald Trump" and q.cue == "pledge"


def test_our_role_inside_a_quote_is_not_the_quoter() -> None:
    body = (
        '"I just tried to make myself big," Ines Calloway said. "Our keeper coach told me, '
        "'Pick a side and commit,' and I did.\""
    )
    nested = [q for q in analyze(body, "text").quotes if q.depth == 1]
    assert len(nested) == 1 and nested[0].speaker is None


def test_group_names_are_organisations() -> None:
    from reader.quotes.person_names import name_kind

    assert name_kind("Westfield Parents for Safe Routes") == "org"
    assert name_kind("United Pulp Workers") == "org"
    assert name_kind("Shares of Tidewater") != "org"


def test_first_word_of_an_organisation_is_that_organisation() -> None:
    body = (
        "Tidewater agreed to sell the mill to Nordhavn Board for $410 million. "
        'Nordhavn said it planned to keep the mill open. "We intend to invest," Nordhavn said.'
    )
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Nordhavn Board"


def test_speaker_named_in_the_next_paragraph() -> None:
    body = (
        "Nordhavn Board has bought three plants since 2023.\n\n"
        '"We don\'t buy mills to close them."\n\n'
        "That was Tobias Lindqvist, the company's chairman, speaking outside the plant."
    )
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Tobias Lindqvist"


def test_they_after_an_organisation_quote() -> None:
    body = (
        "The United Pulp Workers local said it had not been consulted. "
        '"We learned about this from a press release," the union said. They added that they '
        'would seek a meeting "as soon as possible."'
    )
    quotes = analyze(body, "text").quotes
    assert [q.speaker for q in quotes] == ["United Pulp Workers", "United Pulp Workers"]


def test_he_after_an_owner_appositive_is_the_appositive() -> None:
    body = (
        "Declan Rourke called it the best night of his career. Rourke's assistant, Tomasz "
        'Wierzbicki, who joined in the summer, was more blunt. "We got lucky," he said.'
    )
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Tomasz Wierzbicki"


def test_rating_word_is_a_term() -> None:
    body = 'Priyanka Deshmukh said the price was full. She kept a "hold" rating on the shares.'
    (q,) = analyze(body, "text").quotes
    assert q.kind == "term" and q.speaker is None


def test_definite_description_refers_to_previous_subject() -> None:
    body = (
        "Samir Haddad, whose goal had put Millbrook ahead, struck the crossbar with his "
        'penalty. "I\'ll see that one for a while," the striker said.'
    )
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Samir Haddad"


def test_and_clause_after_a_quote_is_not_its_attribution() -> None:
    body = (
        "Entrepreneur Vivek Ramaswamy said he would use the military to “seal the southern "
        "border,” and Florida Governor Ron DeSantis promised to deploy Special Forces to "
        "Mexico “on Day One.”"
    )
    quotes = analyze(body, "text").quotes
    assert [(q.speaker, q.kind) for q in quotes] == [
        ("Vivek Ramaswamy", "speech"),
        ("Ron DeSantis", "speech"),
    ]


def test_passive_agent_is_the_speaker() -> None:
    body = (
        "Lamar Jeffries said his son had been told by a teacher that the walk was "
        '"good exercise." The plan was described by Mayor Ann Berg as "a good start."'
    )
    quotes = analyze(body, "text").quotes
    assert [q.speaker for q in quotes] == [None, "Ann Berg"]


def test_unnamed_member_of_an_organisation_is_anonymous() -> None:
    body = (
        '"We caught a break," said a fire behavior analyst with the Oregon Department of '
        'Forestry. "We intend to invest," said a spokesperson for Nordhavn Board.'
    )
    quotes = analyze(body, "text").quotes
    assert [q.speaker for q in quotes] == [None, "Nordhavn Board"]


def test_he_inside_a_quote_is_not_the_quoter() -> None:
    body = (
        "“The ferry was late again,” Tomas Brennan told the board. “He said to me, ‘it will be "
        "fixed by June,’ and nothing happened.”"
    )
    nested = [q for q in analyze(body, "text").quotes if q.depth == 1]
    assert len(nested) == 1 and nested[0].speaker is None


def test_it_after_an_organisation_statement() -> None:
    body = (
        "The teachers' union, the Brantford Education Association, issued a statement. It "
        'called the proposal "an insult to every teacher in this city." The Harbor Commission '
        'met Monday. It described the plan as "a first step."'
    )
    quotes = analyze(body, "text").quotes
    assert [q.speaker for q in quotes] == ["Brantford Education Association", "Harbor Commission"]


def test_speaker_named_after_the_quote_in_the_same_paragraph() -> None:
    body = (
        '"Unacceptable." That was the one-word response from Councilwoman Rita Vance. '
        '"Absolutely not," was the reply from Sen. Hal Burke.'
    )
    assert [q.speaker for q in analyze(body, "text").quotes] == ["Rita Vance", "Hal Burke"]


def test_leading_clause_is_skipped_for_the_previous_subject() -> None:
    body = (
        'Kevin Marsh told officers he "didn\'t see the light."\n\n'
        'Asked whether he would run again, Mayor Pete Ochoa laughed. "Ask me in March."'
    )
    quotes = analyze(body, "text").quotes
    assert quotes[-1].speaker == "Pete Ochoa"


def test_role_reference_to_a_surname_subject() -> None:
    body = (
        'Smith, 34, scored twice. "It felt good," the forward said. Teammate Jo Park agreed: '
        '"She carried us."'
    )
    assert [q.speaker for q in analyze(body, "text").quotes] == ["Smith", "Jo Park"]


def test_letter_reads_is_its_authors_words() -> None:
    body = (
        "More than 200 parents have signed a letter to the board.\n\n"
        '"Many of our children would have to walk along Route 9," the letter reads. "We do not '
        'believe the board considered this." The letter was organized by a group calling itself '
        "Westfield Parents for Safe Routes.\n\n"
        'The Hale family issued a statement Monday. "We are grateful," the statement reads.'
    )
    speakers = [q.speaker for q in analyze(body, "text").quotes]
    assert speakers == ["Westfield Parents for Safe Routes"] * 2 + ["Hale family"]


def test_it_after_a_persons_email_is_the_writer() -> None:
    body = (
        'In an email, Principal Nora Sykes wrote that the policy was "working as intended."\n\n'
        'Sykes\'s email did not address the complaints. "We stand by our staff," it said.\n\n'
        'The Harbor Commission met Monday. "We will vote in May," it said in a statement.'
    )
    speakers = [q.speaker for q in analyze(body, "text").quotes]
    assert speakers == ["Nora Sykes", "Nora Sykes", "Harbor Commission"]


def test_letter_signed_at_its_foot() -> None:
    body = (
        "Dunleavy received a handwritten letter.\n\n"
        "> Dear Ms. Dunleavy,\n>\n> Please do not cut the cottonwood down.\n>\n"
        "> Sincerely,\n>\n> Edith Carraway\n\nThe tree is still there."
    )
    (q,) = analyze(body, "markdown").quotes
    assert q.speaker == "Edith Carraway"


def test_the_party_label_refers_to_the_previous_subject() -> None:
    body = 'Rep. Maria Vance of Texas opposed the bill. "This is reckless," the Republican said.'
    (q,) = analyze(body, "text").quotes
    assert q.speaker == "Maria Vance"


def test_ampersand_firms_stay_whole() -> None:
    body = (
        "In a statement, Cascade Power & Light said:\n\n"
        '"We deeply regret the loss of life and property."\n\n'
        '"We are cooperating fully," Johnson & Johnson said. "Our thoughts are with the '
        'families," the company added.'
    )
    speakers = [q.speaker for q in analyze(body, "text").quotes]
    assert speakers == ["Cascade Power & Light", "Johnson & Johnson", "Johnson & Johnson"]

