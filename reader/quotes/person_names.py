"""What a name looks like: the name pattern, cleaning a name phrase, person or organisation."""

from __future__ import annotations

import re
from functools import lru_cache

from reader.quotes.lexicon import (
    ANON_PERSONS,
    FEMALE,
    FEMALE_ROLES,
    MALE,
    MALE_ROLES,
    ORG_WORDS,
    PERSON_ROLES,
    PLACE_WORDS,
    STOP_WORDS,
    TITLE_WORDS,
)

_FIRST = MALE | FEMALE
_POSTNOMINALS = frozenset(
    "KC QC MP MSP MEP MLA TD MBE OBE CBE KBE DBE PhD MD Esq DDS RN CPA FRS".split()
)
_LEADING = STOP_WORDS | TITLE_WORDS
_PORTFOLIOS = frozenset(
    "state defense defence health education energy labor labour transportation transport "
    "agriculture commerce treasury justice interior homeland security veterans housing "
    "finance foreign home environment".split()
)
_PARTIES = frozenset(
    "democrat democratic republican labour conservative tory liberal independent".split()
)
# agent-noun endings of role words that precede names ("Linebacker Tre Watkins")
_ROLE_SUFFIXES = ("ist", "ian", "er", "or", "ant", "ent", "ess", "ot", "et", "ef", "ic", "ee")
_STYLED = frozenset("pope king queen prince princess sheikh emir sultan lord lady sir dame".split())
_KEEP_DOT = frozenset({"Jr.", "Sr.", "Corp.", "Inc.", "Co.", "Ltd.", "Bros.", "Cos."})
_SPORTS = frozenset(
    "striker midfielder defender goalkeeper keeper winger forward captain skipper boss "
    "referee quarterback pitcher catcher guard center centre batter bowler jockey".split()
)
_CUT_WORDS = TITLE_WORDS | PERSON_ROLES | ANON_PERSONS | _SPORTS
_UP = "A-ZÀ-ÖØ-Þ" + "".join(chr(c) for c in range(0x100, 0x17F, 2)) + "ŸŹŻŽ"
_ABBR = (
    r"(?:Mr|Mrs|Ms|Dr|Sen|Sens|Rep|Reps|Gov|Gen|Lt|Col|Capt|Sgt|Adm|Prof|Rev|St|Mme|Mlle|Pres|"
    r"Supt|Hon|Corp|Inc|Co|Ltd|Bros|Cos)\."
)
CAP = (
    rf"(?:{_ABBR}|[{_UP}](?:[^\W_]|['’\-](?=[^\W\d_]))*[^\W_](?:(?<=s)['’](?![^\W\d_]))?"
    rf"|[{_UP}]\.(?:[{_UP}]\.)*|[{_UP}][^\W\d_]?\.)"
)
PARTICLE = r"(?:al-|el-|bin|ibn|de|da|del|della|di|du|la|le|van|von|der|den|ter|dos|das|y)"
CONNECTOR = r"(?:of|for|and|&|on|des|of\s+the|for\s+the|and\s+the|on\s+the|de\s+la)"
SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV)|\s+\d{1,5}\b)"
PARTY = r"(?:\s*\((?:[DRI]|[DRI]-[^()\n]{1,14}|[A-Z]{1,3}-[A-Z][^()\n]{0,12})\))"
_LEADP = r"(?:(?:van|von|de|da|del|della|di|du|bin|ibn|le|la|der|den|ter|dos|das)[ \t]+)+"
NAME = (
    rf"(?:{_LEADP})?{CAP}(?:[ \t]+(?:{PARTICLE}[ \t]*)*{CAP}|[ \t]+{CONNECTOR}[ \t]+{CAP}"
    rf"(?=[ \t]+{CAP}|[^\w \t]|[ \t]+[^\W\d_]*[a-z]|[ \t]*$)){{0,6}}{SUFFIX}?"
)
# scanning starts at capitals only (fast); a leading particle ("de la Cruz") is picked up by
# NAME inside anchored patterns, and the surname alone still resolves through canonical().
NAME_RE = re.compile(rf"(?=[{_UP}])(?<![\w'’\-]){NAME}")
_INITIAL = re.compile(rf"(?:[{_UP}]\.)+|[{_UP}]")


