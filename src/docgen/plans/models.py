"""The plan model: phase execution plans as headings and GitHub task items.

Built by :mod:`docgen.plans.parser`; read by the progress renderers and plan lint.
``to_dict`` gives the JSON shape ``docgen progress --format json`` documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple

from docgen.diagnostics import Diagnostic


class TaskItem(NamedTuple):
    """One ``- [ ]``/``- [x]`` item; ``depth`` is 0 for top-level list items.

    A named tuple rather than a frozen dataclass: plans hold a hundred thousand of
    these in large repositories, and tuple construction is several times cheaper.
    """

    text: str
    checked: bool
    line: int
    depth: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "checked": self.checked, "line": self.line}


class _Counted:
    """``done``/``total`` of everything :meth:`all_items` returns."""

    __slots__ = ()

    def all_items(self) -> list[TaskItem]:
        raise NotImplementedError

    @property
    def done(self) -> int:
        return sum(1 for i in self.all_items() if i.checked)

    @property
    def total(self) -> int:
        return len(self.all_items())


@dataclass(frozen=True, slots=True)
class Section(_Counted):
    """A heading and the task items written directly under it (not in subsections)."""

    title: str
    level: int
    line: int
    items: tuple[TaskItem, ...] = ()
    subsections: tuple[Section, ...] = ()
    blocks: int = 0
    """Block elements (paragraphs, lists, code, tables…) written directly under it."""

    @property
    def is_empty(self) -> bool:
        return self.blocks == 0 and not self.subsections

    def all_items(self) -> list[TaskItem]:
        out = list(self.items)
        for sub in self.subsections:
            out.extend(sub.all_items())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "line": self.line,
            "done": self.done,
            "total": self.total,
            "items": [i.to_dict() for i in self.all_items()],
        }


@dataclass(frozen=True, slots=True)
class BadMarker:
    """Text that looks like a task item but is not one (``-[x]``, ``- [ x]``)."""

    line: int
    text: str
    hint: str


@dataclass(frozen=True, slots=True)
class Plan(_Counted):
    """A parsed plan file. ``path`` is relative to the analysed root (POSIX)."""

    path: str
    title: str
    phase: int | None
    phase_name: str | None
    preamble: tuple[TaskItem, ...]
    sections: tuple[Section, ...]
    claims: tuple[tuple[str, bool], ...] = ()
    bad_markers: tuple[BadMarker, ...] = ()
    source: str = field(default="", repr=False, compare=False)
    """The file's text, kept for checks that need more than the model (plan lint)."""
    problems: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """What reading the file found (``DG001``: not UTF-8); reported by plan lint."""

    def all_items(self) -> list[TaskItem]:
        out = list(self.preamble)
        for s in self.sections:
            out.extend(s.all_items())
        return out

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def status(self) -> str:
        """``complete``/``active`` as the plan claims, else derived from its items."""
        claimed = dict(self.claims)
        if claimed.get("complete"):
            return "complete"
        if claimed.get("active"):
            return "active"
        if not self.total:
            return "no checklist"
        if self.done == self.total:
            return "done"
        return "in progress" if self.done else "not started"

    def progress_sections(self) -> list[Section]:
        """The rows a progress table shows: sections that hold task items.

        A plan with one H1 title shows its H2 sections; a flat plan its top sections.
        """
        rows: list[Section] = []
        for s in self.sections:
            if s.level == 1 and s.subsections:
                rows.extend(x for x in s.subsections if x.total)
                if s.items:
                    rows.append(Section(s.title, s.level, s.line, s.items, blocks=s.blocks))
            elif s.total:
                rows.append(s)
        return rows

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "title": self.title,
            "phase": self.phase,
            "claims": dict(self.claims),
            "done": self.done,
            "total": self.total,
            "sections": [s.to_dict() for s in self.progress_sections()],
        }


def percent(done: int, total: int) -> int:
    """Whole percent, floored so that 99.6 % never shows as 100 %."""
    return (done * 100) // total if total else 0
