"""Key bindings: ids everywhere, no clashes, reserved keys free, remapping via config."""

from __future__ import annotations

from textual.binding import Binding

from reader.library import Library
from reader.tui import keys
from reader.tui.app import ReadmarkApp
from reader.tui.config import Config
from tests.tui.conftest import open_first_article


def _split(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",")]


def _all(*groups: list[object]) -> list[Binding]:
    return [b for group in groups for b in group if isinstance(b, Binding)]


def test_every_binding_has_an_id_and_reserved_keys_are_free() -> None:
    every = _all(keys.LIST_BINDINGS, keys.LIBRARY_BINDINGS, keys.ARTICLE_BINDINGS,
                 keys.READING_BINDINGS, keys.APP_BINDINGS)
    for binding in every:
        assert binding.id and binding.id.startswith("readmark."), binding
        assert not set(_split(binding)) & keys.RESERVED_KEYS, binding


def test_no_clashes_within_a_screen() -> None:
    for screen in (
        _all(keys.LIST_BINDINGS, keys.LIBRARY_BINDINGS, keys.APP_BINDINGS),
        _all(keys.ARTICLE_BINDINGS, keys.READING_BINDINGS, keys.APP_BINDINGS),
    ):
        seen: dict[str, str] = {}
        for binding in screen:
            for key in _split(binding):
                assert key not in seen, (key, seen.get(key), binding.id)
                seen[key] = str(binding.id)


async def test_remap_from_config(library: Library) -> None:
    app = ReadmarkApp(library, Config(keys={"readmark.quote_next": "x"}))
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        assert view.analysis is not None
        await pilot.press("x")
        assert view.position == view.analysis.quotes[0].start
