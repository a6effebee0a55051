"""The plan model: phase execution plans as headings and GitHub task items.

Built by :mod:`docgen.plans.parser`; read by the progress renderers and plan lint.
``to_dict`` gives the JSON shape ``docgen progress --format json`` documents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from docgen.diagnostics import Diagnostic
from docgen.plans.status import COMPLETE, IN_PROGRESS, NOT_STARTED, Declaration


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
    follow_up: bool = False
    """Work for after the phase ("Next Steps", "Follow-ups"), by its own or a parent's
    heading: counted in ``follow_ups``, not in what the phase itself must finish."""

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
    declarations: tuple[Declaration, ...] = ()
    """What the plan says of its state in words (see :mod:`docgen.plans.status`)."""

    def all_items(self) -> list[TaskItem]:
        out = list(self.preamble)
        for s in self.sections:
            out.extend(s.all_items())
        return out

    def follow_up_items(self) -> list[TaskItem]:
        """Items in follow-up sections ("Next Steps", "Follow-ups", "Later"…)."""
        out: list[TaskItem] = []
        stack = list(self.sections)
        while stack:
            section = stack.pop()
            if section.follow_up:
                out.extend(section.all_items())
            else:
                stack.extend(section.subsections)
        return sorted(out, key=lambda i: i.line)

    def core_items(self) -> list[TaskItem]:
        """The items the phase itself has to finish: all but the follow-ups."""
        later = {i.line for i in self.follow_up_items()}
        return [i for i in self.all_items() if i.line not in later]

    @property
    def follow_ups(self) -> tuple[int, int]:
        """``(done, total)`` of the follow-up items."""
        items = self.follow_up_items()
        return sum(1 for i in items if i.checked), len(items)

    def declaration(self) -> Declaration | None:
        """What the plan declares of its own state: a checked Status claim "Phase N
        complete"; else a completion said in words (front matter ``status:``, a
        ``Status:`` line, then a sentence such as "Phase 3 is complete."), which
        outweighs a Status box left "active"; else that box; else the strongest
        other statement. Statements in follow-up sections, or about another phase,
        do not count."""
        claimed = dict(self.claims)
        if claimed.get("complete"):
            return Declaration(COMPLETE, self._claim_line("complete"), "complete", self.phase, 3)
        mine = [d for d in self.declarations if not d.follow_up and d.phase in (None, self.phase)]
        completions = [d for d in mine if d.state == COMPLETE]
        if completions:  # a completion said in words outweighs a box left "active"
            return max(completions, key=lambda d: (d.strength, -d.line))
        if claimed.get("active"):
            return Declaration(IN_PROGRESS, self._claim_line("active"), "active", self.phase, 3)
        if not mine:
            return None
        return max(mine, key=lambda d: (d.strength, -d.line))

    def _claim_line(self, word: str) -> int:
        for section in walk_sections(self.sections):
            if section.title.strip().lower() == "status":
                for item in section.all_items():
                    if word in item.text.lower() and item.checked:
                        return item.line
        return 1

    @property
    def percent(self) -> int:
        return percent(self.done, self.total)

    @property
    def status(self) -> str:
        """``complete``, ``in progress`` or ``not started``: what the plan declares
        (:meth:`declaration`) together with its checklist outside follow-up sections.

        Declared complete is complete (open items outside follow-ups are ``DG201``);
        declared in progress stays in progress; declared not started is in progress
        as soon as an item is done. Undeclared: complete when every item it has to
        finish is done, not started when none is (or it has none), else in progress.
        """
        declared = self.declaration()
        core = self.core_items()
        done = sum(1 for i in core if i.checked)
        if declared is not None:
            if declared.state == COMPLETE:
                return COMPLETE
            if declared.state == IN_PROGRESS:
                return IN_PROGRESS
            return IN_PROGRESS if done else NOT_STARTED
        if core and done == len(core):
            return COMPLETE
        return IN_PROGRESS if done else NOT_STARTED

    @property
    def status_label(self) -> str:
        """``complete · 2 follow-ups open`` for the roadmap."""
        done, total = self.follow_ups
        open_ = total - done
        if not open_:
            return self.status
        return f"{self.status} · {open_} follow-up{'s' if open_ != 1 else ''} open"

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
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "follow_ups": {"done": self.follow_ups[0], "total": self.follow_ups[1]},
            "sections": [s.to_dict() for s in self.progress_sections()],
        }


def walk_sections(sections: Iterable[Section]) -> list[Section]:
    """Every section and subsection, in document order (iteratively: headings nest
    as deep as a document likes)."""
    out: list[Section] = []
    stack = list(reversed(list(sections)))
    while stack:
        section = stack.pop()
        out.append(section)
        stack.extend(reversed(section.subsections))
    return out


def percent(done: int, total: int) -> int:
    """Whole percent, floored so that 99.6 % never shows as 100 %."""
    return (done * 100) // total if total else 0
