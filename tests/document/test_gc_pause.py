"""The collector pause around parsing: off inside, back as it was afterwards, even on error."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from reader.document import parse_document
from reader.document.gc_pause import paused_gc


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_collector_is_off_inside_and_on_again_after(collector_on: None) -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner one must not switch it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_comes_back_after_an_error(collector_on: None) -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_disabled_collector_stays_disabled() -> None:
    was = gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


def test_parsing_leaves_the_collector_on(collector_on: None) -> None:
    doc = parse_document("*a_" * 1000 + "\n\n[" * 10)
    assert doc.blocks
    assert gc.isenabled()
