"""Plans against each other: the masterplan's phase sections, phase plans, dependencies.

======  ========  =============================================================
DG210   warning   the masterplan's section for phase N and phase N's plan disagree
                  on whether the phase is done (which one looks stale is said)
DG211   warning   a checked "Dependencies" item names a phase whose plan is not
                  complete
DG212   warning   a plan declared complete depends on a phase whose plan is not
======  ========  =============================================================

A masterplan is a plan without a phase of its own that has sections headed
``Phase N …``. A section is *done* when all its items (follow-ups aside) are checked
or it is declared complete (``✅``/``(complete)`` in its heading, a ``Status:`` line
in it, "Phase N is complete." anywhere in the masterplan); *open* when items are
unchecked or it is declared in progress; else it says nothing and is not compared.
A phase plan is done when its status is ``complete``
(:attr:`docgen.plans.models.Plan.status`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.plans.models import Plan, Section, TaskItem, walk_sections
from docgen.plans.status import COMPLETE, Declaration

_SECTION = re.compile(r"^\W*phase\s*(\d+)\b", re.I)
_DONE_HEADING = re.compile(
    r"(?:✅|✔|\((?:complete|completed|done|finished)\)|\[(?:complete|completed|done|x)\]|"
    r"[–—:-]\s*(?:complete|completed|done|finished)\s*$)",
    re.I,
)
_DEPENDENCIES = re.compile(
    r"dependenc|prerequisite|depends\s+on|requires|required\s+before|blocked\s+by|"
    r"entry\s+criteria|before\s+(?:we\s+)?start",
    re.I,
)
_MENTION = re.compile(r"\bphases?\s*(\d+)\b", re.I)


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement: the diagnostic, and a few words for the roadmap's column."""

    plan: str
    diagnostic: Diagnostic
    summary: str


def cross_plan(plans: Sequence[Plan]) -> list[Finding]:
    """Every disagreement between ``plans``, in plan and line order."""
    primary = _primary_plans(plans)
    found: list[Finding] = []
    for master in plans:
        if master.phase is not None:
            continue
        for section in _phase_sections(master):
            number = int(_SECTION.match(section.title).group(1))  # type: ignore[union-attr]
            plan = primary.get(number)
            if plan is not None and plan.path != master.path:
                found.extend(_against_master(master, section, number, plan))
    for plan in primary.values():
        found.extend(_dependencies(plan, primary))
    return sorted(found, key=lambda f: (f.plan, f.diagnostic.sort_key()))


def cross_plan_diagnostics(plans: Sequence[Plan]) -> list[Diagnostic]:
    return [f.diagnostic for f in cross_plan(plans)]


def _primary_plans(plans: Iterable[Plan]) -> dict[int, Plan]:
    """Per phase, its plan: the one with the most items (then the first path)."""
    best: dict[int, Plan] = {}
    for plan in sorted(plans, key=lambda p: p.path):
        if plan.phase is None:
            continue
        known = best.get(plan.phase)
        if known is None or plan.total > known.total:
            best[plan.phase] = plan
    return best


def _phase_sections(plan: Plan) -> list[Section]:
    out: list[Section] = []
    stack = list(reversed(plan.sections))
    while stack:
        section = stack.pop()
        if _SECTION.match(section.title) and not section.follow_up:
            out.append(section)
            continue  # its subsections are its tasks and exit items
        stack.extend(reversed(section.subsections))
    return out


@dataclass(frozen=True, slots=True)
class _State:
    done: bool
    line: int
    words: str


def _section_state(master: Plan, section: Section, number: int) -> _State | None:
    items = _core(section)
    end = _section_end(master, section)
    said = [
        d
        for d in master.declarations
        if not d.follow_up
        and (
            (section.line <= d.line < end and d.phase in (None, number))
            or (d.phase == number and d.strength == 0)
        )
    ]
    if _DONE_HEADING.search(section.title):
        return _State(True, section.line, f"its heading says done ({section.title!r})")
    declared = max(said, key=lambda d: (d.strength, d.state == COMPLETE), default=None)
    if declared is not None and declared.state == COMPLETE:
        return _State(True, declared.line, f"it says {declared.text!r}")
    if items:
        open_ = [i for i in items if not i.checked]
        if not open_:
            return _State(True, section.line, f"all its {len(items)} items are checked")
        if declared is None:
            return _State(False, open_[0].line, f"{len(open_)} of its {len(items)} items are open")
    if declared is not None:
        return _State(False, declared.line, f"it says {declared.text!r}")
    return None


