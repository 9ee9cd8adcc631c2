"""Quotes stay distinguishable from body text in every theme; text is never markup."""

from __future__ import annotations

from reader.library import Library
from reader.tui.app import ReadmarkApp
from reader.tui.article_view import ArticleView
from reader.tui.config import Config
from reader.tui.render import style_for
from tests.tui.conftest import open_first_article, settle


def _visible(style: object) -> tuple[object, ...]:
    s = style  # a rich Style
    return (s.color, s.bgcolor, s.bold, s.italic, s.underline)  # type: ignore[attr-defined]


async def test_quotes_distinguishable_in_every_theme(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            view.notify_style_update()
            body = _visible(style_for(view, "paragraph"))
            speech = _visible(style_for(view, "paragraph", quote="speech"))
            other = _visible(style_for(view, "paragraph", quote="scare"))
            current = _visible(style_for(view, "paragraph", quote="speech", current=True))
            assert speech != body, theme
            assert other != body, theme
            assert current != speech, theme


async def test_hostile_text_is_shown_not_interpreted(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("G", "enter")
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        shown = "\n".join(line.prefix + line.text for line in view.lines)
        assert "[bold]markup[/bold]" in shown
        assert "[link=http://x]a link[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown and "\r" not in shown
        assert "Text with red escape codes" in shown and "[31m" not in shown and "[0m" not in shown
        assert "Escapes [bold]and[/bold] brackets" in shown  # the whole "\x1b[7m" goes
        strips = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        text = "".join(seg.text for strip in strips for seg in strip)
        assert "\x1b" not in text and "[bold]markup[/bold]" in text


async def test_marks_are_drawn_with_their_component_class(library: Library) -> None:
    app = ReadmarkApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        view = await open_first_article(pilot)
        line = next(i for i, ln in enumerate(view.lines) if ln.kind == "paragraph")
        start = view.lines[line].offsets[2]
        before = view.render_line(line - int(view.scroll_y))
        view.set_marks([(start, start + 5, "highlight")])
        after = view.render_line(line - int(view.scroll_y))
        assert list(before) != list(after)
        marked = style_for(view, "paragraph", mark="highlight")
        assert any(seg.style == marked or (seg.style and seg.style.bgcolor == marked.bgcolor)
                   for seg in after)
