"""Rendering the managed part of an export with Jinja2: built-in styles and user templates.

Templates run in Jinja2's sandbox with autoescaping off (the output is Markdown). Article text
only ever arrives as variables, so nothing in an article is read as template syntax.

A user's template also runs within limits (:class:`LimitedEnvironment`): at most
:data:`MAX_OUTPUT` characters of output and of any string or list it builds, at most
:data:`MAX_SECONDS` of rendering per article (checked on every loop step, call and piece of
output, so nested loops that print nothing are stopped too) and no runaway recursion. Going
past one is a one-line error naming the template file, like any other template error.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.filters import do_center, do_format, do_indent, do_replace, sync_do_join
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import pass_eval_context

from reader.export.errors import ExportError

STYLES: tuple[str, ...] = ("obsidian", "plain")
MAX_OUTPUT = 16 * 1024 * 1024  # characters a user template may write, or build in one value
MAX_SECONDS = 10.0  # rendering time a user template may take for one article
_MAX_POWER_BITS = 1 << 20  # ``a ** b`` may produce an integer of at most this many bits
# A format width or precision of 8 digits or more (``{:>99999999}``, ``%99999999d``).
_HUGE_WIDTH = re.compile(r"[%:][^%{}]*?\d{8,}")


class TemplateLimit(Exception):
    """A user template went past one of the rendering limits."""


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox with bounds on output size, value size, time and recursion.

    Every ``{% for %}`` iterates through :meth:`guard`, and every call, ``*``, ``**``, ``%``
    and ``+`` is checked, so the time limit holds even for loops that write nothing.
    """

    intercepted_binops = frozenset({"*", "**", "%", "+"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.deadline = float("inf")
        self.filters.update(_guard=self.guard, center=_checked(do_center),
                            indent=_checked(do_indent), format=_checked(do_format),
                            join=_join, replace=_replace)
        self.globals["range"] = self._range

    def start(self) -> None:
        """Begin a render: the time limit counts from now."""
        self.deadline = time.monotonic() + MAX_SECONDS

    def tick(self) -> None:
        """Raise :class:`TemplateLimit` once the render has run out of time."""
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"took longer than {MAX_SECONDS:g} s; stopped")

    def guard(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Iterate ``iterable``, checking the time limit at every step."""
        for item in iterable:
            self.tick()
            yield item

    def _range(self, *args: int) -> Iterator[int]:
        rng = range(*args)
        if len(rng) > MAX_OUTPUT:
            raise TemplateLimit(f"range of {len(rng):,} numbers is too long "
                                f"(at most {MAX_OUTPUT:,})")
        return self.guard(rng)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "_guard", [], [], None, None,
                                     lineno=loop.iter.lineno)
        return tree

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        """Call ``__obj`` from the template, within the limits."""
        __self.tick()
        # the sandbox hands out str.format wrapped: the string is the wrapped method's owner
        owner = getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None)
        if isinstance(owner, str | list | tuple | bytes):
            _check_sizes(args, kwargs.values())
            if isinstance(owner, str) and _HUGE_WIDTH.search(owner):
                raise TemplateLimit("format width too large")
            name = getattr(__obj, "__name__", "")
            if isinstance(owner, str) and name == "join" and args and isinstance(args[0], list):
                _check_join(args[0], owner)
            elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        """Apply ``left operator_ right``, refusing results past the limits."""
        self.tick()
        if operator_ == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(times, int) \
                        and len(seq) * times > MAX_OUTPUT:
                    raise TemplateLimit(f"repetition would build {len(seq) * times:,} items "
                                        f"(at most {MAX_OUTPUT:,})")
        elif operator_ == "**" and isinstance(left, int) and isinstance(right, int) \
                and abs(left) > 1 and right > 0 and left.bit_length() * right > _MAX_POWER_BITS:
            raise TemplateLimit("power too large")
        elif operator_ == "%" and isinstance(left, str):
            if _HUGE_WIDTH.search(left):
                raise TemplateLimit("format width too large")
            _check_sizes(right if isinstance(right, tuple) else (right,), ())
        elif operator_ == "+" and isinstance(left, str | list | tuple) \
                and isinstance(right, str | list | tuple) and len(left) + len(right) > MAX_OUTPUT:
            raise TemplateLimit(f"value larger than {MAX_OUTPUT:,} items")
        return super().call_binop(context, operator_, left, right)


def _check_sizes(args: Iterable[Any], kwargs: Iterable[Any]) -> None:
    """Refuse a width or count argument that would build a value past :data:`MAX_OUTPUT`."""
    for value in (*args, *kwargs):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT:
            raise TemplateLimit(f"argument {value:,} too large (at most {MAX_OUTPUT:,})")


def _check_join(items: list[Any], sep: Any) -> None:
    size = sum(len(i) for i in items if isinstance(i, str)) + len(str(sep)) * len(items)
    if size > MAX_OUTPUT:
        raise TemplateLimit(f"join would build {size:,} characters (at most {MAX_OUTPUT:,})")


def _check_replace(text: Any, old: Any, new: Any) -> None:
    if isinstance(text, str) and isinstance(old, str) and isinstance(new, str):
        size = len(text) + text.count(old) * len(new)
        if size > MAX_OUTPUT:
            raise TemplateLimit(f"replace would build {size:,} characters "
                                f"(at most {MAX_OUTPUT:,})")


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Iterable[Any], d: str = "",
          attribute: str | int | None = None) -> str:
    items = list(value)
    _check_join(items, d)
    return str(sync_do_join(eval_ctx, items, d, attribute))


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str,
             count: int | None = None) -> str:
    _check_replace(str(s), old, new)
    return str(do_replace(eval_ctx, s, old, new, count))


def _checked(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that refuses huge width arguments and format widths before running."""
    def run(value: Any, *args: Any, **kwargs: Any) -> Any:
        _check_sizes(args, kwargs.values())
        if isinstance(value, str) and fn is do_format and _HUGE_WIDTH.search(value):
            raise TemplateLimit("format width too large")
        return fn(value, *args, **kwargs)

    run.__name__ = fn.__name__
    return run
_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_NOT_TAG = re.compile(r"[^\w/-]+")


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
    return _NOT_TAG.sub("-", value).strip("-") or "untagged"


def _environment(trusted: bool) -> jinja2.Environment:
    """The Jinja2 environment: sandboxed for the reader's templates, plain for readmark's own
    (they are part of readmark; article text reaches either only as variables)."""
    kind = jinja2.Environment if trusted else LimitedEnvironment
    env = kind(
        autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(blockquote=blockquote, link=link_target, tag=tag)
    return env


def tidy(text: str) -> str:
    """Drop trailing spaces, fold runs of blank lines into one, end with one newline."""
    # Each regex runs only when there is something for it to do: most exports have neither.
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):
        text = _TRAILING_SPACE.sub("", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip("\n")
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
        self.builtin = template is None
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
        env = self._template.environment
        if not isinstance(env, LimitedEnvironment):
            try:
                return tidy(self._template.render(variables))
            except jinja2.TemplateError as exc:
                raise ExportError(f"{self.name}:{_error_line(exc)}: template error: {exc}") \
                    from exc
        return tidy(self._limited(env, variables))

    def _limited(self, env: LimitedEnvironment, variables: dict[str, Any]) -> str:
        """Render a user template within the limits of :class:`LimitedEnvironment`."""
        env.start()
        out: list[str] = []
        size = 0
        try:
            for piece in self._template.generate(variables):
                size += len(piece)
                if size > MAX_OUTPUT:
                    raise TemplateLimit(f"output larger than {MAX_OUTPUT:,} characters; "
                                        "stopped")
                out.append(piece)
                env.tick()
            return "".join(out)
        except TemplateLimit as exc:
            raise ExportError(f"{self.name}:{_error_line(exc)}: template error: {exc}") from exc
        except RecursionError as exc:
            raise ExportError(f"{self.name}:{_error_line(exc)}: template error: recursion too "
                              "deep (a macro or loop calling itself without end?)") from None
        except (MemoryError, OverflowError) as exc:
            raise ExportError(f"{self.name}:{_error_line(exc)}: template error: "
                              f"{type(exc).__name__}: value too large") from exc
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