def token_key(t: str) -> str:
    """Lowercase a token without trailing dots and commas."""
    return t.rstrip(".,").lower()


@lru_cache(maxsize=8192)
def is_initial(t: str) -> bool:
    """Whether a token is an initial ("J.", "U.S.")."""
    return bool(_INITIAL.fullmatch(t))


@lru_cache(maxsize=8192)
def clean_name(raw: str) -> tuple[str, bool, str]:
    """Strip titles, roles, party tags and possessives from a name phrase.

    Args:
        raw: A name as written, e.g. ``"Sen. Tom Cotton (R-Ark.)"``.

    Returns:
        ``(name, titled, gender)``, e.g. ``("Tom Cotton", True, "")``.
    """
    s = re.sub(PARTY, "", raw).replace("*", " ").replace("_", " ")
    tokens = s.split()
    titled = styled = False
    gender = ""
    for i in range(len(tokens) - 2, -1, -1):
        if token_key(tokens[i]) in _PARTIES and len(tokens) - i - 1 < 2:
            continue  # "Organization for Democratic Elections": a party word, not a title
        if (
            token_key(tokens[i]) in _CUT_WORDS
            and tokens[i + 1][:1].isupper()
            and tokens[i + 1] not in ("Jr.", "Sr.", "II", "III", "IV")
            and name_kind(" ".join(tokens[i + 1 :])) != "org"
        ):
            if token_key(tokens[i]) in _STYLED and len(tokens) - i - 1 == 1:
                tokens = tokens[i:]  # "Pope Francis", "King Charles": the title is the name
                titled = styled = True
                break
            titled = True
            lead = {token_key(t) for t in tokens[: i + 1]}
            gender = "m" if lead & MALE_ROLES else "f" if lead & FEMALE_ROLES else ""
            tokens = tokens[i + 1 :]
            break
    while not styled and tokens and token_key(tokens[0]) in _LEADING:
        tokens.pop(0)
    while (
        len(tokens) >= 3
        and token_key(tokens[0]) in _PORTFOLIOS
        and name_kind(" ".join(tokens)) != "org"
    ):
        tokens.pop(0)  # "Secretary of State Antony Blinken" -> "State Antony Blinken" -> ...
    if len(tokens) >= 3 and token_key(tokens[0]) not in _FIRST and token_key(tokens[1]) in _FIRST:
        tokens.pop(0)  # "Witness Sarah Long": an unlisted role word before a first name

    while (
        len(tokens) >= 3
        and token_key(tokens[0]) not in _FIRST
        and tokens[1][:1].isupper()
        and token_key(tokens[0]).endswith(_ROLE_SUFFIXES)
        and name_kind(" ".join(tokens[1:])) not in ("org", "place")
    ):
        tokens.pop(0)  # "Saxophonist Lou Carter", "Linebacker Tre Watkins"
    if tokens and tokens[-1].endswith(("’s", "'s")):
        tokens[-1] = tokens[-1][:-2]
    last = tokens[-1] if tokens else ""
    if last.endswith(".") and not is_initial(last) and last not in _KEEP_DOT:
        tokens[-1] = last[:-1]
    tokens = [t.strip(",;:") for t in tokens if t.strip(",;:")]
    while len(tokens) > 1 and tokens[-1].rstrip(".") in _POSTNOMINALS:
        tokens.pop()  # "Jonathan Pryce KC", "Ann Lee MP"
    for i, t in enumerate(tokens[1:], 1):
        if t[:1].isupper() and token_key(t) in STOP_WORDS:
            tokens = tokens[:i]
            break
    while tokens and tokens[-1] in ("of", "for", "and", "on", "the", "des", "de", "la"):
        tokens.pop()
    first = token_key(tokens[0]) if tokens else ""
    if len(tokens) >= 3 and tokens[1] == "for" and first.endswith("s") and first not in ORG_WORDS:
        tokens = tokens[2:]  # "Negotiators for Lakeshore Metro" -> "Lakeshore Metro"
        while tokens and token_key(tokens[0]) in STOP_WORDS:
            tokens.pop(0)
    if tokens and all(is_initial(t) for t in tokens):
        tokens = []
    name = " ".join(tokens)
    if name and not name[0].isalpha():
        name = ""
    if not gender and tokens:
        first = tokens[0].lower()
        gender = "m" if first in MALE else "f" if first in FEMALE else ""
    return name, titled, gender