def _core(section: Section) -> list[TaskItem]:
    out = list(section.items)
    for sub in section.subsections:
        if not sub.follow_up:
            out.extend(_core(sub))
    return out


def _section_end(plan: Plan, section: Section) -> int:
    """The line of the next heading at ``section``'s level or above (or a big number)."""
    later = [
        s.line
        for s in walk_sections(plan.sections)
        if s.line > section.line and s.level <= section.level
    ]
    return min(later, default=10**9)


def _plan_state(plan: Plan) -> _State:
    declared = plan.declaration()
    line = declared.line if declared is not None else _title_line(plan)
    core = plan.core_items()
    done = sum(1 for i in core if i.checked)
    if plan.status == COMPLETE:
        how = f"says {declared.text!r}" if declared is not None else f"has all {len(core)} done"
        return _State(True, line, f"is complete ({how})")
    return _State(False, line, f"is {plan.status} ({done} of {len(core)} items done)")


def _title_line(plan: Plan) -> int:
    return plan.sections[0].line if plan.sections else 1


def _against_master(master: Plan, section: Section, number: int, plan: Plan) -> list[Finding]:
    theirs = _section_state(master, section, number)
    if theirs is None:
        return []
    mine = _plan_state(plan)
    if theirs.done == mine.done:
        return []
    where = f"{master.path}:{theirs.line}"
    title = section.title
    if mine.done:
        message = (
            f"phase {number}: {plan.path} {mine.words}, but the masterplan's section "
            f"{title!r} ({where}) is not done: {theirs.words}; the masterplan looks stale"
        )
        hint = f"tick the section's items in {master.path} or mark it complete, or reopen the plan"
        summary = f"masterplan section still open ({where})"
    else:
        message = (
            f"phase {number}: the masterplan's section {title!r} ({where}) is done "
            f"({theirs.words}), but {plan.path} {mine.words}; the plan looks stale"
        )
        hint = "tick the plan's finished items or declare it complete, or reopen the section"
        summary = f"masterplan says done ({where})"
    diagnostic = Diagnostic(
        "DG210", Severity.WARNING, Location(plan.path, mine.line), message, hint
    )
    return [Finding(plan.path, diagnostic, summary)]


def _dependencies(plan: Plan, primary: dict[int, Plan]) -> list[Finding]:
    found: list[Finding] = []
    declared = plan.declaration()
    declared_complete = declared is not None and declared.state == COMPLETE
    for section in walk_sections(plan.sections):
        if not _DEPENDENCIES.search(section.title):
            continue
        for item in section.items:
            for number in sorted({int(n) for n in _MENTION.findall(item.text)}):
                other = primary.get(number)
                if number == plan.phase or other is None or other.status == COMPLETE:
                    continue
                state = _plan_state(other)
                if item.checked:
                    message = (
                        f"checked dependency {item.text!r} names phase {number}, but "
                        f"{other.path} {state.words}"
                    )
                    hint = f"uncheck the dependency, or bring {other.path} up to date"
                    found.append(
                        Finding(
                            plan.path,
                            Diagnostic(
                                "DG211",
                                Severity.WARNING,
                                Location(plan.path, item.line),
                                message,
                                hint,
                            ),
                            f"dependency on phase {number} ticked, phase {number} {other.status}",
                        )
                    )
                if declared_complete and declared is not None:
                    found.append(_complete_before(plan, declared, item, number, other, state))
    return found


def _complete_before(
    plan: Plan, declared: Declaration, item: TaskItem, number: int, other: Plan, state: _State
) -> Finding:
    message = (
        f"{plan.path} is declared complete ({declared.text!r}) but depends on phase "
        f"{number} (line {item.line}: {item.text!r}), and {other.path} {state.words}"
    )
    return Finding(
        plan.path,
        Diagnostic(
            "DG212",
            Severity.WARNING,
            Location(plan.path, declared.line),
            message,
            f"finish phase {number} first, or bring {other.path} up to date",
        ),
        f"complete before phase {number} ({other.status})",
    )
