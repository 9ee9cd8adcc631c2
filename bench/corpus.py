"""A seeded generator of realistic articles for the benchmarks.

Each article is a Markdown file with YAML front matter (title, author, date, url, site, tags)
and a body of paragraphs whose words follow a Zipf-like frequency law (a head of real English
words, then a long tail of made-up ones), with quoted speech and attributions
(``"…," said Name.``, ``"…," Name said.``, ``Name said: "…"``), multi-paragraph quotes (the
opening mark repeated at each paragraph, closed at the end), headings and emphasis.

Article ``i`` of a ``Corpus`` depends only on the seed and ``i``, so any slice can be made
again without making what comes before it. Building libraries and files is in
``bench.libraries``.

Example::

    corpus = Corpus(seed=42, words=500)
    text = corpus.text(17)            # one file's text, front matter included
    for name, text in corpus.texts(1000): ...
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Iterator

_HEAD = """the of and to a in that is was he for it with as his on be at by this had not are but
from or have an they which one you were her all she there would their we him been has when who
will more no if out so what up its about into than them can only other new some could time these
two may then do first any my now such like our over even most made after also did many before
must through back years where much your way well down should because each just those people how
too little state good very make world still own see men work long get here between both life
being under never day same another know while last might us great old year off come since
against go came right used take three""".split()
_NEWS = """city council harbor water school board plan budget police court judge county federal
report vote mayor river bridge storm housing rent tax district agency contract union strike
deadline season grant audit ferry transit permit hearing ruling appeal senator election campaign
hospital clinic patients doctors nurses company workers market prices energy power plant farm
crops drought fire smoke forest trail park museum library students teachers parents tuition
research study data science climate flood levee port cargo airport flights road crash safety
officials residents neighbors families children program funding million billion percent
project construction developer zoning lawsuit attorney prosecutor jury trial verdict sentence
prison governor legislature bill law policy commission committee chairman director president
secretary minister government economy inflation jobs wages business owners customers store
restaurant festival music film theater artist book author history church community center
village island coast beach fishing salmon whales wildlife land property owners lease""".split()
_FIRST = """Ada Tom Helen Marcus Rosa Ian Dolores Tomas Ruth Omar Priya Kenji Grace Samuel Nadia
Victor Elena Jamal Ingrid Luis Mei Patrick Fatima Oscar Hannah Diego Amara Felix Lena Rafael
Yusuf Clara Mateo Sofia Anders Beatriz Kwame Leila Henrik Imani Pablo Zoe Arjun Nora Desmond
Irene Hugo Esther Malik Vera""".split()
_SURNAMES = """Brill Vale Okafor Lind Quintero Pike Whitcombe Reyes Marsh Oduya Castellane Nakamura
Haddad Lindqvist Osei Moreau Delgado Kowalski Adeyemi Fischer Santos Novak Mbeki Larsen""".split()
_ROLES = ["Mayor", "Sen.", "Councilmember", "Police Chief", "Judge", "Dr.", "Rep.", "Coach"]
_SAYS = ["said", "says", "added", "told reporters", "explained", "wrote"]
_ONSETS = "b c d f g h j k l m n p r s t v w z b d l m n p r s t br ch cl dr gr pl st th tr"
_VOWELS = "a e i o u a e i o u ai ea ee oo ou"
_CODAS = "d l m n r s t ck ll nd ng nt rd rn st"
_SUFFIXES = "son ley ford wick ton berg ski ez ini ova mann ard".split()


def _syllable(rng: random.Random, onsets: list[str], vowels: list[str], codas: list[str]) -> str:
    coda = rng.choice(codas) if rng.random() < 0.3 else ""
    return rng.choice(onsets) + rng.choice(vowels) + coda


def _made_up(rng: random.Random, count: int, suffixes: list[str] | None, taken: set[str]
             ) -> list[str]:
    """Return ``count`` distinct pronounceable made-up words not in ``taken``."""
    onsets, vowels, codas = _ONSETS.split(), _VOWELS.split(), _CODAS.split()
    out: list[str] = []
    while len(out) < count:
        syllables = rng.choice((1, 2, 2, 2, 3))
        word = "".join(_syllable(rng, onsets, vowels, codas) for _ in range(syllables))
        if suffixes:
            word = word.capitalize() + rng.choice(suffixes)
        if word.lower() not in taken:
            taken.add(word.lower())
            out.append(word)
    return out


class Corpus:
    """A reproducible stream of articles.

    Args:
        seed: Everything is derived from it.
        words: Mean body length in words; lengths vary (log-normal, spread 0.5).
        vocabulary: Size of the word list (head of real words plus made-up tail).
        surnames: Size of the surname pool (large, so a surname is a rare search term).
        zipf: Exponent of the word-frequency law (1.0 to 1.1 fits English).
    """

    def __init__(self, seed: int = 42, words: int = 500, *, vocabulary: int = 30_000,
                 surnames: int = 20_000, zipf: float = 1.07) -> None:
        self.seed = seed
        self.words = words
        rng = random.Random(seed)
        taken = {w.lower() for w in _HEAD + _NEWS}
        news = list(_NEWS)
        rng.shuffle(news)
        head: list[str] = []
        for i, word in enumerate(_HEAD):  # real words first, news words woven in from rank 40
            head.append(word)
            if i >= 40 and news:
                head.append(news.pop())
        self.vocabulary = head + news + _made_up(rng, max(vocabulary - len(head) - len(news), 0),
                                                 None, taken)
        self.content_words = [w for w in self.vocabulary[40:] if w not in _HEAD]
        self.surnames = _SURNAMES + _made_up(rng, surnames, _SUFFIXES, taken)
        self._cum = list(itertools.accumulate(1 / (r ** zipf) for r in
                                              range(1, len(self.vocabulary) + 1)))
        self._content_cum = list(itertools.accumulate(1 / (r ** zipf) for r in
                                                      range(1, len(self.content_words) + 1)))

    # -- one article -------------------------------------------------------------------------
    def rng(self, i: int) -> random.Random:
        """Return the random stream of article ``i``."""
        return random.Random(self.seed * 1_000_003 + i)

    def cast(self, i: int) -> list[str]:
        """Return the full names of the people quoted in article ``i``, first one first."""
        return self._cast(self.rng(i))

    def _cast(self, rng: random.Random) -> list[str]:
        return [f"{rng.choice(_FIRST)} {rng.choice(self.surnames)}"
                for _ in range(rng.randint(2, 4))]

    def text(self, i: int, words: int | None = None) -> str:
        """Return article ``i`` as a Markdown file (front matter and body).

        Args:
            i: The article's number.
            words: Body length in words (default: drawn around the corpus's mean).
        """
        rng = self.rng(i)
        cast = self._cast(rng)
        if words is None:
            mu = math.log(self.words) - 0.125  # log-normal with mean ``self.words``
            words = min(max(int(rng.lognormvariate(mu, 0.5)), 60), self.words * 6)
        title = self._title(rng)
        year, month, day = 2010 + i % 15, 1 + rng.randrange(12), 1 + rng.randrange(28)
        site = f"site{i % 97}.example"
        slug = "-".join(title.lower().split()[:5])
        meta = {
            "title": json.dumps(title),
            "author": json.dumps(f"{rng.choice(_FIRST)} {rng.choice(self.surnames)}"),
            "date": f"{year}-{month:02d}-{day:02d}",
            "url": f"https://{site}/{year}/{month:02d}/{slug}-{i}",
            "site": json.dumps(f"The {site.split('.')[0].title()} Courier"),
            "tags": json.dumps(rng.sample(_NEWS[:60], rng.randint(1, 3))),
        }
        front = "\n".join(f"{key}: {value}" for key, value in meta.items())
        return f"---\n{front}\n---\n\n{self.body(rng, words, cast)}\n"

    def texts(self, n: int, start: int = 0) -> Iterator[tuple[str, str]]:
        """Yield ``(file name, text)`` for articles ``start`` to ``start + n - 1``."""
        for i in range(start, start + n):
            yield f"article-{i:06d}.md", self.text(i)

    def long_text(self, words: int) -> str:
        """Return one long article of about ``words`` words (a long read, many headings)."""
        return self.text(-1, words)

    # -- pieces ------------------------------------------------------------------------------
    def _title(self, rng: random.Random) -> str:
        words = rng.choices(self.content_words, cum_weights=self._content_cum, k=rng.randint(4, 9))
        return " ".join(words).capitalize()

    def sentence(self, rng: random.Random, low: int = 8, high: int = 24) -> str:
        """Return one sentence of Zipf-distributed words, maybe with a comma and emphasis."""
        words = rng.choices(self.vocabulary, cum_weights=self._cum, k=rng.randint(low, high))
        if rng.random() < 0.15:
            words[rng.randrange(len(words))] = rng.choice(self.surnames)
        if rng.random() < 0.05:
            k = rng.randrange(1, len(words))
            words[k] = f"*{words[k]}*" if rng.random() < 0.7 else f"**{words[k]}**"
        if len(words) > 10 and rng.random() < 0.5:
            words[rng.randrange(3, len(words) - 3)] += ","
        return " ".join(words).capitalize() + ("?" if rng.random() < 0.03 else ".")

    def _sentences(self, rng: random.Random, count: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(count))

    def _speaker(self, rng: random.Random, cast: list[str]) -> tuple[str, str]:
        """Return ``(how they are named, their surname)``: in full, with a role, or surname."""
        name = rng.choice(cast)
        surname = name.split()[-1]
        r = rng.random()
        if r < 0.2:
            return f"{rng.choice(_ROLES)} {name}", surname
        return (surname if r < 0.5 else name), surname

    def _quote(self, rng: random.Random, cast: list[str]) -> str:
        """Return a paragraph with an attributed quote in one of the common shapes."""
        inner = self._sentences(rng, rng.randint(1, 2))
        who, _ = self._speaker(rng, cast)
        cue = rng.choice(_SAYS)
        open_, close = ('"', '"') if rng.random() < 0.7 else ("“", "”")
        shape = rng.random()
        if shape < 0.35:
            text = f"{open_}{inner[:-1]},{close} {cue} {who}."
        elif shape < 0.7:
            text = f"{open_}{inner[:-1]},{close} {who} {cue}."
        else:
            text = f"{who} {cue}: {open_}{inner}{close}"
        if rng.random() < 0.4:
            text += " " + self._sentences(rng, 1)
        return text

    def _long_quote(self, rng: random.Random, cast: list[str]) -> list[str]:
        """Return a quote over several paragraphs: each opens with a mark, the last closes."""
        who, _ = self._speaker(rng, cast)
        count = rng.randint(2, 4)
        paras = [f"{who} {rng.choice(_SAYS)}: \"{self._sentences(rng, 2)}"]
        paras += [f'"{self._sentences(rng, rng.randint(1, 3))}' for _ in range(count - 2)]
        paras.append(f'"{self._sentences(rng, 2)}"')
        return paras

    def body(self, rng: random.Random, words: int, cast: list[str]) -> str:
        """Return a Markdown body of about ``words`` words."""
        paras: list[str] = []
        count = 0
        while count < words:
            r = rng.random()
            if paras and len(paras) % 12 == 0 and words > 1500:
                new = [f"## {self._title(rng)}"]
            elif r < 0.35:
                new = [self._quote(rng, cast)]
            elif r < 0.40:
                new = self._long_quote(rng, cast)
            else:
                new = [self._sentences(rng, rng.randint(2, 5))]
            paras += new
            count += sum(len(p.split()) for p in new)
        return "\n\n".join(paras)