def split_names(raw: str) -> list[tuple[int, str]]:
    """Split "Ann Lee and Bo Lind" into separate names (organisations stay whole).

    Returns:
        ``(offset in raw, part)`` pairs.
    """
    return list(_split_names(raw))


@lru_cache(maxsize=8192)
def _split_names(raw: str) -> tuple[tuple[int, str], ...]:
    """:func:`split_names`, kept per name phrase (a story repeats its names)."""
    return tuple(_split(raw))


def _split(raw: str) -> list[tuple[int, str]]:
    of = re.search(r"\s+(?:of|for|at|from)(?:\s+the)?\s+", raw)
    if of is not None:
        left_name, titled, gender = clean_name(raw[: of.start()])
        right_name = clean_name(raw[of.end() :])[0]
        person_left = name_kind(left_name) == "person" if left_name else False
        if person_left and (titled or gender or name_kind(right_name) == "org"):
            # "Dr. Hannah Cole of the University of Leeds": a person, then an organisation
            return [(0, raw[: of.start()]), (of.end(), raw[of.end() :])]
    m = re.search(r"\s+(?:and|&)(?:\s+the)?\s+", raw)
    if m is None or (" & " in raw and " and " not in raw):
        return [(0, raw)]  # "Cascade Power & Light": one firm
    left = [t for t in raw[: m.start()].split() if token_key(t) not in STOP_WORDS]
    right = raw[m.end() :]
    if left and all(token_key(t) in TITLE_WORDS for t in left):
        return [(0, raw)]  # "President and CEO Jane Doe": one person with two titles
    if len(left) < 2 and name_kind(clean_name(right)[0]) == "org":
        return [(0, raw)]
    out: list[tuple[int, str]] = []
    pos = 0
    for m in re.finditer(r"\s+(?:and|&)(?:\s+the)?\s+", raw):
        out.append((pos, raw[pos : m.start()]))
        pos = m.end()
    out.append((pos, raw[pos:]))
    return out


@lru_cache(maxsize=8192)
def name_kind(name: str) -> str:
    """Classify a cleaned name: ``"org"``, ``"place"``, ``"person"`` or ``"other"``."""
    toks = [token_key(t) for t in name.split()]
    if not toks:
        return "other"
    if set(toks) & ORG_WORDS or any(t.isdigit() for t in toks) or "&" in toks:
        return "org"  # "Cascade Power & Light", "Johnson & Johnson"
    if len(toks) >= 3 and toks[1].endswith("s") and toks[2] in ("for", "against"):
        return "org"  # "Westfield Parents for Safe Routes", "Citizens Against Tolls"
    if len(toks) >= 3 and toks[0].endswith("s") and toks[1] in ("for", "against"):
        return "org"  # "Parents for Safe Routes"
    if name.isupper() and 1 < len(name) <= 6:
        return "org"
    if len(toks) >= 2 and (toks[0] in MALE or toks[0] in FEMALE):
        return "person"  # "Linda Park", "Tom Rivers"
    if toks[-1] in PLACE_WORDS:
        return "place"
    return "person" if len(toks) >= 2 else "other"


def clear_caches() -> None:
    """Empty the per-name caches of this module."""
    for cached in (clean_name, name_kind, is_initial, _split_names):
        cached.cache_clear()
