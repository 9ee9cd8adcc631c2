"""Every migration upgrades a library made by the earlier ones, keeping its data."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from reader.library import Library, StoreError
from reader.store.migration_names import MIGRATION_NAMES
from reader.store.migrations import migrations


@pytest.mark.parametrize("applied", range(1, len(MIGRATION_NAMES)))
def test_older_library_opens_and_upgrades(tmp_path: Path, applied: int) -> None:
    path = tmp_path / "old.db"
    db = Database(path)
    names = [m.name for m in migrations._migrations]
    migrations.apply(db, stop_before=names[applied])
    assert len(migrations.applied(db)) == applied
    db["articles"].insert(  # type: ignore[union-attr]
        {"id": "abc", "title": "Old one", "body": "kept words", "body_format": "text",
         "content_hash": "h", "imported": "2020-01-01T00:00:00Z", "sort_date": "2020-01-01"}
    )
    db.conn.commit()
    db.conn.close()

    lib = Library(path)
    assert lib.info()["schema_version"] == len(MIGRATION_NAMES)
    old = lib.get("abc")
    assert old is not None and old.title == "Old one" and old.body == "kept words"
    assert [h.article.id for h in lib.search("kept")] == ["abc"]
    lib.close()


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Library(path)


def test_two_processes_create_the_same_library_at_once(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "race.db"
    code = "import sys; from reader.library import Library; Library(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE)
             for _ in range(4)]
    errors = [p.communicate()[1].decode() for p in procs]
    assert all(p.returncode == 0 for p in procs), errors
    lib = Library(path)
    assert lib.info()["schema_version"] == len(MIGRATION_NAMES)
    lib.close()


def test_migration_names_match_the_registry() -> None:
    from reader.store.migration_names import MIGRATION_NAMES

    assert tuple(m.name for m in migrations._migrations) == MIGRATION_NAMES


def test_opening_to_read_does_not_import_sqlite_utils(tmp_path: Path) -> None:
    import subprocess
    import sys

    Library(tmp_path / "lib.db").close()
    code = ("import sys; from reader.library import Library; from reader.library import "
            "ListQuery; lib = Library(sys.argv[1]); lib.page(ListQuery(), 0, 10); "
            "lib.search('x'); print('sqlite_utils' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "lib.db")],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_prefix_index_is_built_for_an_older_library(tmp_path: Path) -> None:
    from reader.store.migrations import m009_search_prefix_index

    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before="m009_search_prefix_index")
    row = {"body_format": "text", "content_hash": "h", "imported": "2020-01-01T00:00:00Z",
           "sort_date": "2020-01-01"}
    db["articles"].insert_all([  # type: ignore[union-attr]
        {**row, "id": "live", "title": "Court news", "body": "The ruling stands."},
        {**row, "id": "gone", "title": "Court news", "body": "Rulings galore.",
         "deleted": "0001"},
    ])
    db.conn.commit()
    db.conn.close()

    lib = Library(path)
    assert "m009_search_prefix_index" in lib.applied_migrations()
    assert [h.article.id for h in lib.search("rulin")] == ["live"]
    assert [h.article.id for h in lib.search("ruling")] == ["live"]
    with lib.write() as upgraded:  # a copy that lost its record of it runs it again: harmless
        m009_search_prefix_index(upgraded)
    assert [h.article.id for h in lib.search("rulin")] == ["live"]
    lib.delete("live")
    assert lib.search("rulin") == []
    lib.close()
