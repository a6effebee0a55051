"""Tree diffs → text a terminal and a pull-request comment read, and GitHub annotations.

The text is the merged tree (:class:`~docgen.elixir.diff.Marked`) with a marker in
the first column, ``+`` added, ``-`` removed, ``~`` changed, as in a unified diff, so
a ```` ```diff ```` block colours it::

    ~ dg_api (DecisionGraph.API.Application, one_for_one): 1 added, 1 changed
      |-- DecisionGraph.API.TaskSupervisor (task_supervisor)
    + |-- DecisionGraph.API.Cache (worker)
    ~ `-- DecisionGraph.API.Feed (worker)  [restart: permanent → temporary]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docgen.diagnostics import Location
from docgen.elixir.diff import ADDED, CHANGED, REMOVED, SAME, AppDiff, Marked, TreeDiff
from docgen.render.github import annotation
from docgen.render.text import describe

MARKERS = {ADDED: "+", REMOVED: "-", CHANGED: "~", SAME: " "}


def diff_text(diff: TreeDiff) -> str:
    head = f"docgen diff {_short(diff.from_rev)}..{_short(diff.to_rev)}"
    blocks = [head]
    for app in diff.applications:
        blocks.append(_app_text(app))
    if not diff.applications:
        blocks.append("  (no applications at either revision)")
    elif not diff.differs:
        blocks.append("  no change to any supervision tree")
    return "\n\n".join(blocks) + "\n"


def _short(rev: str) -> str:
    return rev[:12] if len(rev) == 40 else rev


def _app_text(app: AppDiff) -> str:
    side = app.after or app.before
    assert side is not None
    head = [x for x in (app.application_module, side.supervisor.strategy) if x]
    title = f"{app.otp_app} ({', '.join(head)})" if head else app.otp_app
    if app.status == SAME:
        return f"  {title}: no change"
    summary = _summary(app)
    lines = [f"{MARKERS[app.status]} {title}: {summary}"]
    changes = supervisor_change(app)
    if changes:
        lines.append(f"~   (top supervisor) {changes}")
    _lines(app.tree, "", lines)
    return "\n".join(lines)


def _summary(app: AppDiff) -> str:
    if app.status in (ADDED, REMOVED):
        return f"application {app.status}"
    parts = [
        f"{len(items)} {word}"
        for items, word in (
            (app.added, "added"),
            (app.removed, "removed"),
            (app.changed, "changed"),
        )
        if items
    ]
    if app.supervisor_fields:
        parts.append("top supervisor changed")
    return ", ".join(parts)


def _lines(items: tuple[Marked, ...], prefix: str, lines: list[str]) -> None:
    for n, item in enumerate(items):
        last = n == len(items) - 1
        text = describe(item.child)
        if item.status == CHANGED and item.before is not None:
            text += "  [" + "; ".join(field_change(item, f) for f in item.fields) + "]"
        lines.append(f"{MARKERS[item.status]} {prefix}{'`-- ' if last else '|-- '}{text}")
        _lines(item.children, prefix + ("    " if last else "|   "), lines)


def supervisor_change(app: AppDiff) -> str:
    """``strategy: one_for_one → rest_for_one, max_restarts: 3 → 10``, or ``""`` when
    the application's own top supervisor did not change."""
    if not (app.supervisor_fields and app.before and app.after):
        return ""
    was, now = app.before.supervisor, app.after.supervisor
    return ", ".join(
        f"{f}: {_value(getattr(was, f))} → {_value(getattr(now, f))}" for f in app.supervisor_fields
    )


def field_change(item: Marked, name: str) -> str:
    assert item.before is not None
    if name == "blast_radius":
        return f"if it crashes: {_blast_change(item.before, item.child)}"
    return f"{name}: {_value(getattr(item.before, name))} → {_value(getattr(item.child, name))}"


def _blast_change(before: Any, after: Any) -> str:
    """``now also restarts X; no longer stops Y``: what one crash does differently."""
    if before.blast is None or after.blast is None:
        return "unknown"
    parts = []
    for field, verb in (("restarts", "restarts"), ("stops", "stops"), ("uncertain", "may take")):
        was, now = getattr(before.blast, field), getattr(after.blast, field)
        gained = [x for x in now if x not in was]
        lost = [x for x in was if x not in now]
        if gained:
            parts.append(f"now also {verb} {', '.join(gained)}")
        if lost:
            parts.append(f"no longer {verb} {', '.join(lost)}")
    return "; ".join(parts) or "same children, in another order"


def _value(value: object) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


# ------------------------------------------------------------------ annotations
def diff_annotations(diff: TreeDiff, base: str = "") -> list[str]:
    """One GitHub ``::notice`` per change, at the child's file and line in REV_B (a
    removed child: at the nearest ancestor still there); paths made relative to the
    repository with ``base``, the analysed folder."""
    out: list[str] = []
    for app in diff.applications:
        if app.status == SAME:
            continue
        anchor = app.after.location if app.after else None
        changes = supervisor_change(app)
        if changes:
            out.append(_notice(anchor, base, "top supervisor changed", f"{app.otp_app}: {changes}"))
        for item, where, parent in _changes(app.tree, anchor, app.application_module):
            what = describe(item.child)
            if item.status == ADDED:
                message = f"{app.otp_app}: {what} is started under {parent}"
            elif item.status == REMOVED:
                message = f"{app.otp_app}: {what} is no longer started under {parent}"
            else:
                fields = "; ".join(field_change(item, f) for f in item.fields)
                message = f"{app.otp_app}: {what}: {fields}"
            out.append(_notice(where, base, f"supervision tree: child {item.status}", message))
    return out


def _changes(
    items: tuple[Marked, ...], anchor: Location | None, parent: str | None
) -> Iterator[tuple[Marked, Location | None, str]]:
    for item in items:
        here = anchor if item.status == REMOVED else item.child.location
        if item.status != SAME:
            yield item, here, parent or "the application"
        name = item.child.name or item.child.module or "?"
        yield from _changes(item.children, here, name)


def _notice(where: Location | None, base: str, title: str, message: str) -> str:
    if where is not None and base:
        where = Location(f"{base}/{where.path}", where.line)
    return annotation("notice", where, title, message)
