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

import functools
import itertools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.filters import (
    do_center,
    do_format,
    do_indent,
    do_replace,
    do_urlize,
    do_wordwrap,
    make_attrgetter,
    sync_do_join,
    sync_do_sum,
)
from jinja2.nodes import EvalContext
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import pass_environment, pass_eval_context

from reader.export.errors import ExportError

STYLES: tuple[str, ...] = ("obsidian", "plain")
MAX_OUTPUT = 16 * 1024 * 1024  # characters a user template may write, or build in one value
MAX_SECONDS = 10.0  # rendering time a user template may take for one article
MAX_ITEMS = 1 << 20  # numbers in a range; items a sorting or listing filter may take
_MAX_POWER_BITS = 1 << 20  # ``a ** b`` may produce an integer of at most this many bits
# Text the slow, pure-Python filters (wordwrap, urlize) may take.
_MAX_SLOW_TEXT = MAX_OUTPUT // 16
# wordwrap breaks a word longer than its width in time ~ length² / width: at most this much.
_MAX_WRAP_WORK = 4 * 10**10
# Filters that take their input item by item into a new list, or sort it.
_ITEMWISE = frozenset({"batch", "dictsort", "groupby", "list", "slice", "sort", "unique"})
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
        options["finalize"] = _check_value  # every ``{{ value }}`` before it becomes text
        super().__init__(**options)
        self.code_generator_class = _LimitedCodeGenerator
        self.deadline = float("inf")
        self.filters.update(center=_checked(do_center), indent=_indent,
                            format=_checked(do_format), join=_join, replace=_replace,
                            wordwrap=_wordwrap, urlize=_urlize, sum=_sum)
        self.filters = {name: _limited_filter(name, fn) for name, fn in self.filters.items()}
        self.filters["_guard"] = self.guard
        self.globals["range"] = self._range
        del self.globals["lipsum"]  # a text generator an export has no use for

    def check_concat(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """Check the pieces of a ``~`` concatenation before they are joined."""
        self.tick()
        size = 0
        for value in values:
            size += _size(value, MAX_OUTPUT - size)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"~ would build more than {MAX_OUTPUT:,} characters")
        return values

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
        if len(rng) > MAX_ITEMS:
            raise TemplateLimit(f"range of {len(rng):,} numbers is too long "
                                f"(at most {MAX_ITEMS:,})")
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
        if isinstance(owner, str | list | tuple | bytes | dict | set):
            _check_sizes(args, kwargs.values())
            _check_values(args, kwargs.values())
            if isinstance(owner, str) and _HUGE_WIDTH.search(owner):
                raise TemplateLimit("format width too large")
            name = getattr(__obj, "__name__", "")
            if isinstance(owner, str) and name == "join" and args and isinstance(args[0], list):
                _check_join(args[0], owner)
            elif isinstance(owner, str) and name == "replace" and len(args) >= 2:
                _check_replace(owner, args[0], args[1])
            elif isinstance(owner, str) and name == "expandtabs":
                tabsize = args[0] if args else kwargs.get("tabsize", 8)
                if isinstance(tabsize, int) and \
                        len(owner) + owner.count("\t") * tabsize > MAX_OUTPUT:
                    raise TemplateLimit(f"expandtabs would build more than {MAX_OUTPUT:,} "
                                        "characters")
            elif isinstance(owner, list) and name == "extend" and args \
                    and hasattr(args[0], "__len__") and len(owner) + len(args[0]) > MAX_ITEMS:
                raise TemplateLimit(f"list longer than {MAX_ITEMS:,} items")
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
            args = right if isinstance(right, tuple) else (right,)
            _check_sizes(args, ())
            _check_values(args, ())
        elif operator_ == "+" and isinstance(left, str | list | tuple) \
                and isinstance(right, str | list | tuple) and len(left) + len(right) > MAX_OUTPUT:
            raise TemplateLimit(f"value larger than {MAX_OUTPUT:,} items")
        return super().call_binop(context, operator_, left, right)


