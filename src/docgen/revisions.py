"""Naming revisions: anything ``git rev-parse`` accepts, plus ``phase:N``.

``phase:N`` is the first commit at which phase N's plan had every checklist item
done (``done == total``), read from the plan's own git history (the one behind the
burn-up charts, renames followed). Plans are found in the working tree with the
project's plan globs, or, in a clone without a checkout, in ``HEAD``'s tree.

One :class:`Revisions` per command or build: it lists the plans once and reads
each plan's history once, however many revisions are named.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from docgen.git import GitError, Repo, UnknownRevisionError

if TYPE_CHECKING:
    from docgen.elixir.models import Analysis
    from docgen.elixir.syntax import ParseCache
    from docgen.plans.history import History

WORKTREE = "worktree"
_PHASE = re.compile(r"phase:(\d+)", re.IGNORECASE)

PlanPhase = tuple[str, int | None]
"""A plan's path (relative to the project root) and its phase."""


@dataclass(frozen=True, slots=True)
class Resolved:
    """A revision as asked for (``label``) and the commit it names."""

    label: str
    commit: str


class PhaseNotCompleteError(UnknownRevisionError):
    """``phase:N`` names a phase whose plan never reached done == total."""


@dataclass(frozen=True, slots=True)
class Span:
    """What a phase did: from ``since`` to ``until`` (``None``: the empty repository;
    ``until`` ``None``: the working tree, as the phase is not done yet), in words."""

    since: Resolved | None
    until: Resolved | None
    words: str


class Revisions:
    """The revisions of ``repo`` a project names; ``root`` is the project's root
    and ``plans`` its plans when the caller has read them already."""

    def __init__(
        self,
        repo: Repo,
        root: Path,
        plan_globs: Sequence[str],
        plans: Sequence[PlanPhase] | None = None,
    ) -> None:
        self.repo = repo
        self.root = root
        self.plan_globs = tuple(plan_globs)
        if plans is not None:
            self.__dict__["plans"] = list(plans)
        self._histories: dict[str, History] = {}

    def resolve(self, rev: str) -> Resolved:
        """The commit ``rev`` names."""
        match = _PHASE.fullmatch(rev.strip())
        if match is None:
            return Resolved(rev, self.repo.commit(rev))
        return Resolved(rev, self.phase_commit(int(match.group(1))))

    def analysis(
        self, rev: str, path: str, cache: ParseCache | None = None, missing_ok: bool = False
    ) -> tuple[Analysis, str]:
        """The analysis of ``path`` (relative to the top level) at ``rev``, and the
        commit; ``missing_ok``: a folder that did not exist yet held no application."""
        from docgen.elixir.revision import analyse_commit

        commit = self.resolve(rev).commit
        return analyse_commit(self.repo, commit, path, cache, missing_ok), commit

    @cached_property
    def plans(self) -> list[PlanPhase]:
        """Each plan and its phase: the working tree's plans, or ``HEAD``'s when
        nothing is checked out."""
        from docgen.plans import load_plans

        found = [(p.path, p.phase) for p in load_plans(self.root, self.plan_globs)]
        return found or self._committed_plans()

    def _committed_plans(self) -> list[PlanPhase]:
        from docgen.plans.parser import parse_plan

        repo = self.repo
        try:
            head = repo.commit("HEAD")
            base = repo.relative(self.root)
            entries = [
                e
                for e in repo.files(head, base)
                if not e.is_symlink and _matches(e.path, self.plan_globs)
            ]
            contents = repo.blobs(e.oid for e in entries)
        except GitError:
            return []
        out = [
            (e.path, parse_plan(contents[e.oid].decode("utf-8", errors="replace"), e.path).phase)
            for e in entries
            if e.oid in contents
        ]
        return sorted(out)

    def history(self, path: str) -> History:
        from docgen.plans.history import plan_history

        known = self._histories.get(path)
        if known is None:
            known = self._histories[path] = plan_history(self.root, path)
        return known

    def phase_commit(self, phase: int) -> str:
        """The first commit at which phase ``phase``'s plan had all its items done."""
        mine = [path for path, number in self.plans if number == phase]
        if not mine:
            known = sorted({n for _, n in self.plans if n is not None})
            found = ", ".join(f"phase:{n}" for n in known) or "none"
            raise UnknownRevisionError(
                f"phase:{phase}: no plan of phase {phase} among the plan files "
                f"({', '.join(self.plan_globs)}); phases with a plan: {found}"
            )
        reasons = []
        for path in mine:
            history = self.history(path)
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

    def phase_span(self, phase: int) -> Span:
        """From the completion of phase ``phase - 1`` (or, without such a plan, from
        just before phase ``phase``'s plan was first committed) to the completion of
        phase ``phase`` (or the working tree while it is in progress)."""
        mine = sorted(path for path, number in self.plans if number == phase)
        if not mine:
            raise UnknownRevisionError(f"no plan of phase {phase} among the plan files")
        try:
            done = self.phase_commit(phase)
            until: Resolved | None = Resolved(f"phase:{phase}", done)
            end = f"the completion of Phase {phase} ({done[:8]})"
        except PhaseNotCompleteError:
            until, end = None, "the working tree (the phase is not complete yet)"
        if any(number == phase - 1 for _, number in self.plans):
            try:
                before = self.phase_commit(phase - 1)
            except PhaseNotCompleteError:
                pass  # the previous phase never completed: from the start of this one
            else:
                start = f"the completion of Phase {phase - 1} ({before[:8]})"
                since = Resolved(f"phase:{phase - 1}", before)
                return Span(since, until, f"From {start} to {end}.")
        history = self.history(mine[0])
        if not history.points:
            raise GitError(f"{mine[0]}: {history.note or 'no committed history'}")
        first = history.points[0].commit
        try:
            parent = self.repo.commit(f"{first}^")
        except UnknownRevisionError:
            if history.shallow:
                raise
            return Span(None, until, f"From the first commit, which added the plan to {end}.")
        start = f"just before the plan ({first[:8]})"
        return Span(Resolved(f"{first[:8]}^", parent), until, f"From {start} to {end}.")


def resolve(repo: Repo, rev: str, root: Path, plan_globs: Sequence[str]) -> Resolved:
    """The commit ``rev`` names; ``phase:N`` through the plans under ``root``."""
    return Revisions(repo, root, plan_globs).resolve(rev)


def _matches(path: str, globs: Sequence[str]) -> bool:
    """Whether ``path`` matches a plan glob (``**/`` also matching no folder)."""
    for pattern in globs:
        if fnmatch.fnmatchcase(path, pattern) or fnmatch.fnmatchcase(
            path, pattern.replace("**/", "")
        ):
            return True
    return False
