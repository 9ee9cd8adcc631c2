"""The run's outputs: a Markdown table for people, a JSON list for machines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.results import Result


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _met(result: Result) -> str:
    if result.skipped:
        return "skipped"
    return {True: "met", False: "**missed**", None: "—"}[result.met]


def markdown_table(results: list[Result]) -> str:
    """Return the results as a Markdown table, notes in the last column."""
    lines = [
        "| metric | readmark | baseline | baseline figure | ratio | target | met | note |",
        "|---|---:|---|---:|---:|---|---|---|",
    ]
    for r in results:
        unit = f" {r.unit}" if r.value is not None else ""
        base_unit = f" {r.unit}" if r.baseline_value is not None else ""
        ratio = f"{r.ratio:.3g}×" if r.ratio is not None else "—"
        target = r.target.text if r.target else "—"
        note = (r.note or "").replace("|", "\\|")
        lines.append(f"| {r.metric} | {_num(r.value)}{unit} | {r.baseline} | "
                     f"{_num(r.baseline_value)}{base_unit} | {ratio} | {target} | {_met(r)} | "
                     f"{note} |")
    return "\n".join(lines)


def env_path(path: Path) -> Path:
    """Return where the environment goes for results at ``path``: ``NAME.env.json`` beside it."""
    return path.with_name(path.stem + ".env.json")


def write_json(path: Path, results: list[Result], env: dict[str, Any]) -> None:
    """Write the results list to ``path`` and the environment to ``env_path(path)``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([r.to_json() for r in results], indent=2, ensure_ascii=False)
                    + "\n", encoding="utf-8")
    env_path(path).write_text(json.dumps(env, indent=2) + "\n", encoding="utf-8")
