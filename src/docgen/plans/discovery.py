"""Which Markdown files are plans: configurable globs over the docs tree."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docgen.plans.models import Plan
from docgen.plans.parser import load_plan

DEFAULT_PLAN_GLOBS: tuple[str, ...] = (
    "docs/plans/**/*.md",
    "docs/**/*EXECUTION_PLAN*.md",
    "docs/**/*MASTERPLAN*.md",
)


def find_plans(root: Path, globs: Iterable[str] = DEFAULT_PLAN_GLOBS) -> list[Path]:
    """Plan files under ``root`` matching any glob, sorted, each once."""
    found: set[Path] = set()
    for pattern in globs:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def load_plans(root: Path, globs: Iterable[str] = DEFAULT_PLAN_GLOBS) -> list[Plan]:
    """Parse every plan file; plans are sorted by phase, then path."""
    plans = [load_plan(p, root) for p in find_plans(root, globs)]
    return sorted(plans, key=lambda p: (p.phase is None, p.phase or 0, p.path))
