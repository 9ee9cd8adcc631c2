"""Component-class styles for Line API widgets (no text-engine imports: the list uses it)."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """Return only what component class ``name`` sets, with alpha colours blended.

    ``partial=True`` alone would drop alpha (``$boost`` would paint solid white), so colours
    come from the full style, which Textual blends over the widget's background.

    Args:
        widget: The widget that declares the component class.
        name: Component class name.

    Returns:
        A style with only the properties the class sets.
    """
    partial = widget.get_component_rich_style(name, partial=True)
    full = widget.get_component_rich_style(name)
    return partial.without_color + Style(
        color=full.color if partial.color is not None else None,
        bgcolor=full.bgcolor if partial.bgcolor is not None else None,
    )
