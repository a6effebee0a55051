"""Finding mix projects and reading what their ``mix.exs`` declares.

A supervision tree starts at the ``mod:`` of ``application/0``; umbrella roots
(``apps_path:`` in ``project/0``) group apps whose modules may call each other.
``mix.exs`` is Elixir, so it is read with the same evaluator as the rest: a
``deps: deps()`` in ``project/0`` is followed into ``defp deps``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir import values as v
from docgen.elixir.evaluator import Evaluator
from docgen.elixir.index import ModuleIndex, ModuleInfo, modules_in
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile, parse_source

UNREADABLE = "DG102"
NO_APP_NAME = "DG108"
SKIPPED_DIRS = frozenset({"deps", "_build", "node_modules", "test"})
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


def find_mix_projects(root: Path, cache: ParseCache | None = None) -> list[MixProject]:
    """Every mix project under ``root``, sorted by ``mix.exs`` path.

    ``deps``, ``_build``, ``node_modules``, ``test`` and hidden directories
    are skipped.
    """
    found: list[Path] = []
    for current, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS and not d.startswith("."))
        if "mix.exs" in files:
            found.append(Path(current) / "mix.exs")
    projects = [read_mix_file(path, root, cache) for path in found]
    return sorted(projects, key=lambda p: p.mix_file)


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, POSIX style."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_source(path: Path, root: Path, cache: ParseCache | None) -> ParsedFile:
    """Parse one file; an unreadable file is an empty file plus a diagnostic."""
    rel = relative(path, root)
    try:
        source = path.read_bytes()
    except OSError as error:
        problem = Diagnostic(
            UNREADABLE,
            Severity.ERROR,
            Location(rel, 1),
            f"cannot read file: {error.strerror or error}",
            "check the file's permissions",
        )
        return ParsedFile(rel, (), (problem,))
    return parse_source(rel, source, cache or DEFAULT_CACHE)


def read_mix_file(path: Path, root: Path, cache: ParseCache | None = None) -> MixProject:
    """What one ``mix.exs`` declares: app name, ``mod:``, deps, ``apps_path``."""
    parsed = read_source(path, root, cache)
    rel = parsed.path
    modules = [m for r in parsed.roots for m in modules_in(r, rel)]
    module = next((m for m in modules if m.function("project", 0)), None)
    diagnostics = list(parsed.diagnostics)
    fallback = Location(rel, 1)
    if module is None:
        name = path.parent.name
        return MixProject(rel, path.parent, name, None, fallback, diagnostics=tuple(diagnostics))
    index = ModuleIndex({module.name: module})
    project = _call(index, module, "project")
    application = _call(index, module, "application")
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


def _call(index: ModuleIndex, module: ModuleInfo, name: str) -> v.Value | None:
    clauses = module.function(name, 0)
    if not clauses:
        return None
    return Evaluator(index, module).run(clauses[0].body)


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
