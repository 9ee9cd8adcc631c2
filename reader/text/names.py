"""Names of people and organisations: mentions, canonical forms, pronoun resolution."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

_UP = "A-ZÀ-ÖØ-Þ"
_LOW = "a-zß-öø-ÿ"
CAP = rf"(?:[{_UP}][{_LOW}{_UP}'’\-]*[{_LOW}{_UP}]|[{_UP}]\.(?:[{_UP}]\.)*|[{_UP}][{_LOW}]?\.)"
PARTICLE = r"(?:al-|el-|bin|ibn|de|da|del|della|di|du|la|le|van|von|der|den|ter|dos|das|y)"
SUFFIX = r"(?:,?\s+(?:Jr\.|Sr\.|II|III|IV))"
PARTY = r"(?:\s*\((?:[DRI]|[DRI]-[^()\n]{1,12}|[A-Z]{1,3}-[A-Z][^()\n]{0,10})\))"
NAME = rf"{CAP}(?:[ \t]+(?:{PARTICLE}[ \t]*)?{CAP}){{0,5}}{SUFFIX}?"
NAME_RE = re.compile(rf"(?<![\w'’]){NAME}")

TITLE_WORDS = frozenset(
    """
    sen sens rep reps gov govs gen dr mr mrs ms mx lt col capt sgt adm prof rev pres hon
    president vice senator senators representative governor secretary judge justice mayor
    professor minister prime chancellor ambassador director chairman chairwoman chair
    commissioner general admiral colonel captain sheriff chief officer detective pope king
    queen prince princess lord lady sir dame rabbi father coach speaker leader attorney
    former ex late then deputy acting assistant state defense press foreign home interior
    treasury health education labor homeland security national congressman congresswoman
    councilman councilwoman councillor lawmaker sergeant lieutenant major corporal private
    agent ceo cfo founder executive dean supt
    """.split()
)
STOP_WORDS = frozenset(
    """
    the a an but and or so yet for nor if when while as at in on of by to from with without
    after before during since until however though although because meanwhile moreover
    still also then there here this that these those it its he she they we i you his her
    their our my your both all some many most other others such no not one two three
    according per last next this every each another later earlier yesterday today
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december what why who
    how where which just even only instead indeed what's it's
    """.split()
)
ORG_WORDS = frozenset(
    """
    center centre institute party department ministry agency office council committee
    commission court house senate congress pentagon administration government university
    college school times post news journal press network foundation association union
    group company corp inc ltd llc bank fund police army navy force forces command cartel
    stone reuters associated bloomberg guardian telegraph bbc cnn nbc abc cbs fox msnbc
    npr politico axios magazine daily tribune herald gazette review board bureau service
    services organization organisation league club team church hospital campaign
    """.split()
)
MALE = frozenset(
    """
    mr he him his donald joe john james robert michael william david richard joseph thomas
    charles christopher daniel matthew matt anthony mark paul steven steve andrew kenneth
    george kevin brian edward ronald ron timothy jason jeffrey ryan jacob gary nicholas eric
    stephen jonathan larry justin scott frank brandon benjamin samuel gregory raymond
    patrick alexander jack dennis jerry tyler aaron henry douglas peter adam nathan zachary
    walter kyle harold carl jeremy keith roger gerald ethan arthur terry christian sean
    lawrence austin joe noah bernie barack bill ted tom tim mike mitch chuck kevin lindsey
    morgan ken rand marco vladimir xi emmanuel boris rishi keir olaf justin narendra
    andrés abu hakeem elon jeff bob jim dick al ali mohammed muhammad ahmed omar hunter
    """.split()
)
FEMALE = frozenset(
    """
    mrs ms miss she her hers mary patricia jennifer linda elizabeth barbara susan jessica
    sarah karen nancy lisa margaret betty sandra ashley dorothy kimberly emily donna
    michelle carol amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen
    amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine
    debra rachel catherine carolyn janet ruth maria heather diane virginia julie joyce
    victoria olivia kelly christina lauren joan evelyn judith megan cheryl andrea hannah
    martha jacqueline frances gloria ann teresa kathryn sara janice jean alice madison
    doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla hillary kamala
    nikki kristi marjorie lauren elise liz ilhan alexandria elena sonia amy theresa
    angela ursula giorgia marine jacinda claudia melania ivanka kristen tulsi
    """.split()
)
_TRIM = "’'s.,;:*_ \t\n"


@dataclass(frozen=True)
class Mention:
    """One occurrence of a name in the text.

    Attributes:
        start: Offset of the mention (title included).
        end: Offset after the mention.
        name: The name without titles, party tag or possessive.
        titled: Whether a personal title or honorific preceded it.
        gender: ``"m"``, ``"f"`` or ``""`` when unknown.
    """

    start: int
    end: int
    name: str
    titled: bool
    gender: str


def clean_name(raw: str) -> tuple[str, bool, str]:
    """Strip titles, party tags and possessives from a name phrase.

    Args:
        raw: A name as written, e.g. ``"Sen. Tom Cotton (R-Ark.)"``.

    Returns:
        ``(name, titled, gender)``: ``("Tom Cotton", True, "")``.
    """
    s = re.sub(PARTY, "", raw)
    s = s.replace("*", " ").replace("_", " ")
    tokens = s.split()
    titled = False
    gender = ""
    while tokens:
        t = tokens[0].rstrip(".").lower()
        if t in TITLE_WORDS or t in STOP_WORDS:
            if t in TITLE_WORDS:
                titled = True
            if t == "mr":
                gender = "m"
            elif t in ("mrs", "ms"):
                gender = "f"
            tokens.pop(0)
        else:
            break
    name = " ".join(tokens)
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    name = name.strip(_TRIM.replace("s", "")).strip()
    if not gender and tokens:
        first = tokens[0].lower()
        gender = "m" if first in MALE else "f" if first in FEMALE else ""
    return name, titled, gender


def is_org(name: str) -> bool:
    """Heuristic: whether a name is an organisation or publication."""
    words = {w.lower().strip(".,") for w in name.split()}
    return bool(words & ORG_WORDS) or name.isupper() and len(name) <= 6


class Names:
    """All name mentions of one text, for canonical forms and pronoun resolution."""

    def __init__(self, text: str) -> None:
        self.mentions: list[Mention] = []
        for m in NAME_RE.finditer(text):
            name, titled, gender = clean_name(m.group(0))
            if not name or name.lower() in STOP_WORDS or not name[0].isupper():
                continue
            self.mentions.append(Mention(m.start(), m.end(), name, titled, gender))
        self.starts = [x.start for x in self.mentions]
        full: dict[str, list[Mention]] = {}
        for x in self.mentions:
            parts = x.name.split()
            if len(parts) >= 2:
                full.setdefault(parts[-1].lower(), []).append(x)
        self.by_surname = full

    def canonical(self, name: str, before: int | None = None) -> str:
        """The fullest form of ``name`` used in the text.

        Args:
            name: A cleaned name, possibly a surname alone.
            before: Prefer the latest fuller form before this offset.

        Returns:
            The fullest matching name (``"Duss"`` → ``"Matt Duss"``), else ``name``.
        """
        parts = name.split()
        if not parts:
            return name
        cands = [
            x for x in self.by_surname.get(parts[-1].lower(), []) if _contains(x.name, parts)
        ]
        if not cands:
            return name
        if before is not None:
            prior = [x for x in cands if x.start < before]
            if prior:
                best = max(len(x.name.split()) for x in prior)
                return next(x.name for x in reversed(prior) if len(x.name.split()) == best)
        best = max(len(x.name.split()) for x in cands)
        return next(x.name for x in cands if len(x.name.split()) == best)

    def is_person(self, x: Mention) -> bool:
        """Whether a mention looks like a person."""
        if is_org(x.name):
            return False
        parts = x.name.split()
        if x.titled or x.gender:
            return True
        if len(parts) >= 2:
            return True
        return parts[-1].lower() in self.by_surname

    def gender_of(self, name: str) -> str:
        """Known gender of a canonical name (``""`` if unknown)."""
        for x in self.by_surname.get(name.split()[-1].lower(), []) if name else []:
            if x.gender and _contains(x.name, name.split()):
                return x.gender
        return ""

    def recent_person(
        self, pos: int, gender: str = "", skip: list[tuple[int, int]] | None = None
    ) -> str | None:
        """The most recent person mentioned before ``pos`` compatible with ``gender``.

        Args:
            pos: Search before this offset.
            gender: ``"m"``, ``"f"`` or ``""`` for any.
            skip: Spans (e.g. quotations) whose mentions are ignored.

        Returns:
            The canonical name, or None.
        """
        k = bisect_left(self.starts, pos) - 1
        seen = 0
        while k >= 0 and seen < 60:
            x = self.mentions[k]
            k -= 1
            seen += 1
            if skip and any(a <= x.start < b for a, b in skip):
                continue
            if not self.is_person(x):
                continue
            canon = self.canonical(x.name, pos)
            g = x.gender or self.gender_of(canon)
            if gender and g and g != gender:
                continue
            return canon
        return None


def _contains(full: str, parts: list[str]) -> bool:
    words = [w.lower() for w in full.split()]
    return all(p.lower() in words for p in parts)
