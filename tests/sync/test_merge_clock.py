"""The hybrid logical clock the merge relies on, and where the site id lives."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from reader.store.clock import Clock, device_id, site_id_path, successor


def frozen() -> int:
    return 1_700_000_000_000_000


def test_observe_moves_past_the_counter_of_a_stamp_from_the_same_microsecond() -> None:
    mine = Clock("aaaa", time_source=frozen)
    theirs = Clock("zzzz", time_source=frozen)
    for _ in range(5):
        seen = theirs.now()
    mine.observe(seen)
    stamp = mine.now()
    assert stamp > seen and stamp.split("-")[1] == "0005"


def test_wall_clock_going_back_never_makes_an_older_stamp() -> None:
    times = iter([2_000_000, 1_000_000, 1_000_001])
    clock = Clock("aaaa", time_source=lambda: next(times))
    stamps = [clock.now() for _ in range(3)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 3


def test_counter_overflow_carries_into_the_time() -> None:
    clock = Clock("aaaa", time_source=frozen)
    stamps = [clock.now() for _ in range(10_002)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert successor(stamps[-1]) > stamps[-1]


def test_site_id_lives_in_the_config_dir_and_old_id_is_carried_over(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("READMARK_DEVICE")
    old = Path(platformdirs.user_data_dir("readmark", appauthor=False)) / "device-id"
    old.parent.mkdir(parents=True, exist_ok=True)
    old.write_text("0123456789ab\n")
    assert device_id() == "0123456789ab"
    assert site_id_path().read_text().strip() == "0123456789ab"
    assert str(site_id_path()).startswith(platformdirs.user_config_dir("readmark"))
    old.unlink()
    assert device_id() == "0123456789ab"  # read from the config dir from now on
