"""What changed in the supervision trees between two analyses (two revisions).

A child's identity across revisions is ``(otp_app, path, module, name)``, where
``path`` is the modules of its ancestors from the application module down to its
parent; children that share an identity are paired in source order. A paired child
is *changed* when one of :data:`COMPARED` differs (a child that only moved lines,
or files, is the same child), *added* or *removed* when it has no pair.

:func:`diff_analyses` gives the flat lists ``docgen diff --format json`` writes;
:class:`Marked` trees put removed children back where they were, for the text
diff and for diagrams that show what changed since a revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docgen.diagnostics import Diagnostic
from docgen.elixir.models import Analysis, Application, Child

COMPARED = (
    "kind",
    "strategy",
    "conditional",
    "id",
    "restart",
    "shutdown",
    "type",
    "max_restarts",
    "max_seconds",
    "blast_radius",
)
"""The fields whose change makes a child *changed*, as the tree JSON names them."""
SUPERVISOR_COMPARED = ("strategy", "name", "max_restarts", "max_seconds")

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"

Key = tuple[str, tuple[str | None, ...], str | None, str | None]


@dataclass(frozen=True, slots=True)
class Node:
    """A child at its place: application and the modules of its ancestors."""

    otp_app: str
    path: tuple[str | None, ...]
    child: Child

    @property
    def key(self) -> Key:
        return (self.otp_app, self.path, self.child.module, self.child.name)

    def to_dict(self) -> dict[str, Any]:
        data = self.child.to_dict()
        del data["children"]
        data["path"] = list(self.path)
        return data


@dataclass(frozen=True, slots=True)
class Change:
    before: Node
    after: Node
    fields: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "fields": list(self.fields),
        }


@dataclass(frozen=True, slots=True)
class Marked:
    """One child of the merged tree: today's child (or, removed, the old one)."""

    status: str
    child: Child
    before: Child | None = None
    fields: tuple[str, ...] = ()
    children: tuple[Marked, ...] = ()

    def walk(self) -> list[Marked]:
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass(frozen=True, slots=True)
class AppDiff:
    otp_app: str
    application_module: str | None
    status: str
    added: tuple[Node, ...] = ()
    removed: tuple[Node, ...] = ()
    changed: tuple[Change, ...] = ()
    before: Application | None = None
    after: Application | None = None
    supervisor_fields: tuple[str, ...] = ()
    """What changed in the application's own top supervisor (strategy, intensity)."""
    tree: tuple[Marked, ...] = ()
    """The merged tree: the children of the newer side, removed ones put back."""

    def to_dict(self) -> dict[str, Any]:
        supervisor = None
        if self.supervisor_fields and self.before and self.after:
            supervisor = {
                "before": self.before.supervisor.to_dict(),
                "after": self.after.supervisor.to_dict(),
                "fields": list(self.supervisor_fields),
            }
        return {
            "otp_app": self.otp_app,
            "application_module": self.application_module,
            "status": self.status,
            "added": [n.to_dict() for n in self.added],
            "removed": [n.to_dict() for n in self.removed],
            "changed": [c.to_dict() for c in self.changed],
            "supervisor": supervisor,
        }


@dataclass(frozen=True, slots=True)
class TreeDiff:
    """``from``/``to`` are commit SHAs, ``to`` may be ``"worktree"``."""

    from_rev: str
    to_rev: str
    applications: tuple[AppDiff, ...]
    diagnostics: tuple[tuple[str, Diagnostic], ...] = field(default=())
    """Each analysis's diagnostics, with the revision they were found at."""

    @property
    def differs(self) -> bool:
        return any(a.status != SAME for a in self.applications)

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.from_rev,
            "to": self.to_rev,
            "applications": [a.to_dict() for a in self.applications],
            "diagnostics": [{**d.to_dict(), "revision": rev} for rev, d in self.diagnostics],
        }


# ------------------------------------------------------------------ comparing
def diff_analyses(
    before: Analysis, after: Analysis, from_rev: str = "", to_rev: str = "worktree"
) -> TreeDiff:
    """The changes from ``before`` to ``after``, application by application (in the
    order of ``after``, then the applications ``after`` no longer has)."""
    olds = _by_app(before.applications)
    news = _by_app(after.applications)
    apps: list[AppDiff] = []
    for key, new in news.items():
        apps.append(_app_diff(olds.get(key), new))
    for key, old in olds.items():
        if key not in news:
            apps.append(_app_diff(old, None))
    seen: set[tuple[str, Diagnostic]] = set()
    diagnostics: list[tuple[str, Diagnostic]] = []
    for rev, analysis in ((from_rev, before), (to_rev, after)):
        for d in sorted(analysis.diagnostics, key=Diagnostic.sort_key):
            if (rev, d) not in seen:
                seen.add((rev, d))
                diagnostics.append((rev, d))
    return TreeDiff(from_rev, to_rev, tuple(apps), tuple(diagnostics))


def _by_app(applications: Sequence[Application]) -> dict[tuple[str, int], Application]:
    out: dict[tuple[str, int], Application] = {}
    counts: dict[str, int] = {}
    for app in applications:
        n = counts.get(app.otp_app, 0)
        counts[app.otp_app] = n + 1
        out[(app.otp_app, n)] = app
    return out


