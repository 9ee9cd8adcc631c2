"""Attribution cues: verbs, subject and appositive patterns, and quote-kind rules.

Everything here is a compiled pattern or a pure function over text; the stateful
resolution of names lives in :mod:`reader.quotes.attribution`.
"""

from __future__ import annotations

import re

from reader.quotes.lazy import lazy
from reader.quotes.lexicon import ANON_PERSONS, PERSON_ROLES, TITLE_WORDS
from reader.quotes.person_names import NAME, NAME_RE, PARTY

_VERBS = """
dijo afirmó explicó señaló aseguró añadió agregó declaró indicó comentó sostuvo advirtió
destacó subrayó reconoció admitió insistió recordó precisó apuntó manifestó expresó contó
relató respondió preguntó concluyó dice afirma explica señala asegura añade agrega sostiene
reconoce cuenta apunta insiste recuerda lamenta advierte subraya admite destaca matiza
concluye resume confiesa relata responde pregunta comenta declara indica
sagte sagt erklärte erklärt betonte betont meinte meint ergänzte berichtete schrieb warnte
kritisierte fragte antwortete
said says say saying told tells tell telling added adds add adding wrote writes write writing
recalled recalls recall recalling argued argues argue arguing insisted insists insist
insisting asked asks ask asking explained explains explain explaining noted notes noting
continued continues stated states declared declares declaring claimed claims claiming warned
warns warn warning announced announces announcing remarked remarks replied replies responded
responds answered answers acknowledged acknowledges admitted admits observed observes
suggested suggests suggesting tweeted tweets posted posts joked jokes quipped quips shouted
yelled whispered wondered predicted predicts cautioned cautions conceded concedes contended
contends maintained maintains emphasized emphasizes emphasised stressed stresses testified
recounted recounts vowed vows vowing pledged pledges pledging promised promises promising
urged urges urging boasted boasts complained complains lamented laments agreed agrees mused
muses exclaimed pleaded pleads demanded demands countered counters reiterated reiterates
confirmed confirms denied denies alleged alleges alleging charged texted emailed describes
described describing denounced denounces denounce summed reported reports blasted slammed
praised thundered fumed scoffed retorted snapped sighed laughed groaned muttered murmured
assured assures informed advised concluded concludes concluding remembers remembered
defended defends compared compares insisted predicted estimated estimates
dit disait explique confie affirme rappelle détaille lâche ajoute estime souligne précise
raconte assure insiste poursuit reconnaît déclare indique observe résume tranche sourit glisse
martèle prévient conclut répond lance confirme admet avoue regrette soupire murmure commente
analyse juge ironise relève remarque répète répétait racontait déclaré expliqué affirmé
ajouté indiqué assuré estimé confié lancé souligné précisé rappelé reconnu insisté raconté
répondu martelé prévenu confirmé admis avoué regretté commenté jugé relevé remarqué détaillé
""".split()
# regular English speech verbs, inflected below (base, -s, -ed, -ing)
_REGULAR = """
acknowledge add admit advise agree allege announce answer applaud argue ask assert assure
beg blast boast brag caution charge chuckle claim clarify comment complain concede conclude
condemn confess confirm contend continue counter criticize criticise declare decry deny
describe detail disclose dismiss dispute elaborate email emphasize emphasise exclaim explain
fume grumble hail highlight hint indicate insist joke lament laugh maintain mention message
mourn muse mutter note object observe outline plead point post praise predict proclaim
promise propose protest question quip recall recount recommend reflect reiterate remark
remember repeat reply report respond retort reveal scoff scream shout sigh signal slam snap
state stress suggest summarize summarise testify text thunder tweet underline underscore
urge vow warn welcome whisper wonder worry yell rule shrug smile grin nod offer reckon figure
interject interrupt murmur cry sob beam gush marvel fret caution disagree
"""


