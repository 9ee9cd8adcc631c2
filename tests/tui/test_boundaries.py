"""Only ``reader/tui`` may import Textual."""

from __future__ import annotations

import ast
from pathlib import Path

READER = Path(__file__).resolve().parents[2] / "reader"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_textual_outside_tui() -> None:
    offenders = []
    for path in READER.rglob("*.py"):
        if "tui" in path.relative_to(READER).parts:
            continue
        if any(name == "textual" or name.startswith("textual.") for name in _imports(path)):
            offenders.append(str(path.relative_to(READER)))
    assert offenders == []


def test_tui_package_import_is_lazy() -> None:
    """``reader.tui`` itself (what the CLI imports) does not import Textual at module level."""
    assert not any(n.startswith("textual") for n in _imports(READER / "tui" / "__init__.py"))


def test_library_screen_does_not_load_the_text_engine() -> None:
    """The first paint must not wait for the text engine; it loads for the first article."""
    import subprocess
    import sys

    code = (
        "import sys, reader.tui.app, reader.tui.article_list, reader.tui.library_screen; "
        "print(any(m in sys.modules for m in ('reader.document', 'reader.quotes')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=READER.parent)
    assert out.stdout.strip() == "False"
