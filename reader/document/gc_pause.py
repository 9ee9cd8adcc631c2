"""Pausing Python's cyclic garbage collector while a body is parsed or analysed.

Parsing a long body makes hundreds of thousands of small objects (inline runs, tuples,
matches) that form no reference cycles; each of them is freed by reference counting. The
cyclic collector still runs every few hundred allocations and walks the objects already
made, which at 1 MB costs as much as the parsing itself. :func:`paused_gc` turns it off for
the duration and back on afterwards (only if it was on: nested uses are fine).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic garbage collector inside the ``with`` block.

    Yields:
        Nothing; the collector is enabled again on leaving if it was enabled on entry.
    """
    was_enabled = gc.isenabled()
    if was_enabled:
        gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
