"""Rendering the managed part of an export with Jinja2: built-in styles and user templates.

Templates run in Jinja2's sandbox with autoescaping off (the output is Markdown). Article text
only ever arrives as variables, so nothing in an article is read as template syntax.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from reader.export.errors import ExportError

STYLES: tuple[str, ...] = ("obsidian", "plain")
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)


def blockquote(text: str) -> str:
    """Prefix every line of ``text`` with ``> `` (blank lines with ``>``)."""
    if "\n" not in text:
        return f"> {text}" if text.strip() else ">"
    return "\n".join(f"> {line}" if line.strip() else ">" for line in text.split("\n"))


def link_target(url: str) -> str:
    """Return ``url`` safe as a Markdown link destination (spaces, parentheses encoded)."""
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C")


def tag(value: str) -> str:
    """Return ``value`` as an Obsidian tag word (``#`` not included): no spaces or symbols."""
    return re.sub(r"[^\w/-]+", "-", value).strip("-") or "untagged"


def _environment(trusted: bool) -> jinja2.Environment:
    """The Jinja2 environment: sandboxed for the reader's templates, plain for readmark's own
    (they are part of readmark; article text reaches either only as variables)."""
    kind = jinja2.Environment if trusted else SandboxedEnvironment
    env = kind(
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(blockquote=blockquote, link=link_target, tag=tag)
    return env


def tidy(text: str) -> str:
    """Drop trailing spaces, fold runs of blank lines into one, end with one newline."""
    text = _BLANK_RUNS.sub("\n\n", _TRAILING_SPACE.sub("", text)).strip("\n")
    return text + "\n" if text else ""


class Renderer:
    """A compiled template for the managed part of an export.

    Raises:
        ExportError: When the style is unknown or the template cannot be read or compiled;
            the message names the file and line.
    """

    def __init__(self, style: str = "obsidian", template: Path | None = None) -> None:
        """Compile the built-in ``style``, or the template file ``template`` when given."""
        self.style = style
        env = _environment(trusted=template is None)
        if template is not None:
            self.name = str(template)
            try:
                source = template.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise ExportError(f"{template}: cannot read template: {exc}") from exc
        else:
            if style not in STYLES:
                raise ExportError(f"unknown style {style!r}; choose {' or '.join(STYLES)}")
            self.name = f"<built-in style {style}>"
            source = resources.files("reader.export").joinpath(
                f"templates/{style}.md.j2").read_text(encoding="utf-8")
        try:
            self._template = env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise ExportError(f"{self.name}:{exc.lineno}: template error: {exc.message}") \
                from exc

    def render(self, variables: dict[str, Any]) -> str:
        """Render one article's variables, tidied (see ``tidy``).

        Raises:
            ExportError: When the template fails; names the file and line where known.
        """
        try:
            return tidy(self._template.render(variables))
        except jinja2.TemplateError as exc:
            raise ExportError(f"{self.name}:{_error_line(exc)}: template error: {exc}") from exc
        except (TypeError, ValueError, AttributeError, KeyError, ZeroDivisionError) as exc:
            raise ExportError(f"{self.name}:{_error_line(exc)}: template error: "
                              f"{type(exc).__name__}: {exc}") from exc


def _error_line(exc: BaseException) -> str:
    """Best guess of the template line a render error comes from."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return str(lineno)
    tb = exc.__traceback__
    found = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            found = str(tb.tb_lineno)
        tb = tb.tb_next
    return found
