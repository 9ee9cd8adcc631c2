"""``BenchContext``: what every benchmark module gets (sizes, a work folder, shared corpora)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from bench.corpus import Corpus
from bench.libraries import BuiltLibrary, build_library, write_files


@dataclass(frozen=True)
class Sizes:
    """How big one mode is.

    Attributes:
        n: Articles in the shared library (search, paging, TUI).
        repeats: Runs per measurement (medians are over these).
        import_n: Articles imported afresh per import run.
        long_words: Words in the long read (opening an article, lexing).
        tui_runs: Fresh processes per side for startup timings.
        search_terms: Distinct rare terms searched (p50/p95 are over terms × repeats).
        words: Mean article length in words.
        scales: Library sizes for the rows measured as users meet the product (processes, a
            pseudo-terminal) and their flatness rows; a library of each size is built.
        worst_sizes: Input sizes (characters) for the text engine's worst cases.
        worst_cap: Seconds after which one worst-case run is stopped and reported missed.
        placing: Highlights placed again in changed bodies (the re-anchoring row).
    """

    n: int
    repeats: int
    import_n: int
    long_words: int
    tui_runs: int
    search_terms: int
    words: int = 500
    scales: tuple[int, ...] = (10_000, 100_000)
    worst_sizes: tuple[int, ...] = (100_000, 1_000_000)
    worst_cap: float = 60.0
    placing: int = 10_000


MODES: dict[str, Sizes] = {
    "smoke": Sizes(n=200, repeats=2, import_n=200, long_words=5_000, tui_runs=1,
                   search_terms=3, scales=(200,), worst_sizes=(2_000,), worst_cap=5.0,
                   placing=200),
    "quick": Sizes(n=5_000, repeats=3, import_n=2_000, long_words=50_000, tui_runs=3,
                   search_terms=10, worst_cap=30.0),
    "full": Sizes(n=100_000, repeats=5, import_n=10_000, long_words=50_000, tui_runs=5,
                  search_terms=20, scales=(10_000, 100_000, 300_000), worst_cap=120.0),
}


def sizes_for(mode: str, n: int | None = None) -> Sizes:
    """Return the sizes of ``mode``, with the library size overridden by ``n`` if given."""
    sizes = MODES[mode]
    if n is not None:
        sizes = replace(sizes, n=n, import_n=min(sizes.import_n, n))
    return sizes


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@dataclass
class BenchContext:
    """Shared state of one run, handed to every module's ``run(ctx)``.

    The library and the files are made on first use and shared by the modules that need them.

    Attributes:
        mode: ``"smoke"``, ``"quick"`` or ``"full"``.
        sizes: The sizes of this run.
        workdir: Where libraries and files go (kept between runs when the user names it).
        corpus: The article generator every module uses.
        log: Progress messages (to stderr, so the table on stdout stays clean).
    """

    mode: str
    sizes: Sizes
    workdir: Path
    corpus: Corpus = field(init=False)
    log: Callable[[str], None] = _stderr
    _library: BuiltLibrary | None = field(default=None, init=False, repr=False)
    _files: Path | None = field(default=None, init=False, repr=False)
    _long_text: str | None = field(default=None, init=False, repr=False)
    _scaled: dict[int, BuiltLibrary] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.corpus = Corpus(seed=42, words=self.sizes.words)

    @property
    def n(self) -> int:
        """Articles in the shared library."""
        return self.sizes.n

    @property
    def repeats(self) -> int:
        """Runs per measurement."""
        return self.sizes.repeats

    def library(self) -> BuiltLibrary:
        """Return the shared library: ``n`` corpus articles plus the long read (built once)."""
        if self._library is None:
            path = self.workdir / f"library-{self.n}-{self.sizes.words}.db"
            self.log(f"building a {self.n:,}-article library at {path} ...")
            self._library = build_library(path, self.corpus, self.n,
                                          long_words=self.sizes.long_words)
            if self._library.seconds:
                self.log(f"  built in {self._library.seconds:.1f} s")
        return self._library

    def library_at(self, n: int) -> BuiltLibrary:
        """Return a library of ``n`` corpus articles (no long read), built once and reused.

        ``n`` equal to the shared library's size gives the shared library.
        """
        if n == self.n:
            return self.library()
        if n not in self._scaled:
            path = self.workdir / f"scale-{n}-{self.sizes.words}.db"
            self.log(f"building a {n:,}-article library at {path} ...")
            self._scaled[n] = build_library(path, self.corpus, n)
            if self._scaled[n].seconds:
                self.log(f"  built in {self._scaled[n].seconds:.1f} s")
        return self._scaled[n]

    def files(self) -> Path:
        """Return a folder holding the same ``n`` corpus articles as ``.md`` files."""
        if self._files is None:
            folder = self.workdir / f"files-{self.n}-{self.sizes.words}"
            self.log(f"writing {self.n:,} article files to {folder} ...")
            self._files = write_files(self.corpus, self.n, folder)
        return self._files

    def long_text(self) -> str:
        """Return the long read's text (``sizes.long_words`` words, front matter included)."""
        if self._long_text is None:
            self._long_text = self.corpus.long_text(self.sizes.long_words)
        return self._long_text
