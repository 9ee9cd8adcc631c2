"""Loader for the labelled quotation corpus in ``tests/data/quotes/``.

Each corpus file is an article body in which every quotation is wrapped as
``{{SPEC|...}}``; see ``tests/data/quotes/README.md`` for the full format.  The
loader strips the annotations and returns the clean text together with gold
spans (character offsets into the clean text, quotation marks included).

Typical use in an evaluation::

    from tests.quote_corpus import load_corpus

    for doc in load_corpus("dev"):
        predicted = find_quotes(doc.text)
        score(predicted, doc.gold)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

CORPUS_ROOT = Path(__file__).parent / "data" / "quotes"
SPLITS = ("dev", "heldout")

#: Quotation-mark characters a gold speech/scare/title/term span may start or end with.
QUOTE_MARKS = "\"'“”‘’«»„‚‹›"

#: File extension -> ``LabelledDoc.body_format``.
BODY_FORMATS = {".md": "markdown", ".txt": "text"}

_NON_SPEECH = {"~scare": "scare", "~title": "title", "~term": "term"}
_OPEN = "{{"
_CLOSE = "}}"
_MAX_SPEC = 80


class AnnotationError(ValueError):
    """A corpus file contains a malformed ``{{SPEC|...}}`` annotation."""


@dataclass(frozen=True)
class GoldQuote:
    """One gold quotation span.

    Attributes:
        start: Offset of the first character (normally the opening mark) in the clean text.
        end: Offset one past the last character (normally the closing mark).
        speaker: Canonical speaker name, or None for unattributed speech and non-speech.
        kind: "speech", "scare", "title" or "term".
    """

    start: int
    end: int
    speaker: str | None
    kind: str

    def contains(self, other: GoldQuote) -> bool:
        """Return True if ``other`` lies inside this span (nesting)."""
        return self.start <= other.start and other.end <= self.end


@dataclass
class LabelledDoc:
    """A corpus document with annotations removed.

    Attributes:
        name: File name relative to its split directory, e.g. ``"harbor-dredging-vote.md"``.
        text: The article body with all annotation syntax stripped.
        body_format: ``"markdown"`` or ``"text"``.
        gold: Gold quotations sorted by start (outer span before a nested one at the same start).
    """

    name: str
    text: str
    body_format: str
    gold: list[GoldQuote] = field(default_factory=list)

    def span_text(self, quote: GoldQuote) -> str:
        """Return the text covered by ``quote``."""
        return self.text[quote.start : quote.end]


def _line_of(raw: str, index: int) -> int:
    return raw.count("\n", 0, index) + 1


def _parse_spec(spec: str, where: str) -> tuple[str | None, str]:
    if not spec.strip():
        raise AnnotationError(f"{where}: empty speaker spec in '{{{{|'")
    if spec != spec.strip() or "\n" in spec or len(spec) > _MAX_SPEC or "{" in spec or "}" in spec:
        raise AnnotationError(f"{where}: malformed speaker spec {spec!r}")
    if spec == "?":
        return None, "speech"
    if spec.startswith("~"):
        if spec not in _NON_SPEECH:
            raise AnnotationError(
                f"{where}: unknown non-speech kind {spec!r} (expected one of {sorted(_NON_SPEECH)})"
            )
        return None, _NON_SPEECH[spec]
    return spec, "speech"


def parse_annotated(raw: str, name: str = "<string>") -> tuple[str, list[GoldQuote]]:
    """Strip ``{{SPEC|...}}`` annotations from ``raw`` and collect the gold spans.

    Args:
        raw: Annotated article body.
        name: File name used in error messages.

    Returns:
        The clean text (trailing whitespace removed) and the gold quotes sorted by start.

    Raises:
        AnnotationError: On an unbalanced ``{{``/``}}``, a missing ``|``, an empty or
            unknown spec, or an empty span. The message names the file and line.
    """
    out: list[str] = []
    out_len = 0
    stack: list[tuple[str | None, str, int, int]] = []  # speaker, kind, start, line
    gold: list[GoldQuote] = []
    i = 0
    n = len(raw)
    while i < n:
        if raw.startswith(_OPEN, i):
            line = _line_of(raw, i)
            where = f"{name}:{line}"
            bar = raw.find("|", i + 2)
            newline = raw.find("\n", i + 2)
            if bar == -1 or (newline != -1 and newline < bar):
                raise AnnotationError(f"{where}: '{{{{' without a '|' ending its speaker spec")
            speaker, kind = _parse_spec(raw[i + 2 : bar], where)
            stack.append((speaker, kind, out_len, line))
            i = bar + 1
        elif raw.startswith(_CLOSE, i):
            if not stack:
                raise AnnotationError(
                    f"{name}:{_line_of(raw, i)}: '}}}}' without a matching '{{{{'"
                )
            speaker, kind, start, line = stack.pop()
            if out_len == start:
                raise AnnotationError(f"{name}:{line}: empty quotation span")
            gold.append(GoldQuote(start, out_len, speaker, kind))
            i += 2
        else:
            nxt = min(
                (p for p in (raw.find(_OPEN, i), raw.find(_CLOSE, i)) if p != -1),
                default=n,
            )
            out.append(raw[i:nxt])
            out_len += nxt - i
            i = nxt
    if stack:
        line = stack[-1][3]
        raise AnnotationError(f"{name}:{line}: '{{{{' is never closed with '}}}}'")
    text = "".join(out).rstrip()
    for quote in gold:
        if quote.end > len(text):
            raise AnnotationError(f"{name}: quotation span runs into trailing whitespace")
    gold.sort(key=lambda q: (q.start, -q.end))
    return text, gold


def strip_annotations(raw: str) -> str:
    """Return ``raw`` with annotations removed (see :func:`parse_annotated`)."""
    return parse_annotated(raw)[0]


def load_file(path: Path) -> LabelledDoc:
    """Load one annotated corpus file.

    Args:
        path: A ``.md`` or ``.txt`` corpus file.

    Returns:
        The parsed document, named by its path relative to its split directory.

    Raises:
        AnnotationError: If the file extension is unknown or an annotation is malformed.
    """
    fmt = BODY_FORMATS.get(path.suffix)
    if fmt is None:
        raise AnnotationError(f"{path.name}: unsupported corpus file extension {path.suffix!r}")
    text, gold = parse_annotated(path.read_text(encoding="utf-8"), path.name)
    return LabelledDoc(name=path.name, text=text, body_format=fmt, gold=gold)


def load_corpus(split: str) -> list[LabelledDoc]:
    """Load every document of a corpus split, sorted by file name.

    Args:
        split: ``"dev"`` or ``"heldout"``.

    Returns:
        The labelled documents of that split.

    Raises:
        ValueError: If ``split`` is not a known split.
        AnnotationError: If any file is malformed.
    """
    if split not in SPLITS:
        raise ValueError(f"unknown corpus split {split!r}; expected one of {SPLITS}")
    directory = CORPUS_ROOT / split
    paths = sorted(p for p in directory.iterdir() if p.suffix in BODY_FORMATS)
    return [load_file(p) for p in paths]
