"""Helpers for the link-check tests: inline projects and diagnostic tuples."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from textwrap import dedent

from docgen.diagnostics import Diagnostic
from docgen.project import Project, load_project

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "sites"
Found = tuple[str, str, int, int]


def make_project(root: Path, files: Mapping[str, str], config: str | None = None) -> Project:
    """A project under ``root`` from ``{path: dedented text}`` and a ``mkdocs.yml`` body."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    if config is not None:
        (root / "mkdocs.yml").write_text("site_name: t\n" + dedent(config), encoding="utf-8")
    return load_project(root)


def found(diagnostics: Iterable[Diagnostic]) -> set[Found]:
    """(code, path, line, column) of each diagnostic."""
    return {
        (d.code, d.location.path, d.location.line, d.location.column)
        for d in diagnostics
        if d.location is not None
    }
