"""The one sanitiser: its table, whole escape sequences, and one hostile title on every path."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.library import Library
from reader.safe_text import UNSAFE_CHARACTERS, for_storage, for_terminal, unsafe_spans
from tests.conftest import Cli

PROPERTY = settings(max_examples=300, deadline=None, derandomize=True)

# An SGR colour, an OSC 8 hyperlink, a right-to-left override, a bell and a newline.
HOSTILE = "Pier\x1b[31m plan\x1b]8;;http://x.example\x1b\\ \u202eevil\x07\n2026"
SHOWN = "Pier plan evil 2026"
LEFTOVERS = ("\x1b", "[31m", "]8;;", "\u202e", "\x07")


def _clean(text: str) -> bool:
    return not any(bit in text for bit in LEFTOVERS)


def test_table_keeps_tab_newline_and_joiners_drops_controls_and_overrides() -> None:
    assert "\t" not in UNSAFE_CHARACTERS and "\n" not in UNSAFE_CHARACTERS
    for ch in ("\x00", "\x1b", "\r", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\ud800"):
        assert ch in UNSAFE_CHARACTERS
    for ch in ("é", "\u200d", "\u200c", "\ufe0f", "\u200e", " "):
        assert ch not in UNSAFE_CHARACTERS


def test_joiners_kept_overrides_and_escapes_dropped() -> None:
    family = "👩\u200d👩\u200d👧 ❤\ufe0f"
    assert for_terminal(family) == family
    assert for_terminal("a\u202eb\x1b[31mc\x07") == "abc"


def test_whole_sequences_go_not_just_the_escape_byte() -> None:
    assert for_terminal("a\x1b[31mred\x1b[0m b") == "ared b"
    assert for_terminal("\x1b]8;;http://e.example\x1b\\link\x1b]8;;\x07") == "link"
    assert for_terminal("x\x9b2Jy\x9d0;title\x9cz") == "xyz"  # 8-bit CSI and OSC
    assert for_terminal("\x1bP1$r\x1b\\ok\x1b(Bok\x1bc") == "okok"  # DCS, charset, reset
    assert for_terminal("[bold]b[/bold]") == "[bold]b[/bold]"  # markup-looking text is text


def test_unterminated_strings_lose_only_their_introducer() -> None:
    """A stray ``ESC ]`` must not swallow the rest of an article."""
    assert for_terminal("a\x1b]never ends\nnext line") == "anever ends\nnext line"
    assert for_terminal("a\x1b[31") == "a31"
    assert for_terminal("end\x1b") == "end"


def test_lone_surrogates_are_removed() -> None:
    assert for_terminal("a\ud800b") == "ab"


def test_one_line_folds_line_breaks_and_tabs_only() -> None:
    assert for_terminal("a\tb\r\nc\n\n", one_line=True) == "a b c "
    assert for_terminal("a\u2028b", one_line=True) == "a b"
    assert for_terminal("1\u00a0min  read", one_line=True) == "1\u00a0min  read"  # no-break kept
    assert for_terminal(" a ", one_line=True) == " a "
    assert for_terminal("a\tb\nc") == "a\tb\nc"
    assert for_terminal(None) == "" and for_terminal(None, one_line=True) == ""


def test_for_storage_counts_whole_sequences() -> None:
    assert for_storage("plain\ttext\n") == ("plain\ttext\n", 0)
    assert for_storage("a\x1b[1;31mb\x07\u202ec") == ("abc", 3)


@PROPERTY
@given(st.text(alphabet=st.sampled_from(list("ab \n\t[];0m\x1b\x07\x9b\x9c\u202e\\P")),
               max_size=40))
def test_output_is_safe_idempotent_and_matches_spans(text: str) -> None:
    out = for_terminal(text)
    assert not any(ch in UNSAFE_CHARACTERS for ch in out)
    assert for_terminal(out) == out
    assert for_storage(text) == (out, len(unsafe_spans(text)))
    kept, pos = [], 0
    for s, e in unsafe_spans(text):
        kept.append(text[pos:s])
        pos = e
    assert "".join(kept) + text[pos:] == out


# One hostile title, every path -------------------------------------------------------------


def _library_with_hostile_title(db_file: Path) -> str:
    """A library holding an article whose stored title is hostile (as a merged copy could)."""
    from reader.ingest.article import Article

    lib = Library(db_file)
    aid = lib.import_article(Article(title="placeholder", body="The pier plan.\n")).id
    lib.db.execute("UPDATE articles SET title = ? WHERE id = ?", [HOSTILE, aid])
    lib.db.conn.commit()
    lib.close()
    return aid


def test_hostile_title_at_ingest(run: Cli, tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text('---\ntitle: "Pier\\e[31m plan\\e]8;;http://x.example\\e\\\\ \\u202eevil'
                    '\\a\\n2026"\n---\n\nThe pier plan.\n', encoding="utf-8")
    result = run.json("import", str(path))["results"][0]
    assert result["title"] == SHOWN


def test_hostile_title_in_cli_output(run: Cli, db_file: Path) -> None:
    aid = _library_with_hostile_title(db_file)
    listing = run("list").stdout
    assert SHOWN in listing and _clean(listing)
    shown = run("show", aid).stdout
    assert shown.splitlines()[0] == SHOWN and _clean(shown)


def test_hostile_title_in_tui_rows(db_file: Path) -> None:
    from reader.tui.layout import layout_header
    from reader.tui.library_rows import cell_text

    aid = _library_with_hostile_title(db_file)
    lib = Library(db_file)
    article = lib.get(aid)
    lib.close()
    assert article is not None
    assert cell_text(article, "title") == SHOWN
    header = [line.prefix for line in layout_header(article.title, [], 80) if line.kind == "title"]
    assert header == [SHOWN]


def test_hostile_title_in_export_file(run: Cli, db_file: Path, tmp_path: Path) -> None:
    aid = _library_with_hostile_title(db_file)
    out = tmp_path / "out"
    result = run("export", aid, "--to", str(out))
    assert result.exit_code == 0, result.output
    (path,) = out.iterdir()
    text = path.read_text(encoding="utf-8")
    assert f"title: {SHOWN}" in text or f'title: "{SHOWN}"' in text
    assert _clean(text) and _clean(path.name)


def test_hostile_body_in_the_tui_article_view_and_show() -> None:
    """Bodies from a merged copy are not re-cleaned on the way in; both renderers clean them."""
    from reader.document import parse_document
    from reader.quotes.terminal import render_terminal
    from reader.tui.layout import layout_blocks

    body = "Before \x1b[31mred\x1b[0m and \u202eflip\x07 after.\n"
    lines, _ = layout_blocks(parse_document(body, "markdown").blocks, 80)
    text = "".join(line.text for line in lines)
    assert text == "Before red and flip after."
    for line in lines:  # every kept character still maps back to its source character
        assert all(body[o] == ch for ch, o in zip(line.text, line.offsets, strict=True))
    assert render_terminal(body, color=False).strip() == "Before red and flip after."
