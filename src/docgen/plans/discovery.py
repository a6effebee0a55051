"""Which Markdown files are plans: configurable globs over the docs tree."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docgen.collector import collector_paused
from docgen.parallel import map_chunks
from docgen.plans.models import BadMarker, Plan, Section, TaskItem
from docgen.plans.status import Declaration

PARALLEL_PLANS = 200
"""From this many plan files on, they are parsed by worker processes."""


def default_plan_globs(docs_dir: str = "docs") -> tuple[str, ...]:
    """Where plans are without configuration: ``plans/``, execution plans and
    masterplans anywhere in the docs directory (``docs_dir``, root-relative)."""
    docs = docs_dir.strip("/") or "."
    return (
        f"{docs}/plans/**/*.md",
        f"{docs}/**/*EXECUTION_PLAN*.md",
        f"{docs}/**/*MASTERPLAN*.md",
    )


DEFAULT_PLAN_GLOBS: tuple[str, ...] = default_plan_globs()


def find_plans(root: Path, globs: Iterable[str] = DEFAULT_PLAN_GLOBS) -> list[Path]:
    """Plan files under ``root`` matching any glob, sorted, each once."""
    found: set[Path] = set()
    for pattern in globs:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(found)


def load_plans(root: Path, globs: Iterable[str] = DEFAULT_PLAN_GLOBS) -> list[Plan]:
    """Parse every plan file; plans are sorted by phase, then path.

    Many plans are parsed by worker processes (:mod:`docgen.parallel`), which
    send each back as plain tuples: pickling the model's objects would cost as
    much as parsing them.
    """
    names = [p.as_posix() for p in find_plans(root, globs)]
    with collector_paused():
        plans = map_chunks(_load, root.resolve(), names, PARALLEL_PLANS, (_pack, _unpack))
    return sorted(plans, key=lambda p: (p.phase is None, p.phase or 0, p.path))


def _load(root: Path, files: Sequence[str]) -> list[Plan]:
    from docgen.plans.parser import load_plan  # Markdown parsing, only when plans are read

    return [load_plan(Path(f), root) for f in files]


def _pack(plan: Plan) -> tuple[Any, ...]:
    return (
        plan.path,
        plan.title,
        plan.phase,
        plan.phase_name,
        _pack_items(plan.preamble),
        tuple(_pack_section(s) for s in plan.sections),
        plan.claims,
        tuple((b.line, b.text, b.hint) for b in plan.bad_markers),
        plan.source,
        plan.problems,
        tuple(_pack_declaration(d) for d in plan.declarations),
    )


def _pack_declaration(d: Declaration) -> tuple[Any, ...]:
    return (d.state, d.line, d.text, d.phase, d.strength, d.follow_up)


def _pack_items(items: tuple[TaskItem, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(map(tuple, items))


def _pack_section(s: Section) -> tuple[Any, ...]:
    subsections = tuple(_pack_section(x) for x in s.subsections)
    return (s.title, s.level, s.line, _pack_items(s.items), subsections, s.blocks, s.follow_up)


def _unpack(t: tuple[Any, ...]) -> Plan:
    path, title, phase, phase_name, preamble, sections, claims, bad, source, problems, said = t
    return Plan(
        path,
        title,
        phase,
        phase_name,
        tuple(map(TaskItem._make, preamble)),
        tuple(map(_unpack_section, sections)),
        claims,
        tuple(BadMarker(*b) for b in bad),
        source,
        problems,
        tuple(Declaration(*d) for d in said),
    )


def _unpack_section(t: tuple[Any, ...]) -> Section:
    title, level, line, items, subsections, blocks, follow_up = t
    return Section(
        title,
        level,
        line,
        tuple(map(TaskItem._make, items)),
        tuple(map(_unpack_section, subsections)),
        blocks,
        follow_up,
    )