def _inflect(base: str) -> set[str]:
    if base.endswith("e"):
        past, ing, third = base + "d", base[:-1] + "ing", base + "s"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        past, ing, third = base[:-1] + "ied", base + "ing", base[:-1] + "ies"
    elif base.endswith(("sh", "ch", "ss", "x")):
        past, ing, third = base + "ed", base + "ing", base + "es"
    elif base in ("admit", "plan", "snap", "quip", "scan", "slam", "text"):
        double = base if base == "text" else base + base[-1]
        past, ing, third = double + "ed", double + "ing", base + "s"
    else:
        past, ing, third = base + "ed", base + "ing", base + "s"
    return {base, past, ing, third}


# forms that are far more often nouns ("a post", "the notes", "states")
_NOUNISH = frozenset(
    """
    post posts text texts note notes state states question questions point points signal
    signals report reports email emails message messages object objects welcome detail details
    outline outlines hail highlight highlights hint hints joke jokes comment comments answer
    answers reply replies charge charges praise promise promises protest protests sigh sighs
    laugh laughs shout shouts scream screams whisper whispers snap snaps blast blasts tweet
    tweets vow vows worry worries counter counters question mention mentions remark remarks
    """.split()
)
_GENERATED = {f for b in _REGULAR.split() for f in _inflect(b)}
_VERBS = sorted(set(_VERBS) | (_GENERATED - {b for b in _NOUNISH if b in _REGULAR.split()}))
_EXTRA_ROLE_WORDS = frozenset(
    "general senior chief longtime managing associate political head co-founder shadow "
    "junior vice lead principal interim outgoing incoming retired".split()
)

_Tree = dict[str, "_Tree"]  # a prefix tree: letter -> subtree; "" marks a word's end


