"""Finding mix projects and reading what their ``mix.exs`` declares.

A supervision tree starts at the ``mod:`` of ``application/0``; umbrella roots
(``apps_path:`` in ``project/0``) group apps whose modules may call each other.
``mix.exs`` is Elixir, so it is read with the same evaluator as the rest: a
``deps: deps()`` in ``project/0`` is followed into ``defp deps``. Files are found
and read by :mod:`docgen.elixir.sources` (``SKIPPED_DIRS``, ``UNREADABLE``,
``relative`` and ``read_source`` stay importable from here).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir import values as v
from docgen.elixir.evaluator import Evaluator, Nesting
from docgen.elixir.index import ModuleIndex, ModuleInfo, file_modules
from docgen.elixir.reading import read_files
from docgen.elixir.sources import SKIPPED_DIRS as SKIPPED_DIRS
from docgen.elixir.sources import UNREADABLE as UNREADABLE
from docgen.elixir.sources import Resolver, SourceFile, read_source, walk_files
from docgen.elixir.sources import relative as relative
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile

NO_APP_NAME = "DG108"
DEFAULT_APPS_PATH = "apps"


@dataclass(frozen=True, slots=True)
class Dep:
    """A dependency from ``deps/0``; ``path`` as written for ``path:`` deps."""

    name: str
    in_umbrella: bool = False
    path: str | None = None
    loc: Location | None = None


@dataclass(frozen=True, slots=True)
class MixProject:
    """One ``mix.exs``: an application, or an umbrella root (``apps_path``)."""

    mix_file: str
    directory: Path
    otp_app: str
    application_module: str | None
    mod_location: Location
    apps_path: str | None = None
    deps: tuple[Dep, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def is_umbrella(self) -> bool:
        return self.apps_path is not None

    def contains(self, other: MixProject) -> bool:
        """Whether ``other`` is an app of this umbrella."""
        if self.apps_path is None:
            return False
        apps = (self.directory / self.apps_path).resolve()
        return apps in other.directory.resolve().parents


def find_mix_projects(
    root: Path, cache: ParseCache | None = None, resolver: Resolver | None = None
) -> list[MixProject]:
    """Every mix project under ``root``, sorted by ``mix.exs`` path.

    ``deps``, ``_build``, ``node_modules``, ``test`` and hidden directories
    are skipped.
    """
    return mix_projects(walk_files(root, root, lambda name: name == "mix.exs", resolver), cache)


def mix_projects(found: list[SourceFile], cache: ParseCache | None = None) -> list[MixProject]:
    """The projects of walked ``mix.exs`` files, sorted by path."""
    cache = cache or DEFAULT_CACHE
    parsed = read_files(found, cache)
    projects = [_project(f, p, cache) for f, p in zip(found, parsed, strict=True)]
    return sorted(projects, key=lambda p: p.mix_file)


def read_mix_file(
    path: Path, root: Path, cache: ParseCache | None = None, rel: str | None = None
) -> MixProject:
    """What one ``mix.exs`` declares: app name, ``mod:``, deps, ``apps_path``."""
    return _mix_project(path, read_source(path, root, cache, rel))


def _project(found: SourceFile, parsed: ParsedFile, cache: ParseCache) -> MixProject:
    """:func:`read_mix_file` of a read file, remembered by path and content hash."""
    path = Path(found.path)
    if parsed.digest is None:
        return _mix_project(path, parsed)
    key = ("mix project", parsed.path, parsed.digest, path.parent)
    return cache.memo(key, lambda: _mix_project(path, parsed))


def _mix_project(path: Path, parsed: ParsedFile) -> MixProject:
    rel = parsed.path
    module = next((m for m in file_modules(parsed) if m.function("project", 0)), None)
    diagnostics = list(parsed.diagnostics)
    fallback = Location(rel, 1)
    if module is None:
        name = path.parent.name
        return MixProject(rel, path.parent, name, None, fallback, diagnostics=tuple(diagnostics))
    index = ModuleIndex({module.name: module})
    nesting = Nesting()
    project = _call(index, module, "project", nesting)
    application = _call(index, module, "application", nesting)
    diagnostics.extend(nesting.diagnostics())
    app_name = _atom(_get(project, "app"))
    apps_path = _apps_path(project)
    if app_name is None and apps_path is None:
        diagnostics.append(
            Diagnostic(
                NO_APP_NAME,
                Severity.WARNING,
                module.loc,
                f"no literal app: in project/0; using the directory name {path.parent.name}",
                "write app: :my_app in project/0",
            )
        )
    mod = _get(application, "mod")
    app_module: str | None = None
    mod_location = module.loc
    if isinstance(mod, v.Tuple) and mod.elements and isinstance(mod.elements[0], v.Mod):
        app_module = mod.elements[0].name
        mod_location = mod.loc
    elif isinstance(mod, v.Mod):
        app_module = mod.name
        mod_location = mod.loc
    return MixProject(
        rel,
        path.parent,
        app_name or path.parent.name,
        app_module,
        mod_location,
        apps_path,
        _deps(_get(project, "deps")),
        tuple(diagnostics),
    )


def _call(index: ModuleIndex, module: ModuleInfo, name: str, nesting: Nesting) -> v.Value | None:
    clauses = module.function(name, 0)
    if not clauses:
        return None
    return Evaluator(index, module, nesting=nesting).run(clauses[0].body)


def _get(value: v.Value | None, key: str) -> v.Value | None:
    if isinstance(value, v.Keywords):
        return value.get(key)
    return None


def _atom(value: v.Value | None) -> str | None:
    return value.name if isinstance(value, v.Atom) else None


def _string(value: v.Value | None) -> str | None:
    if isinstance(value, v.Literal) and value.text[:1] == '"' and value.text[-1:] == '"':
        return value.text[1:-1]
    return None


def _apps_path(project: v.Value | None) -> str | None:
    value = _get(project, "apps_path")
    if value is None:
        return None
    return _string(value) or DEFAULT_APPS_PATH


def _deps(value: v.Value | None) -> tuple[Dep, ...]:
    if value is None:
        return ()
    out: list[Dep] = []
    for item in v.flatten(value):
        dep = item.value
        if not isinstance(dep, v.Tuple) or not dep.elements:
            continue
        name = _atom(dep.elements[0])
        if name is None:
            continue
        opts = dep.elements[-1]
        in_umbrella = _atom(_get(opts, "in_umbrella")) == "true"
        out.append(Dep(name, in_umbrella, _string(_get(opts, "path")), dep.loc))
    return tuple(out)
