"""The text packages are layered: document ← quotes; anchors stands alone; safe_text is a leaf."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

READER = Path(__file__).resolve().parents[2] / "reader"

# package -> the reader packages it may import (besides itself)
ALLOWED = {
    "document": set(),
    "anchors": set(),
    "quotes": {"document", "safe_text"},
}


def _reader_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out: set[str] = set()
    for node in ast.walk(tree):
        mods: list[str] = []
        if isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            mods = [node.module]
        for m in mods:
            parts = m.split(".")
            if parts[0] == "reader" and len(parts) > 1:
                out.add(parts[1])
    return out


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_package_imports_only_lower_layers(package: str) -> None:
    offenders = {}
    for path in (READER / package).rglob("*.py"):
        bad = _reader_imports(path) - ALLOWED[package] - {package}
        if bad:
            offenders[path.name] = sorted(bad)
    assert offenders == {}


def test_old_flat_text_package_is_gone() -> None:
    assert not (READER / "text").exists()
