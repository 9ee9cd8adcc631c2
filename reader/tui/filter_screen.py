"""A picker for filtering a list by one value: the library by tag, author or site, the
Notebook by colour, tag or article (values with counts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.library import Library
from reader.safe_text import line

KINDS = (("tag", "Tags"), ("author", "Authors"), ("site", "Sites"))
MAX_PER_KIND = 500

# A value with its count, and optionally the label shown for it (an article id's title).
FacetValue = tuple[str, int] | tuple[str, int, str]
Facets = dict[str, list[FacetValue]]


def library_facets(library: Library) -> Facets:
    """Tags, authors and sites with their article counts (runs in a worker)."""
    return {kind: list(library.facets(kind)) for kind, _ in KINDS}


def _label(value: FacetValue) -> str:
    return value[2] if len(value) == 3 else value[0]


class FilterScreen(ModalScreen[tuple[str, str] | None]):
    """Choose one facet value; dismisses with ``(kind, value)`` or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_none", "Close", id="readmark.close")
    ]

    class FacetsLoaded(Message):
        """Facet values arrived from the worker."""

        def __init__(self, facets: Facets) -> None:
            super().__init__()
            self.facets = facets

    def __init__(
        self,
        library: Library,
        title: str = "Filter by tag, author or site",
        kinds: Sequence[tuple[str, str]] = KINDS,
        load: Callable[[Library], Facets] = library_facets,
    ) -> None:
        """Create the picker; values load in a worker.

        Args:
            library: The library the values come from.
            title: The heading.
            kinds: ``(kind, heading)`` of each group, in order.
            load: Reads the values of every kind from the library (called in a thread).
        """
        super().__init__(id="filter")
        self.library = library
        self.title_text = title
        self.kinds = tuple(kinds)
        self.load = load
        self.facets: Facets = {}

    def compose(self) -> ComposeResult:
        """Lay out the picker."""
        with Vertical(id="filter-box"):
            yield Static(self.title_text, id="filter-title", markup=False)
            yield Input(placeholder="Type to narrow", id="filter-input")
            yield OptionList(id="filter-options")

    def on_mount(self) -> None:
        """Start loading facet values."""
        self.query_one(OptionList).add_option(Option(Text("Loading…"), disabled=True))
        self.query_one(Input).focus()
        self._load()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        self.post_message(self.FacetsLoaded(self.load(self.library)))

    def on_filter_screen_facets_loaded(self, message: FacetsLoaded) -> None:
        """Fill the list."""
        self.facets = message.facets
        self._fill("")

    def _fill(self, needle: str) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        needle = needle.casefold()
        items: list[Option | None] = []
        for kind, heading in self.kinds:
            values = [
                v for v in self.facets.get(kind, []) if needle in str(_label(v)).casefold()
            ][:MAX_PER_KIND]
            if not values:
                continue
            items.append(Option(Text(heading, style="bold"), disabled=True))
            for value in values:
                prompt = Text(f"  {line(str(_label(value)))}")
                prompt.append(f"  {value[1]}", style="dim")
                items.append(Option(prompt, id=f"{kind}\x00{value[0]}"))
        if not items:
            items.append(Option(Text("Nothing to filter by yet."), disabled=True))
        options.add_options(items)

    @on(Input.Changed, "#filter-input")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter-input")
    def _submit(self) -> None:
        options = self.query_one(OptionList)
        for index, option in enumerate(options.options):
            if not option.disabled:
                options.highlighted = index
                options.action_select()
                return

    def key_down(self) -> None:
        """Move from the input to the list."""
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            kind, value = event.option.id.split("\x00", 1)
            self.dismiss((kind, value))

    def action_dismiss_none(self) -> None:
        """Close without filtering."""
        self.dismiss(None)
