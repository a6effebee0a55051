"""Analysing a directory: mix projects → module index → supervision trees.

This is the orchestration behind :func:`docgen.elixir.analyse`. Apps of one
umbrella share one module index (they call each other); a standalone project
gets its own, so unrelated projects under one root never shadow each other.

Repeat analyses (one per ``mkdocs serve`` rebuild) go through the parse cache:
a file whose ``stat`` is unchanged is not even read, a file whose content hash
was seen before is not parsed again, its modules come from memory, and a group
whose files and ``mix.exs`` are all unchanged reuses its trees without evaluating
anything.
"""

from __future__ import annotations

import functools
from pathlib import Path

from docgen.collector import collector_paused
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.index import build_index
from docgen.elixir.mix import Dep, MixProject, mix_projects
from docgen.elixir.models import Analysis, Application, SupervisorInfo
from docgen.elixir.reading import Reading
from docgen.elixir.sources import Files, SourceFile, WorkTree
from docgen.elixir.supervision import Supervision
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile

Deps = tuple[tuple[str, ...], tuple[Diagnostic, ...]]

MISSING_APPLICATION_MODULE = "DG103"
UNKNOWN_UMBRELLA_DEP = "DG107"


def analyse(root: Path, cache: ParseCache | None = None) -> Analysis:
    """Statically analyse every mix project under ``root``.

    Paths in the result are relative to ``root`` (POSIX); applications are
    sorted by ``mix.exs`` path; the same tree always gives the same result.
    Parsed files and derived results are kept in ``cache`` (default:
    :data:`~docgen.elixir.syntax.DEFAULT_CACHE`).
    """
    with collector_paused():
        return _analyse(Path(root), cache or DEFAULT_CACHE)


def _analyse(root: Path, cache: ParseCache) -> Analysis:
    return analyse_files(WorkTree(root), cache)


def analyse_files(files: Files, cache: ParseCache) -> Analysis:
    """:func:`analyse` of the files ``files`` lists (the working tree, a revision)."""
    mix_files = files.walk(files.root, _is_mix_file)
    # Every project's lib/ files, read (and partly parsed by a worker) while the
    # mix.exs files are evaluated; an umbrella's own lib/ is walked but not used.
    sources = {mix.rel: files.walk(Path(mix.path).parent / "lib", _is_source) for mix in mix_files}
    reading = Reading([file for found in sources.values() for file in found], cache)
    try:
        projects = mix_projects(mix_files, cache)
        return _analyse_projects(cache, files, projects, sources, reading)
    finally:
        reading.close()


def _analyse_projects(
    cache: ParseCache,
    resolver: Files,
    projects: list[MixProject],
    sources: dict[str, list[SourceFile]],
    reading: Reading,
) -> Analysis:
    diagnostics: list[Diagnostic] = [d for p in projects for d in p.diagnostics]
    apps = [p for p in projects if not p.is_umbrella]
    deps = _umbrella_deps(apps, resolver)
    applications: list[Application] = []
    modules: set[str] = set()
    for group in _groups(projects, apps, resolver):
        files = reading.parsed([file for app in group for file in sources[app.mix_file]])
        diagnostics.extend(d for f in files for d in f.diagnostics)
        group_deps = tuple(deps[app.mix_file] for app in group)
        diagnostics.extend(d for _, problems in group_deps for d in problems)
        # Everything the group's result depends on: its projects, what their
        # in-umbrella deps resolved to, and each file's path and content hash.
        key = (
            "group",
            tuple(group),
            group_deps,
            tuple((f.path, f.digest, f.diagnostics) for f in files),
        )
        found, problems, names = cache.memo(
            key, functools.partial(_analyse_group, group, group_deps, files, cache)
        )
        applications.extend(found)
        diagnostics.extend(problems)
        modules.update(names)
    unique = sorted(set(diagnostics), key=Diagnostic.sort_key)
    return Analysis(
        tuple(sorted(applications, key=lambda a: a.mix_file)), tuple(unique), tuple(sorted(modules))
    )


def _analyse_group(
    group: list[MixProject], deps: tuple[Deps, ...], files: list[ParsedFile], cache: ParseCache
) -> tuple[tuple[Application, ...], tuple[Diagnostic, ...], tuple[str, ...]]:
    """One group's (an umbrella or a single app) applications, problems and modules."""
    index = build_index(files, cache)
    diagnostics: list[Diagnostic] = list(index.diagnostics)
    supervision = Supervision(index)
    applications = [
        _application(app, names, supervision, diagnostics)
        for app, (names, _) in zip(group, deps, strict=True)
    ]
    diagnostics.extend(supervision.diagnostics)
    return tuple(applications), tuple(diagnostics), tuple(index.modules)


def _is_source(name: str) -> bool:
    return name.endswith(".ex")


def _is_mix_file(name: str) -> bool:
    return name == "mix.exs"


def _groups(
    projects: list[MixProject], apps: list[MixProject], resolver: Files
) -> list[list[MixProject]]:
    umbrellas = [
        (p, resolver.resolve(p.directory / p.apps_path))
        for p in projects
        if p.apps_path is not None
    ]
    grouped: dict[str, list[MixProject]] = {}
    for app in apps:
        parents = resolver.resolve(app.directory).parents
        owner = next((u for u, apps_dir in umbrellas if apps_dir in parents), app)
        grouped.setdefault(owner.mix_file, []).append(app)
    return [grouped[key] for key in sorted(grouped)]


def _umbrella_deps(apps: list[MixProject], resolver: Files) -> dict[str, Deps]:
    """Per ``mix.exs``: the apps its in-umbrella deps name, and unknown ones (DG107)."""
    by_dir = {resolver.resolve(p.directory): p for p in apps}
    out: dict[str, Deps] = {}
    for app in apps:
        names: list[str] = []
        problems: list[Diagnostic] = []
        for dep in app.deps:
            sibling = _sibling(app, dep, by_dir, resolver)
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
        out[app.mix_file] = (tuple(dict.fromkeys(names)), tuple(problems))
    return out


def _sibling(
    app: MixProject, dep: Dep, by_dir: dict[Path, MixProject], resolver: Files
) -> MixProject | None:
    if dep.path is not None:
        return by_dir.get(resolver.resolve(app.directory / dep.path))
    if dep.in_umbrella:
        return by_dir.get(resolver.resolve(app.directory.parent / dep.name)) or next(
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
        SupervisorInfo(tree.strategy, tree.name, tree.max_restarts, tree.max_seconds),
        tree.children,
    )