def nodes(app: Application) -> list[Node]:
    """Every child of ``app``, depth first in source order, with its place."""
    return _flatten(app)[0]


def _flatten(app: Application) -> tuple[list[Node], list[list[int]], list[int]]:
    """Nodes in depth-first order, each node's children as indices, and the top's."""
    out: list[Node] = []
    kids: list[list[int]] = []
    top: list[int] = []
    stack: list[tuple[Child, tuple[str | None, ...], list[int]]] = [
        (c, (app.application_module,), top) for c in reversed(app.children)
    ]
    while stack:
        child, path, siblings = stack.pop()
        siblings.append(len(out))
        out.append(Node(app.otp_app, path, child))
        mine: list[int] = []
        kids.append(mine)
        below = (*path, child.module)
        stack.extend((c, below, mine) for c in reversed(child.children))
    return out, kids, top


def compared(before: Child, after: Child) -> tuple[str, ...]:
    """The names of :data:`COMPARED` whose values differ."""
    out = []
    for name in COMPARED:
        if name == "blast_radius":
            if _blast(before) != _blast(after):
                out.append(name)
        elif getattr(before, name) != getattr(after, name):
            out.append(name)
    return tuple(out)


def _blast(child: Child) -> tuple[tuple[str, ...], ...] | None:
    blast = child.blast
    if blast is None:
        return None
    return (blast.restarts, blast.stops, blast.uncertain)


def _app_diff(old: Application | None, new: Application | None) -> AppDiff:
    side = new or old
    assert side is not None
    olds = _flatten(old) if old else ([], [], [])
    news = _flatten(new) if new else ([], [], [])
    twin = _pair(olds[0], news[0])  # new index → old index
    paired_old = set(twin.values())
    added = tuple(n for i, n in enumerate(news[0]) if i not in twin)
    removed = tuple(n for i, n in enumerate(olds[0]) if i not in paired_old)
    fields: dict[int, tuple[str, ...]] = {}
    for i, node in enumerate(news[0]):
        if i in twin and (found := compared(olds[0][twin[i]].child, node.child)):
            fields[i] = found
    changed = tuple(Change(olds[0][twin[i]], news[0][i], f) for i, f in fields.items())
    supervisor_fields: tuple[str, ...] = ()
    if old is not None and new is not None:
        was, now = old.supervisor, new.supervisor
        supervisor_fields = tuple(
            f for f in SUPERVISOR_COMPARED if getattr(was, f) != getattr(now, f)
        )
    if old is None:
        status = ADDED
    elif new is None:
        status = REMOVED
    elif added or removed or changed or supervisor_fields:
        status = CHANGED
    else:
        status = SAME
    tree = _Merge(olds, news, twin, fields).top()
    return AppDiff(
        side.otp_app,
        side.application_module,
        status,
        added,
        removed,
        changed,
        old,
        new,
        supervisor_fields,
        tree,
    )


Flat = tuple[list[Node], list[list[int]], list[int]]


def _pair(old: list[Node], new: list[Node]) -> dict[int, int]:
    """New nodes (by index) paired with the old node of the same identity, the n-th
    of an identity with the n-th."""
    waiting: dict[Key, list[int]] = {}
    for i, node in enumerate(old):
        waiting.setdefault(node.key, []).append(i)
    pairs: dict[int, int] = {}
    for i, node in enumerate(new):
        queue = waiting.get(node.key)
        if queue:
            pairs[i] = queue.pop(0)
    return pairs


# ------------------------------------------------------------------ merged tree
class _Merge:
    """The newer tree with each child marked, removed children where they were: after
    the nearest earlier sibling that is still there, under their old parent's twin
    (or, their parent removed too, under its ghost)."""

    def __init__(
        self, olds: Flat, news: Flat, twin: dict[int, int], fields: dict[int, tuple[str, ...]]
    ) -> None:
        self.olds, self.news, self.twin, self.fields = olds, news, twin, fields
        self.old_twin = {o: n for n, o in twin.items()}

    def top(self) -> tuple[Marked, ...]:
        return self.level(self.news[2], self.olds[2])

    def level(self, news: list[int], olds: list[int]) -> tuple[Marked, ...]:
        position = {n: k for k, n in enumerate(news)}
        inserts: dict[int, list[Marked]] = {}
        anchor = -1  # position in ``news`` after which the next removed child goes
        for o in olds:
            n = self.old_twin.get(o)
            if n is not None:
                anchor = position.get(n, anchor)
            else:
                inserts.setdefault(anchor, []).append(self.ghost(o))
        merged: list[Marked] = list(inserts.get(-1, []))
        for k, n in enumerate(news):
            merged.append(self.marked(n))
            merged.extend(inserts.get(k, []))
        return tuple(merged)

    def marked(self, n: int) -> Marked:
        child = self.news[0][n].child
        o = self.twin.get(n)
        if o is None:
            return Marked(ADDED, child, None, (), self.level(self.news[1][n], []))
        status = CHANGED if n in self.fields else SAME
        before = self.olds[0][o].child
        children = self.level(self.news[1][n], self.olds[1][o])
        return Marked(status, child, before, self.fields.get(n, ()), children)

    def ghost(self, o: int) -> Marked:
        child = self.olds[0][o].child
        kept = tuple(self.ghost(k) for k in self.olds[1][o] if k not in self.old_twin)
        return Marked(REMOVED, child, child, (), kept)
