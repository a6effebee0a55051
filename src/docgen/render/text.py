"""Supervision model → the ASCII tree engineers hand-write in READMEs.

dg_projector (DecisionGraph.Projector.Application, rest_for_one)
|-- DecisionGraph.Projector.WorkerRegistry (registry)
`-- ...
"""

from __future__ import annotations

from docgen.elixir.models import Analysis, Application, Child


def tree_text(analysis: Analysis, app: str | None = None) -> str:
    blocks = [_app_text(a) for a in analysis.applications if app is None or a.otp_app == app]
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _app_text(app: Application) -> str:
    head = [x for x in (app.application_module, app.supervisor.strategy) if x]
    lines = [f"{app.otp_app} ({', '.join(head)})" if head else app.otp_app]
    _children(app.children, "", lines)
    return "\n".join(lines)


def _children(children: tuple[Child, ...], prefix: str, lines: list[str]) -> None:
    for n, child in enumerate(children):
        last = n == len(children) - 1
        lines.append(f"{prefix}{'`-- ' if last else '|-- '}{describe(child)}")
        _children(child.children, prefix + ("    " if last else "|   "), lines)


def describe(child: Child) -> str:
    """``Name (kind, strategy, conditional)``; the module too when it differs."""
    title = child.name or child.module or "?"
    facts = [child.kind.value]
    if child.name and child.module and child.module != child.name:
        facts.insert(0, child.module)
    if child.strategy:
        facts.append(child.strategy)
    if child.conditional:
        facts.append("conditional")
    if child.note:
        facts.append(child.note)
    return f"{title} ({', '.join(facts)})"
