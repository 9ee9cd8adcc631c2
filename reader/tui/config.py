"""The TUI's settings: theme, side panel state and key remaps, kept in a small TOML file.

The file lives at ``reader.paths.config_path()``; it is read with ``tomllib`` and written by
hand (only strings, booleans and one ``[keys]`` table are needed). Example::

    theme = "textual-dark"
    quote_panel = true
    sync_dir = "~/Sync/readmark"

    [keys]
    "readmark.panel" = "P"
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_THEME = "textual-dark"


@dataclass
class Config:
    """Settings the app reads at start and writes when they change.

    Attributes:
        theme: Name of the Textual theme.
        quote_panel: Whether the reading screen shows the quotes side panel.
        sort: Library sort order.
        keys: Key remaps, binding id → key string (see ``reader.tui.keys``).
        sync_dir: Sync folder merged at start (``readmark sync --dir``), or ``None``.
        export_dir: Folder ``e`` and "Export everything" write to (default: ``readmark`` in
            the documents folder, see ``reader.tui.exporting.default_export_dir``).
        path: Where the settings are saved, or ``None`` to never save (tests).
    """

    theme: str = DEFAULT_THEME
    quote_panel: bool = False
    sort: str = "newest"
    keys: dict[str, str] = field(default_factory=dict)
    sync_dir: str | None = None
    export_dir: str | None = None
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None) -> Config:
        """Read settings from ``path``; missing or broken files give the defaults.

        Args:
            path: The TOML file, or ``None`` for in-memory defaults.

        Returns:
            The settings.
        """
        config = cls(path=path)
        if path is None or not path.is_file():
            return config
        import tomllib  # only when there is a file: startup does without it otherwise

        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            return config
        if isinstance(data.get("theme"), str):
            config.theme = data["theme"]
        if isinstance(data.get("quote_panel"), bool):
            config.quote_panel = data["quote_panel"]
        if isinstance(data.get("sort"), str):
            config.sort = data["sort"]
        if isinstance(data.get("sync_dir"), str) and data["sync_dir"].strip():
            config.sync_dir = data["sync_dir"]
        if isinstance(data.get("export_dir"), str) and data["export_dir"].strip():
            config.export_dir = data["export_dir"]
        keys = data.get("keys")
        if isinstance(keys, dict):
            config.keys = {str(k): v for k, v in keys.items() if isinstance(v, str)}
        return config

    def to_toml(self) -> str:
        """Return the settings as TOML text."""
        lines = [
            "# readmark settings (written by readmark; safe to edit)",
            f"theme = {_toml_str(self.theme)}",
            f"quote_panel = {'true' if self.quote_panel else 'false'}",
            f"sort = {_toml_str(self.sort)}",
        ]
        if self.sync_dir:
            lines.append(f"sync_dir = {_toml_str(self.sync_dir)}")
        if self.export_dir:
            lines.append(f"export_dir = {_toml_str(self.export_dir)}")
        if self.keys:
            lines += ["", "[keys]"]
            lines += [f"{_toml_str(k)} = {_toml_str(v)}" for k, v in sorted(self.keys.items())]
        return "\n".join(lines) + "\n"

    def save(self) -> None:
        """Write the settings atomically; does nothing when ``path`` is ``None``.

        Errors (read-only home, full disk) are swallowed: settings are a convenience.
        """
        if self.path is None:
            return
        import tempfile  # not needed before the first paint

        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".config-", suffix=".toml")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(self.to_toml())
            os.replace(tmp, self.path)
        except OSError:
            return


def _toml_str(value: str) -> str:
    """Quote ``value`` as a TOML basic string."""
    out = ['"']
    for char in value:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