def word_trie(words: list[str]) -> str:
    """A regular expression matching any of ``words``, longest first, as a prefix tree.

    ``said|says|say`` (longest first) becomes ``sa(?:id|y(?:s)?)``: the same matches, tried in
    the same order (at each letter the longer words are tried before a word ending there),
    but the engine follows one branch per letter instead of trying every word in turn.

    Args:
        words: Literal words (no pattern syntax needed: each letter is escaped).

    Returns:
        A non-capturing group.
    """
    tree: _Tree = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Tree) -> str:
        branches = [re.escape(ch) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a word ends here: a longer one first (greedy), then this one
            return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
        return body

    return "(?:" + emit(tree) + ")"


_CUE = word_trie(sorted(set(_VERBS)))
CUE_RE = lazy(
    rf"(?<![\w-])(?P<cue>{_CUE}|[Aa]ccording\s+to|[Ss]elon|[Ss]egún|[Ll]aut|[Ss]econdo)(?![\w-])(?P<obj>\s+(?:the\s+)?{NAME})?"
)
VERB_SET = frozenset(v.lower() for v in _VERBS) | {
    "according",
    "selon",
    "según",
    "laut",
    "secondo",
}
_WORD = lazy(r"(?<![\w-])[^\W\d_]+(?![\w-])")


def iter_cues(text: str, lo: int = 0, hi: int | None = None) -> list[re.Match[str]]:
    """Cue matches (``CUE_RE``) in ``text[lo:hi]``, found word by word (fast)."""
    hi = len(text) if hi is None else hi
    out: list[re.Match[str]] = []
    for w in _WORD.finditer(text, lo, hi):
        if w.group(0).lower() in VERB_SET:
            m = CUE_RE.match(text, w.start(), hi)
            if m is not None:
                out.append(m)
    return out


_LETTER = lazy(r"[^\W\d_]")


def verb_after_words(seg: str) -> bool:
    """Whether ``AFTER_NORMAL`` could match ``seg``: a speech verb after a space, with a letter
    before that space (the subject, which has one). It rules out '" said Ana Ruiz, ...'.

    The verb is a whole word (``_WORD``) whose lowercase form is in ``VERB_SET``, as in
    :func:`iter_cues`; this test is cheaper than trying the pattern at the start.
    """
    first = _LETTER.search(seg)
    if first is None:
        return False
    for w in _WORD.finditer(seg, first.end() + 1):
        if seg[w.start() - 1].isspace() and w.group(0).lower() in VERB_SET:
            return True
    return False


_AUX = (
    r"(?:(?:has|had|have|also|then|later|once|previously|reportedly|publicly|privately|"
    r"repeatedly|recently|again|further|simply|would|will|is|was|were|even|often|later|"
    r"flatly|bluntly|angrily|quietly|openly|frequently|famously|went\s+on|used\s+to|"
    r"me|m’|m'|lui|nous|toujours|but|and|et|mais|to)\s+)*"
)
_DET = (
    r"(?:the|The|a|A|an|An|one|One|my|My|our|Our|his|His|her|Her|their|Their|mon|Mon|ma|Ma|son|Son|sa|Sa|"
    r"le|Le|la|La|les|Les|un|Un|une|Une)"
)
_VERBISH = r"(?!(?:is|was|were|are|be|been|has|had|have|said|says|will|would|did|does)\b)"
_ROLE = rf"(?<![\w’'\-]){_DET}\s+(?:{_VERBISH}[\w’'\-]+\s+){{0,6}}?{_VERBISH}[\w’'\-]+"
_PRON = (
    r"(?<![\w’'\-])(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]l|[Ee]lle|[Ii]ls|[Ee]lles|[Oo]n|[ÉéEe]l|"
    r"[Ee]lla|[Ee]r|[Ss]ie)"
)
_WHO = rf"(?:{NAME}{PARTY}?|{_PRON}|{_ROLE})"
_ROLE_WORDS = (
    r"(?:"
    + "|".join(
        sorted(TITLE_WORDS | PERSON_ROLES | ANON_PERSONS | _EXTRA_ROLE_WORDS, key=len, reverse=True)
    )
    + r")\b"
)
_APPOS = (
    r"(?:\s*,\s*(?:(?:a|an|the|who|whose|which|one|formerly|now|currently|then|himself|herself|"
    r"lui-même|elle-même|[a-z]+ing\b|[A-ZÀ-Þ]|\d|"
    + _ROLE_WORDS
    + r")[^\"“”«»,\n]{0,160}?|[^\"“”«»\n]{1,160}?\([^()\n]{1,20}\)"
    r"[^\"“”«»,\n]{0,80}?|(?:who|whose|which)\b[^\"“”«»\n]{0,260}?),)"
)
ANON_WHO = r"(?:(?:many|some|several|most|other|local)\s+)?[a-z]{3,}s"
_LEAD = r"^[\s,;—–\-]{0,4}"
AFTER_INVERTED = lazy(
    rf"{_LEAD}(?:(?:a|ont)\s+)?(?P<cue>{_CUE})(?P<obj>\s+{NAME})??\s+"
    rf"(?P<who>(?:the\s+)?{NAME}['’]s\s+[^,.;:\"“”«»\n]{{1,40}}|(?:the\s+)?{NAME}{PARTY}?|"
    rf"(?<![\w’'\-]){_DET}\s+[^,.;:\"“”«»\n]{{1,80}}|(?:[a-z][\w-]*\s+){{1,4}}{NAME}{PARTY}?)"
    rf"(?P<appos>\s*,\s*{NAME}{PARTY}?(?=\s*[,.;]))?(?=[\s,.;:!?)]|$)"
)
_LOWER = r"(?!(?:and|but|or|while|as|then|so|because|after|before)\s)[a-z][\w-]*\s+"
AFTER_NORMAL = lazy(
    rf"{_LEAD}(?P<who>{_WHO}|(?:{_LOWER}){{1,4}}{NAME}{PARTY}?|{ANON_WHO}|it|"
    rf"(?:{_LOWER}){{0,4}}{NAME}{PARTY}?\s+(?:of|at|for|from|with)\s+[^,.;:\"“”]{{1,60}}?)"
    rf"(?P<appos>{_APPOS})?\s+{_AUX}(?P<cue>{_CUE})(?![\w-])"
)
AFTER_ACCORDING = lazy(
    rf"{_LEAD}according\s+to\s+(?P<who>(?:the\s+)?{NAME}{PARTY}?|[^,.;:\"“”«»\n]{{1,80}})"
    rf"(?P<appos>\s*,\s*{NAME}{PARTY}?(?=\s*[,.;]))?(?=[\s,.;:!?)]|$)"
)
AFTER_DASH = lazy(rf"^[ \t]*(?:—|–|-{{1,3}})[ \t]*(?P<who>{NAME})(?=[ \t]*(?:,|$|\n))")
AFTER_SO = lazy(rf"^\s*,\s*so\s+(?P<who>{NAME})(?=[\s,.;:!?)]|$)")
AFTER_FRENCH = lazy(rf"{_LEAD}(?P<cue>[^\W\d_]+)-(?:t-)?(?P<who>il|elle|ils|elles|on)\b")
_NOT_SUBJECT = (
    r"(?<!\bto )(?<!\bof )(?<!\bfor )(?<!\bin )(?<!\bon )(?<!\bat )(?<!\bwith )(?<!\bfrom )"
    r"(?<!\bby )(?<!\babout )(?<!\binto )(?<!\bover )(?<!\bthan )(?<!\blike )(?<!\bagainst )"
)
SUBJECT_END = lazy(rf"{_NOT_SUBJECT}(?P<who>{_WHO})(?P<appos>{_APPOS})?\s*,?\s+{_AUX}$")
IN_WORDS = lazy(
    r"\b(?:[Ii]n|[Bb]y)\s+(?P<pron>his|her|their|its)\s+(?:own\s+)?"
    r"(?:words?|phrase|account|telling|reckoning|estimate|estimation)\s*,?\s*$"
)
WORDS_OF = lazy(
    r"(?:\b[Ii]n\s+the\s+words\s+of\s+(?P<who>[^,.;\"“”]{1,80}?)"
    r"|\b[Ii]n\s+(?P<who2>[^,.;\"“”\s][^,.;\"“”]{0,40}?)['’]s\s+(?:own\s+)?words"
    r"|\b[Aa]s\s+(?P<who3>[^,.;\"“”]{1,60}?)\s+(?:put|puts|has\s+put)\s+it)\s*,?\s*$"
)
HIS_WORD = lazy(r"\b(?P<pron>his|her)\s+(?:own\s+)?(?:words?|phrase)\s*,?\s*$")
LEAD_LINE = lazy(
    rf"^\s*(?:(?:[Pp]er|[Aa]ccording\s+to|[Aa]s\s+reported\s+by)\s+(?P<who>(?:the\s+)?{NAME})"
    rf"|(?P<who2>{_WHO})(?P<appos>{_APPOS})?\s+{_AUX}(?P<cue>{_CUE})(?:\s+[^:\"“”]{{1,80}})?)\s*:\s*$"
)
TITLE_BEFORE = lazy(
    r"\b(?:titled|entitled|headlined|headline|under\s+the\s+headline|intitulée?)(?:\s+the)?[\s:,]*$"
    r"|\b(?:report|study|paper|book|film|album|song|essay|memo|review|documentary|podcast|"
    r"novel|poem|play|bill|act|thesis|dissertation|article|column|op-ed),\s*$"
    r"|\b(?:the|his|her|their|a|an|new|latest|first|hit)\s+(?:[\w-]+\s+)?(?:book|film|movie|album|"
    r"song|novel|poem|play|documentary|podcast|series|show|memoir|opera|musical|single|exhibit|"
    r"exhibition)\s*$",
    re.I,
)
TERM_BEFORE = lazy(
    r"(?:\bthe\s+(?:word|words|term|terms|phrase|phrases|label|slogan|name|expression|nickname)|"
    r"\bknown\s+as|\breferred\s+to\s+as|\bnicknamed|\bcoined|\bdubbed|\bla\s+mention|"
    r"\ble\s+(?:terme|mot)|\b(?:notice|sign|banner|label|placard|form|poster|shirt|t-shirt)s?\s+(?:that\s+)?"
    r"(?:said|says|read|reads|reading|saying))"
    r"[\s:,]*$",
    re.I,
)
CALL_BEFORE = lazy(
    r"(?<![\w-])call(?:s|ed|ing)?\s+(?:(?P<strong>what\b[^\"“”.]{0,40}|the\s+(?:idea|concept|"
    r"practice|approach|phenomenon|process|effect|strategy|thing|problem))|"
    r"(?P<weak>(?:it|them|this|that)(?:\s+(?:the|a|an))?|the|a|an)?)\s*$",
    re.I,
)
SCARE_BEFORE = lazy(r"\b(?:so-called|so\s+called|supposedly|self-described)\s*$", re.I)
SPOKES_WORDS = frozenset(
    "spokesperson spokesman spokeswoman spokespeople representative statement".split()
)
DETERMINERS = frozenset(
    "the a an one my his her their our its mon ma son sa leur notre le la les un une".split()
)
LEAD_APPOS = lazy(
    rf"\s*(?:The|the|A|An|a|an|Its|Their|His|Her|Our)\s+[^,\"“”«»]{{1,60}},\s*(?P<name>{NAME})"
)
LEAD_ROLE = lazy(r"\s*(?:The|the)\s+(?:[a-z-]+\s+){0,2}?([a-z]+)\b(?!['’])")
PRONOUN_RE = lazy(
    rf"{_PRON}(?![\w’'])|(?<![\w’'])(?:[Mm]y|[Hh]is|[Hh]er|[Mm]on|[Mm]a)\s+[\w-]+(?![\w’'])"
)
CLAUSE_START = lazy(
    r"(?:^\s*|[,;:(—–]\s*(?:and\s+|but\s+)?|(?<![\w-])(?:and|but|while|as|when|who|which|that|because|since|although|though|if)\s+)$"
)
MAIN_CLAUSE_START = lazy(
    r"(?:^\s*|[;:(—–]\s*(?:and\s+|but\s+)?|,\s*(?:and|but)\s+|(?<![\w-])(?:and|but)\s+)$"
)
def opens_clause(text: str, pos: int, main: bool = False) -> bool:
    """Whether ``text[:pos]`` ends where a clause starts (``CLAUSE_START`` matches it).

    Only the tail can match (trailing space, a conjunction of at most eight letters, space,
    a punctuation mark), so the search is confined to it: constant work for any ``pos``,
    where searching all of ``text[:pos]`` made a long sentence quadratic.

    Args:
        text: The text.
        pos: End of the prefix to test.
        main: Test ``MAIN_CLAUSE_START`` (main clauses only) instead.
    """
    j = pos
    while j > 0 and text[j - 1].isspace():
        j -= 1
    k = j
    while k > 0 and j - k < 9 and text[k - 1].isalpha():
        k -= 1
    while k > 0 and text[k - 1].isspace():
        k -= 1
    start = max(0, k - 2)  # the punctuation mark (one character) and one more
    return bool((MAIN_CLAUSE_START if main else CLAUSE_START).search(text, start, pos))


_SMALL = {"a", "an", "the", "of", "on", "in", "to", "for", "and", "or", "at", "by", "with", "is"}


_SPACES = re.compile(r"\s+")


def normalize(s: str) -> str:
    """Collapse whitespace and drop Markdown emphasis characters."""
    return _SPACES.sub(" ", s.replace("*", "").replace("_", " ")).strip()


def cue_text(m: re.Match[str]) -> str:
    """The cue phrase of a match ("said", "told Rolling Stone")."""
    cue = m.group("cue")
    obj = m.groupdict().get("obj")
    if obj and cue.lower() in ("told", "tells", "tell", "telling"):
        cue += obj
    return normalize(cue)


def is_object(who: str, before: str) -> bool:
    """Whether a determiner phrase after ``before`` is an object, not the speaking subject."""
    words = who.split()
    if not words or words[0].lower() not in DETERMINERS or NAME_RE.search(who, len(words[0])):
        return False
    return not CLAUSE_START.search(before)


def clause_goes_on(seg: str, pos: int) -> bool:
    """After ``Name said``: does a longer clause follow (so it is a new sentence)?"""
    tail = seg[pos : pos + 60]
    m = re.match(r"[^.,;:!?\"“”]*", tail)
    words = m.group(0).split() if m else []
    return len(words) > 4 or bool(words and words[0] in ("that", "he", "she", "it", "they"))


_TERM_AFTER = lazy(r"\s*(?:rating|ratings|grade|label|designation|classification)\b", re.I)


def context_kind(text: str, start: int, lo: int, inner: str = "", end: int = -1) -> str | None:
    """Kind implied by the words around a quote (title, term, scare), if any.

    A one- or two-word quote right before "rating", "grade" or "label" (``a "hold"
    rating``) is a term; ``end`` is the quote's end offset (-1: unknown).
    """
    if end >= 0 and len(inner.split()) <= 2 and _TERM_AFTER.match(text, end):
        return "term"
    seg = text[max(lo, start - 100) : start]
    # Each pattern ends with a keyword and then only spaces, ":" or ",": the last word
    # rules most of them out before the (slower) search; see ``_last_word``.
    last = _last_word(seg)
    if (last is None or last in _TITLE_LAST) and TITLE_BEFORE.search(seg):
        return "title"
    calls = not seg.isascii() or "call" in seg.lower()
    call = CALL_BEFORE.search(seg) if calls else None
    term = (last is None or last in _TERM_LAST) and TERM_BEFORE.search(seg)
    if term or (call and (call.group("strong") or len(inner.split()) <= 3)):
        return "term"
    if (last is None or last in _SCARE_LAST) and SCARE_BEFORE.search(seg):
        return "scare"
    return None


# the words ``TITLE_BEFORE``, ``TERM_BEFORE`` and ``SCARE_BEFORE`` can end with ("op-ed": "ed")
_TITLE_LAST = frozenset(
    "titled entitled headlined headline the report study paper book film album song essay memo "
    "review documentary podcast novel poem play bill act thesis dissertation article column ed "
    "movie series show memoir opera musical single exhibit exhibition".split()
)
_TERM_LAST = frozenset(
    "word words term terms phrase phrases label slogan name expression nickname as nicknamed "
    "coined dubbed mention terme mot said says read reads reading saying".split()
)
_SCARE_LAST = frozenset("called supposedly described".split())


def _last_word(seg: str) -> str | None:
    """The last run of letters of ``seg`` before trailing spaces, colons and commas, lowercased.

    A pattern that must end with a keyword, then ``[\\s:,]*`` and the end, can match only if
    that keyword is this word (the keywords are whole words, after a word boundary). ``None``
    when the word is not ASCII (case-insensitive matching folds some other letters to ASCII
    ones), so the caller cannot rule anything out.
    """
    k = len(seg)
    while k > 0 and (seg[k - 1].isspace() or seg[k - 1] in ":,"):
        k -= 1
    j = k
    while j > 0 and seg[j - 1].isalpha():
        j -= 1
    word = seg[j:k]
    return word.lower() if word.isascii() else None


def shape_kind(inner: str) -> str:
    """Kind of an unattributed quote judged from its words alone."""
    words = [w.strip(".,;:!?“”\"'‘’«»()") for w in inner.split()]
    words = [w for w in words if w]
    caps = [w for w in words[1:] if w.lower() not in _SMALL]
    if len(words) >= 3 and caps and all(w[:1].isupper() for w in caps):
        return "title"
    tail = inner.rstrip("\"'”’» \u00a0")[-1:]
    if (
        words
        and words[0][:1].isupper()
        and (len(words) >= 7 or (len(words) >= 3 and tail in ".?!"))
    ):
        return "speech"
    if len(words) >= 4:
        return "speech"  # a quoted phrase, not a single loaded word
    return "scare"
