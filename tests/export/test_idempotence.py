"""Re-export: the reader's edits outside the markers survive, unchanged files are not touched."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import frontmatter
import pytest

from reader.export import export_all, export_article
from reader.export.managed import BEGIN, END
from tests.export.conftest import LATER, NOW, Annotated, article, span

OLD_MTIME = 1_000_000_000  # 2001: any change to the file would move its mtime past this


def _export(a: Annotated, folder: Path, when: object = NOW) -> Path:
    result = export_article(a.lib, a.aid, folder, now=when)  # type: ignore[arg-type]
    assert result.path is not None
    return result.path


def test_unchanged_export_is_not_rewritten(annotated: Annotated, out: Path) -> None:
    path = _export(annotated, out)
    os.utime(path, (OLD_MTIME, OLD_MTIME))
    before = path.read_bytes()
    again = export_article(annotated.lib, annotated.aid, out, now=LATER)
    assert (again.path, again.written, again.new) == (path, False, False)
    assert path.read_bytes() == before  # the old "exported" time is kept
    assert path.stat().st_mtime == OLD_MTIME


def test_user_edits_outside_the_markers_survive(annotated: Annotated, out: Path) -> None:
    path = _export(annotated, out)
    text = path.read_text(encoding="utf-8")
    text = text.replace("---\n" + BEGIN, "aliases: [harbour]\n# my comment\n---\n"
                        "My intro, written by hand.\n\n" + BEGIN)
    text += "\n## My thoughts\n\nThe ferry matters more.\n"
    path.write_text(text, encoding="utf-8")
    os.utime(path, (OLD_MTIME, OLD_MTIME))
    assert not export_article(annotated.lib, annotated.aid, out, now=LATER).written
    assert path.stat().st_mtime == OLD_MTIME

    lib, aid = annotated.lib, annotated.aid
    new = lib.add_highlight(aid, *span(lib, aid, "Mara Quill"), note="who is she?")
    [gone] = [h for h in lib.highlights_of(aid) if h.text == "Residents packed the hall."]
    lib.delete_highlight(gone.id)
    result = export_article(lib, aid, out, now=LATER)
    assert result.written and not result.new and result.path == path
    after = path.read_text(encoding="utf-8")
    assert "My intro, written by hand.\n\n" + BEGIN in after
    assert after.endswith(END + "\n\n## My thoughts\n\nThe ferry matters more.\n")
    assert f"^rm-{new.id}" in after and "who is she?" in after
    assert "Residents packed the hall." not in after and f"rm-{gone.id}" not in after
    post = frontmatter.loads(after)
    assert post["aliases"] == ["harbour"] and "# my comment\n" in after
    assert post["exported"].isoformat().startswith("2024-06-02T08:30")
    assert [p.name for p in out.iterdir()] == [path.name]


def test_file_is_found_by_id_after_rename_or_title_change(
    annotated: Annotated, out: Path
) -> None:
    path = _export(annotated, out)
    moved = path.rename(out / "my harbour notes.md")
    annotated.lib.import_article(article(title="Harbour vote, updated"))
    result = export_article(annotated.lib, annotated.aid, out, now=LATER)
    assert result.path == moved and result.written
    assert "# Harbour vote, updated" in moved.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["my harbour notes.md"]


def test_removed_markers_keep_the_text_and_add_a_block(
    annotated: Annotated, out: Path
) -> None:
    path = _export(annotated, out)
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition(BEGIN)
    path.write_text(head + "Everything here is mine now.\n", encoding="utf-8")
    export_article(annotated.lib, annotated.aid, out, now=LATER)
    after = path.read_text(encoding="utf-8")
    assert "Everything here is mine now.\n\n" + BEGIN in after and after.endswith(END + "\n")


def test_marker_lines_in_notes_cannot_end_the_block(annotated: Annotated, out: Path) -> None:
    lib, aid = annotated.lib, annotated.aid
    lib.set_article_note(aid, f"tricky\n{END}\nstill the note\n{BEGIN}")
    path = _export(annotated, out)
    path.write_text(path.read_text(encoding="utf-8") + "mine\n", encoding="utf-8")
    lib.set_article_note(aid, "plain again")
    export_article(lib, aid, out, now=LATER)
    after = path.read_text(encoding="utf-8")
    assert after.count(END) == 1 and "still the note" not in after
    assert after.endswith(END + "\nmine\n")


def test_export_all_updates_files_whose_highlights_all_went(
    annotated: Annotated, out: Path
) -> None:
    [first] = export_all(annotated.lib, out, now=NOW)
    lib, aid = annotated.lib, annotated.aid
    for h in lib.highlights_of(aid):
        lib.delete_highlight(h.id)
    lib.set_article_note(aid, "")
    [again] = export_all(lib, out, now=LATER)
    assert again.path == first.path and again.written
    assert "## Highlights" not in first.path.read_text(encoding="utf-8")  # type: ignore[union-attr]
    assert export_all(lib, out, tag="elsewhere") == []


@pytest.mark.parametrize("umask", [0o022, 0o027, 0o002])
def test_new_files_follow_the_umask_and_rewrites_keep_the_mode(
    annotated: Annotated, out: Path, umask: int
) -> None:
    old = os.umask(umask)
    try:
        result = export_article(annotated.lib, annotated.aid, out, now=NOW)
        assert result.path is not None
        assert stat.S_IMODE(result.path.stat().st_mode) == 0o666 & ~umask
        for mode in (0o600, 0o664, 0o640):
            result.path.chmod(mode)
            annotated.lib.set_article_note(annotated.aid, f"Changed to see mode {mode:o}.")
            again = export_article(annotated.lib, annotated.aid, out, now=LATER)
            assert again.path == result.path and again.written
            assert stat.S_IMODE(result.path.stat().st_mode) == mode
        assert [p.name for p in out.iterdir()] == [result.path.name]  # no temporary left
    finally:
        os.umask(old)


def test_current_umask_reads_the_mask_without_changing_it() -> None:
    from reader.export.managed import current_umask

    old = os.umask(0o037)
    try:
        assert current_umask() == 0o037
        assert current_umask() == 0o037
    finally:
        os.umask(old)
