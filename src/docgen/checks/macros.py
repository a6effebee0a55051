"""Macro errors: pages whose Jinja would fail to render, found without building.

Every page that mkdocs-macros renders (all pages, or with ``render_by_default:
false`` only those with ``render_macros: true``) is parsed with the configured
Jinja delimiters. A syntax error, or a name that is neither a registered macro, a
filter, a variable of ``extra``/the page's front matter, nor one of
mkdocs-macros' own, is an error at the page's line. The macros module is loaded
the way mkdocs-macros loads it (its ``define_env`` is called with a recording
environment), so the names it registers are exactly the ones checked.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.frontmatter import split_front_matter
from docgen.project import Project
from docgen.textfile import read_or_report

SYNTAX = "DG601"
UNDEFINED = "DG602"
MODULE = "DG603"

# Names mkdocs-macros itself provides to every page.
BUILTINS = frozenset(
    {
        "config",
        "page",
        "extra",
        "environment",
        "plugin",
        "git",
        "files",
        "navigation",
        "macros",
        "filters",
        "filters_builtin",
        "now",
        "fix_url",
        "context",
        "macros_info",
        "pretty",
        "relative_url",
        "range",
        "dict",
        "lipsum",
        "cycler",
        "joiner",
        "namespace",
        "loop",
        "self",
        "varargs",
        "kwargs",
        "caller",
        "true",
        "false",
        "none",
        "True",
        "False",
        "None",
    }
)


class _Recorder:
    """Stands in for the mkdocs-macros ``env`` while ``define_env`` registers names."""

    def __init__(self, project: Project) -> None:
        self.project_dir = str(project.root)
        self.conf = project.config
        self.page = None
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Any] = {}
        self.filters: dict[str, Any] = {}

    def macro(self, fn: Any = None, name: str = "") -> Any:
        def register(f: Any) -> Any:
            self.macros[name or f.__name__] = f
            return f

        return register(fn) if fn is not None else register

    def filter(self, fn: Any = None, name: str = "") -> Any:
        def register(f: Any) -> Any:
            self.filters[name or f.__name__] = f
            return f

        return register(fn) if fn is not None else register


def check_macros(project: Project) -> list[Diagnostic]:
    """Findings for every page mkdocs-macros would render."""
    options = project.macros_options()
    if options is None:
        return []
    found: list[Diagnostic] = []
    known, problem = _registered_names(project, options)
    if problem is not None:
        return [problem]
    env = jinja2.Environment()  # noqa: S701 - parsing only, never rendering
    for key, value in _delimiters(options).items():
        setattr(env, key, value)
    render_by_default = bool(options.get("render_by_default", True))
    extra = project.config.get("extra") or {}
    known |= set(extra) if isinstance(extra, Mapping) else set()
    for page in sorted(project.docs_dir.rglob("*.md")):
        rel = page.relative_to(project.root).as_posix()
        decoded = read_or_report(page, rel)  # DG001 and DG002 are the links check's
        if decoded.unreadable is not None:
            continue
        text = decoded.text
        meta, body, first_line = split_front_matter(text)
        wanted = meta.get("render_macros")
        if wanted is False or (not render_by_default and wanted is not True):
            continue
        found.extend(_check_page(env, rel, body, first_line, known | set(meta)))
    return found


def _check_page(
    env: jinja2.Environment, rel: str, body: str, first_line: int, known: set[str]
) -> Iterator[Diagnostic]:
    try:
        tree = env.parse(body)
    except jinja2.TemplateSyntaxError as error:
        yield Diagnostic(
            SYNTAX,
            Severity.ERROR,
            Location(rel, first_line + (error.lineno or 1) - 1),
            f"Jinja syntax error: {error.message}",
            "fix the macro call; wrap literal {{ … }} text (e.g. Elixir tuples) "
            "in {% raw %}…{% endraw %}",
        )
        return
    assigned = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
    reported: set[str] = set()
    for name in tree.find_all(nodes.Name):
        if name.ctx != "load" or name.name in known or name.name in BUILTINS:
            continue
        if name.name in assigned or name.name in reported:
            continue
        reported.add(name.name)
        yield Diagnostic(
            UNDEFINED,
            Severity.ERROR,
            Location(rel, first_line + name.lineno - 1),
            f"unknown macro or variable {name.name!r}",
            "check the spelling against the macros module and extra: settings",
        )
    for filt in tree.find_all(nodes.Filter):
        if filt.name not in known and filt.name not in env.filters and filt.name not in BUILTINS:
            yield Diagnostic(
                UNDEFINED,
                Severity.ERROR,
                Location(rel, first_line + filt.lineno - 1),
                f"unknown filter {filt.name!r}",
                "define it with env.filter",
            )


def _delimiters(options: Mapping[str, Any]) -> dict[str, str]:
    out = {}
    for key in (
        "block_start_string",
        "block_end_string",
        "variable_start_string",
        "variable_end_string",
        "comment_start_string",
        "comment_end_string",
    ):
        value = options.get(f"j2_{key}")
        if value:
            out[key] = str(value)
    return out


def _registered_names(
    project: Project, options: Mapping[str, Any]
) -> tuple[set[str], Diagnostic | None]:
    recorder = _Recorder(project)
    modules = options.get("modules") or []
    for entry in modules if isinstance(modules, list) else []:
        # mkdocs-macros accepts "dist-name:module.name"; the module is what is imported.
        name = str(entry).rsplit(":", 1)[-1]
        problem = _run_define_env(project, recorder, name, functools.partial(_import, name))
        if problem is not None:
            return set(), problem
    module_name = str(options.get("module_name") or "main")
    base = project.root / module_name
    file = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
    if file.is_file():
        where = file.relative_to(project.root).as_posix()
        problem = _run_define_env(project, recorder, where, lambda: _load_file(project, file))
        if problem is not None:
            return set(), problem
    return set(recorder.macros) | set(recorder.filters) | set(recorder.variables), None


def _import(name: str) -> Any:
    return importlib.import_module(name)


def _load_file(project: Project, file: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"_docgen_check_{file.parent.name}", file)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(project.root))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(project.root))
    return module


def _run_define_env(
    project: Project, recorder: _Recorder, where: str, load: Callable[[], Any]
) -> Diagnostic | None:
    try:
        module = load()
        if module is not None and hasattr(module, "define_env"):
            module.define_env(recorder)
    except Exception as error:  # any failure of user code is reported, never raised
        path = where if "/" in where or where.endswith(".py") else "mkdocs.yml"
        return Diagnostic(
            MODULE,
            Severity.ERROR,
            Location(path, 1),
            f"the macros module {where} failed to load: {error}",
            "run `mkdocs build` to see the traceback",
        )
    return None


__all__ = ["check_macros"]
