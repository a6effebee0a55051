"""Naming revisions: anything ``git rev-parse`` accepts, plus ``phase:N``.

``phase:N`` is the first commit at which phase N's plan had every checklist item
done (``done == total``), read from the plan's own git history (the one behind the
burn-up charts, renames followed). Plans are found in the working tree with the
project's plan globs, or, in a clone without a checkout, in ``HEAD``'s tree.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docgen.git import GitError, Repo, UnknownRevisionError

WORKTREE = "worktree"
_PHASE = re.compile(r"phase:(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Resolved:
    """A revision as asked for (``label``) and the commit it names."""

    label: str
    commit: str


class PhaseNotCompleteError(UnknownRevisionError):
    """``phase:N`` names a phase whose plan never reached done == total."""


def resolve(repo: Repo, rev: str, root: Path, plan_globs: Sequence[str]) -> Resolved:
    """The commit ``rev`` names; ``phase:N`` through the plans under ``root``."""
    match = _PHASE.fullmatch(rev.strip())
    if match is None:
        return Resolved(rev, repo.commit(rev))
    return Resolved(rev, phase_commit(repo, int(match.group(1)), root, plan_globs))


def phase_commit(repo: Repo, phase: int, root: Path, plan_globs: Sequence[str]) -> str:
    from docgen.plans.history import plan_history

    plans = phase_plans(repo, root, plan_globs)
    mine = [path for path, number in plans if number == phase]
    if not mine:
        known = sorted({n for _, n in plans if n is not None})
        found = ", ".join(f"phase:{n}" for n in known) or "none"
        raise UnknownRevisionError(
            f"phase:{phase}: no plan of phase {phase} among the plan files "
            f"({', '.join(plan_globs)}); phases with a plan: {found}"
        )
    reasons = []
    for path in mine:
        history = plan_history(root, path)
        for point in history.points:
            if point.total > 0 and point.done == point.total:
                return point.commit
        if history.points:
            last = history.points[-1]
            reasons.append(
                f"{path} never had all its items done in its history "
                f"(last committed: {last.done}/{last.total})"
            )
        else:
            reasons.append(f"{path}: {history.note or 'no history'}")
    raise PhaseNotCompleteError(f"phase:{phase} never completed: " + "; ".join(reasons))


def phase_plans(repo: Repo, root: Path, plan_globs: Sequence[str]) -> list[tuple[str, int | None]]:
    """``(path relative to root, phase)`` of each plan: the working tree's plans, or
    ``HEAD``'s when nothing is checked out."""
    from docgen.plans import load_plans
    from docgen.plans.parser import parse_plan

    found = [(p.path, p.phase) for p in load_plans(root, plan_globs)]
    if found:
        return found
    try:
        head = repo.commit("HEAD")
        base = repo.relative(root)
        entries = repo.files(head, base)
    except GitError:
        return []
    out: list[tuple[str, int | None]] = []
    for entry in entries:
        if entry.is_symlink or not _matches(entry.path, plan_globs):
            continue
        data = repo.blob_at(head, f"{base}/{entry.path}" if base else entry.path)
        if data is None:
            continue
        plan = parse_plan(data.decode("utf-8", errors="replace"), entry.path)
        out.append((entry.path, plan.phase))
    return sorted(out)


def _matches(path: str, globs: Sequence[str]) -> bool:
    """Whether ``path`` matches a plan glob (``**/`` also matching no folder)."""
    for pattern in globs:
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(
            path, pattern.replace("**/", "")
        ):
            return True
    return False


@dataclass(frozen=True, slots=True)
class Span:
    """What a phase did: from ``since`` to ``until`` (``None``: the empty repository;
    ``until`` ``None``: the working tree, as the phase is not done yet), in words."""

    since: Resolved | None
    until: Resolved | None
    words: str


def phase_span(repo: Repo, phase: int, root: Path, plan_globs: Sequence[str]) -> Span:
    """From the completion of phase ``phase - 1`` (or, without such a plan, from just
    before phase ``phase``'s plan was first committed) to the completion of phase
    ``phase`` (or the working tree while it is in progress)."""
    from docgen.plans.history import plan_history

    plans = phase_plans(repo, root, plan_globs)
    mine = sorted(path for path, number in plans if number == phase)
    if not mine:
        raise UnknownRevisionError(f"no plan of phase {phase} among the plan files")
    try:
        done = phase_commit(repo, phase, root, plan_globs)
        until: Resolved | None = Resolved(f"phase:{phase}", done)
        end = f"the completion of Phase {phase} ({done[:8]})"
    except PhaseNotCompleteError:
        until, end = None, "the working tree (the phase is not complete yet)"
    if any(number == phase - 1 for _, number in plans):
        try:
            before = phase_commit(repo, phase - 1, root, plan_globs)
        except PhaseNotCompleteError:
            pass  # the previous phase never completed: from the start of this one
        else:
            start = f"the completion of Phase {phase - 1} ({before[:8]})"
            return Span(Resolved(f"phase:{phase - 1}", before), until, f"From {start} to {end}.")
    history = plan_history(root, mine[0])
    if not history.points:
        raise GitError(f"{mine[0]}: {history.note or 'no committed history'}")
    first = history.points[0].commit
    try:
        parent = repo.commit(f"{first}^")
    except UnknownRevisionError:
        if history.shallow:
            raise
        since, start = None, "the first commit, which added the plan"
    else:
        since, start = Resolved(f"{first[:8]}^", parent), f"just before the plan ({first[:8]})"
    return Span(since, until, f"From {start} to {end}.")