class _LimitedCodeGenerator(CodeGenerator):
    """Compiles ``~`` so that its pieces are size-checked before they are joined."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        # as CodeGenerator.visit_Concat, with the tuple passing through environment.check_concat
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.check_concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(")))")


def _size(value: Any, budget: int = MAX_OUTPUT) -> int:
    """Roughly how many characters ``value`` becomes as text, counting no further than just
    past ``budget`` (a list holding the same list many times over is counted, not built)."""
    if isinstance(value, str):
        return len(value)
    total = 0
    stack = [value]
    while stack and total <= budget:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item) + 2
        elif isinstance(item, bool | float | None):
            total += 1
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 * len(item) + 2
            if total <= budget:
                stack.extend(item)
        elif isinstance(item, dict):
            total += 4 * len(item) + 2
            if total <= budget:
                stack.extend(item.keys())
                stack.extend(item.values())
        else:
            total += 1
    return total


def _check_value(value: Any) -> Any:
    """Return ``value``, or refuse it when its text would be larger than :data:`MAX_OUTPUT`."""
    if _size(value) > MAX_OUTPUT:
        raise TemplateLimit(f"value larger than {MAX_OUTPUT:,} characters")
    return value


def _check_values(args: Iterable[Any], kwargs: Iterable[Any]) -> None:
    for value in (*args, *kwargs):
        _check_value(value)


def _limited_filter(name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` refusing arguments or results past the limits (its Jinja context, environment
    or eval context argument, if it takes one, passes through)."""
    @functools.wraps(fn)  # keeps the pass_context / pass_environment marker
    def run(*args: Any, **kwargs: Any) -> Any:
        values = [a for a in args if not isinstance(a, Context | jinja2.Environment
                                                      | EvalContext)]
        if values and name in _ITEMWISE and hasattr(values[0], "__len__") \
                and len(values[0]) > MAX_ITEMS:
            raise TemplateLimit(f"{name} of {len(values[0]):,} items (at most {MAX_ITEMS:,})")
        if name in ("batch", "slice") and len(values) > 1 and isinstance(values[1], int) \
                and values[1] > MAX_ITEMS:
            raise TemplateLimit(f"{name} count {values[1]:,} too large (at most {MAX_ITEMS:,})")
        _check_sizes(values[1:], kwargs.values())
        _check_values(values, kwargs.values())
        return _check_value(fn(*args, **kwargs))

    return run


def _check_sizes(args: Iterable[Any], kwargs: Iterable[Any]) -> None:
    """Refuse a width or count argument that would build a value past :data:`MAX_OUTPUT`."""
    for value in (*args, *kwargs):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_OUTPUT:
            raise TemplateLimit(f"argument {value:,} too large (at most {MAX_OUTPUT:,})")


def _check_join(items: list[Any], sep: Any) -> None:
    size = _size(sep) * len(items)
    for item in items:
        if size > MAX_OUTPUT:
            break
        size += _size(item, MAX_OUTPUT - size)
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


@pass_eval_context
def _indent(eval_ctx: EvalContext, s: str, width: int | str = 4, first: bool = False,
            blank: bool = False) -> str:
    pad = len(width) if isinstance(width, str) else width
    if isinstance(pad, int) and len(s) + (s.count("\n") + 1) * pad > MAX_OUTPUT:
        raise TemplateLimit(f"indent would build more than {MAX_OUTPUT:,} characters")
    return str(do_indent(s, width, first, blank))


@pass_environment
def _wordwrap(environment: jinja2.Environment, s: str, width: int = 79,
              break_long_words: bool = True, wrapstring: str | None = None,
              break_on_hyphens: bool = True) -> str:
    s = str(s)
    if len(s) > _MAX_SLOW_TEXT:
        raise TemplateLimit(f"wordwrap of {len(s):,} characters (at most {_MAX_SLOW_TEXT:,})")
    if not isinstance(width, int) or width < 1:
        raise TemplateLimit(f"wordwrap width {width!r} must be a positive number")
    lines = len(s) // width + s.count(" ") + s.count("\n") + 1
    if len(s) + lines * len(wrapstring or environment.newline_sequence) > MAX_OUTPUT:
        raise TemplateLimit(f"wordwrap would build more than {MAX_OUTPUT:,} characters")
    longest = max(map(len, s.split()), default=0)
    if break_long_words and longest > width and longest * longest // width > _MAX_WRAP_WORK:
        raise TemplateLimit(f"wordwrap of a {longest:,}-character word at width {width} "
                            "would take too long")
    return str(do_wordwrap(environment, s, width, break_long_words, wrapstring,
                           break_on_hyphens))


@pass_eval_context
def _urlize(eval_ctx: EvalContext, value: str, *args: Any, **kwargs: Any) -> str:
    if len(str(value)) > _MAX_SLOW_TEXT:
        raise TemplateLimit(f"urlize of {len(str(value)):,} characters "
                            f"(at most {_MAX_SLOW_TEXT:,})")
    return str(do_urlize(eval_ctx, value, *args, **kwargs))


@pass_environment
def _sum(environment: jinja2.Environment, iterable: Iterable[Any],
         attribute: str | int | None = None, start: Any = 0) -> Any:
    if not isinstance(start, list | tuple):
        return sync_do_sum(environment, iterable, attribute, start)
    # Adding lists one by one copies the growing list each time: join them in one go instead.
    if attribute is not None:
        iterable = map(make_attrgetter(environment, attribute), iterable)
    items = list(iterable)
    if not all(isinstance(item, type(start)) for item in items):
        raise TypeError(f"can only add {type(start).__name__}s to a "
                        f"{type(start).__name__} start")
    size = len(start) + sum(len(item) for item in items)
    if size > MAX_ITEMS:
        raise TemplateLimit(f"sum would build {size:,} items (at most {MAX_ITEMS:,})")
    return type(start)(itertools.chain(start, *items))


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
