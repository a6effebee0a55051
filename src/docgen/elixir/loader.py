"""Analysing a directory: mix projects → module index → supervision trees.

This is the orchestration behind :func:`docgen.elixir.analyse`. Apps of one
umbrella share one module index (they call each other); a standalone project
gets its own, so unrelated projects under one root never shadow each other.
"""

from __future__ import annotations

import os
from pathlib import Path

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.index import build_index
from docgen.elixir.mix import (
    SKIPPED_DIRS,
    Dep,
    MixProject,
    find_mix_projects,
    read_source,
)
from docgen.elixir.models import Analysis, Application, SupervisorInfo
from docgen.elixir.supervision import Supervision
from docgen.elixir.syntax import ParseCache

MISSING_APPLICATION_MODULE = "DG103"
UNKNOWN_UMBRELLA_DEP = "DG107"


def analyse(root: Path, cache: ParseCache | None = None) -> Analysis:
    """Statically analyse every mix project under ``root``.

    Paths in the result are relative to ``root`` (POSIX); applications are
    sorted by ``mix.exs`` path; the same tree always gives the same result.
    """
    root = Path(root)
    projects = find_mix_projects(root, cache)
    diagnostics: list[Diagnostic] = [d for p in projects for d in p.diagnostics]
    apps = [p for p in projects if not p.is_umbrella]
    groups = _groups(projects, apps)
    applications: list[Application] = []
    for group in groups:
        files = [read_source(path, root, cache) for app in group for path in _sources(app)]
        index = build_index(files)
        diagnostics.extend(d for f in files for d in f.diagnostics)
        diagnostics.extend(index.diagnostics)
        supervision = Supervision(index)
        for app in group:
            deps, problems = _umbrella_deps(app, apps)
            diagnostics.extend(problems)
            applications.append(_application(app, deps, supervision, diagnostics))
        diagnostics.extend(supervision.diagnostics)
    unique = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return Analysis(tuple(sorted(applications, key=lambda a: a.mix_file)), tuple(unique))


def _groups(projects: list[MixProject], apps: list[MixProject]) -> list[list[MixProject]]:
    umbrellas = [p for p in projects if p.is_umbrella]
    grouped: dict[str, list[MixProject]] = {}
    for app in apps:
        owner = next((u for u in umbrellas if u.contains(app)), app)
        grouped.setdefault(owner.mix_file, []).append(app)
    return [grouped[key] for key in sorted(grouped)]


def _sources(app: MixProject) -> list[Path]:
    lib = app.directory / "lib"
    found: list[Path] = []
    for current, dirs, files in os.walk(lib):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        found.extend(Path(current) / f for f in files if f.endswith(".ex"))
    return sorted(found)


def _umbrella_deps(
    app: MixProject, apps: list[MixProject]
) -> tuple[tuple[str, ...], list[Diagnostic]]:
    names: list[str] = []
    problems: list[Diagnostic] = []
    by_dir = {p.directory.resolve(): p for p in apps}
    for dep in app.deps:
        sibling = _sibling(app, dep, by_dir)
        if sibling is not None:
            names.append(sibling.otp_app)
        elif dep.in_umbrella:
            problems.append(
                Diagnostic(
                    UNKNOWN_UMBRELLA_DEP,
                    Severity.WARNING,
                    dep.loc or Location(app.mix_file, 1),
                    f"in-umbrella dependency :{dep.name} is not an app of this umbrella",
                    "check the dependency name against the apps directory",
                )
            )
    return tuple(dict.fromkeys(names)), problems


def _sibling(app: MixProject, dep: Dep, by_dir: dict[Path, MixProject]) -> MixProject | None:
    if dep.path is not None:
        return by_dir.get((app.directory / dep.path).resolve())
    if dep.in_umbrella:
        return by_dir.get((app.directory.parent / dep.name).resolve()) or next(
            (p for p in by_dir.values() if p.otp_app == dep.name), None
        )
    return None


def _application(
    app: MixProject,
    deps: tuple[str, ...],
    supervision: Supervision,
    diagnostics: list[Diagnostic],
) -> Application:
    base = Application(app.otp_app, app.application_module, app.mix_file, None, deps)
    if app.application_module is None:
        return base
    module = supervision.index.get(app.application_module)
    if module is None:
        diagnostics.append(
            Diagnostic(
                MISSING_APPLICATION_MODULE,
                Severity.ERROR,
                app.mod_location,
                f"application module {app.application_module} (mod: in mix.exs) "
                "is not defined by any file under lib/",
                "define the module or fix the mod: entry in application/0",
            )
        )
        return base
    location, tree = supervision.application(module)
    return Application(
        app.otp_app,
        app.application_module,
        app.mix_file,
        location,
        deps,
        SupervisorInfo(tree.strategy, tree.name),
        tree.children,
    )
