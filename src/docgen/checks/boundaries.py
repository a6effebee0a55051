"""Umbrella boundaries: in-umbrella dependencies against declared rules, and cycles.

Rules come from the ``boundaries`` setting: for each app listed, the in-umbrella
apps it may depend on; apps not listed are unrestricted (the default is no rules).
A dependency cycle between umbrella apps is always an error: Mix cannot build it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir import MixProject

NOT_ALLOWED = "DG501"
CYCLE = "DG502"


def check_boundaries(
    projects: Sequence[MixProject], allowed: Mapping[str, Sequence[str]], prefix: str = ""
) -> list[Diagnostic]:
    """Findings for the in-umbrella deps of ``projects`` (paths prefixed by ``prefix``)."""
    apps = {p.otp_app: p for p in projects if not p.is_umbrella}
    edges: dict[str, list[tuple[str, Location]]] = {}
    found: list[Diagnostic] = []
    for name in sorted(apps):
        project = apps[name]
        for dep in project.deps:
            if dep.name not in apps or not (dep.in_umbrella or dep.path):
                continue
            where = (dep.loc or Location(project.mix_file, 1)).under(prefix)
            edges.setdefault(name, []).append((dep.name, where))
            rule = allowed.get(name)
            if rule is not None and dep.name not in rule:
                may = ", ".join(rule) if rule else "no other app"
                found.append(
                    Diagnostic(
                        NOT_ALLOWED,
                        Severity.ERROR,
                        where,
                        f"{name} depends on {dep.name}, which its boundary rule does not allow "
                        f"(it may depend on {may})",
                        f"remove the dependency, or add {dep.name} to boundaries.{name} "
                        "if the architecture changed",
                    )
                )
    found.extend(_cycles(edges))
    return found


def _cycles(edges: Mapping[str, list[tuple[str, Location]]]) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    reported: set[frozenset[str]] = set()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(app: str) -> None:
        state[app] = 1
        stack.append(app)
        for dep, where in edges.get(app, []):
            if state.get(dep) == 1:
                cycle = [*stack[stack.index(dep) :], dep]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    found.append(
                        Diagnostic(
                            CYCLE,
                            Severity.ERROR,
                            where,
                            "in-umbrella dependency cycle: " + " → ".join(cycle),
                            "an umbrella app cannot (indirectly) depend on itself; move the shared "
                            "code into an app both can depend on",
                        )
                    )
            elif state.get(dep) is None:
                visit(dep)
        stack.pop()
        state[app] = 2

    for app in sorted(edges):
        if state.get(app) is None:
            visit(app)
    return found
