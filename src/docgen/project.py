"""The documented project as ``docgen check`` sees it: ``mkdocs.yml`` read statically.

``mkdocs.yml`` is read with a tolerant YAML loader (MkDocs' ``!ENV`` and
``!!python/name:`` tags are kept as plain values) and without importing MkDocs or
any plugin, so checks run in milliseconds and never execute project code. Nav
entries keep their line in ``mkdocs.yml`` for diagnostics.

A broken configuration never stops the checks: its problems are
:attr:`Project.problems` with file, line and column (``DG701`` invalid YAML or
TOML, ``DG702`` unknown docgen setting, ``DG703`` a setting of the wrong type,
``DG704`` a key MkDocs does not know), and what is wrong is left out. Invalid
YAML is read again without the offending line (up to :data:`MAX_REPAIRS`
times); each top-level key whose value held such a line is dropped, so a broken
``nav`` falls back to the files and a broken ``extra`` to the defaults.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docgen.config import (
    INVALID_SETTING,
    UNKNOWN_SETTING,
    UNREADABLE_CONFIG,
    SettingProblem,
    SiteSettings,
    read_settings,
)
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.textfile import read_text

CONFIG_FILE = "mkdocs.yml"
UNKNOWN_MKDOCS_KEY = "DG704"


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One page in ``nav``: its title (if given), docs-relative source path, location."""

    title: str | None
    target: str
    location: Location


@dataclass(frozen=True, slots=True)
class Project:
    """Root, docs and nav of a MkDocs project (or a bare repository without one)."""

    root: Path
    settings: SiteSettings
    config_file: str | None = None
    nav: tuple[NavEntry, ...] | None = None
    slugify: str = "toc"
    """``toc`` (Python-Markdown's default) or ``pymdownx`` (``pymdownx.slugs``)."""
    extensions: tuple[str, ...] = ()
    config: Mapping[str, Any] = field(default_factory=dict, repr=False)
    problems: tuple[Diagnostic, ...] = ()
    """What is wrong with the configuration (left out; see the module docstring)."""

    @property
    def docs_dir(self) -> Path:
        return self.root / self.settings.docs_dir

    @property
    def use_directory_urls(self) -> bool:
        return self.settings.use_directory_urls

    def macros_options(self) -> dict[str, Any] | None:
        """The mkdocs-macros plugin's options; ``None`` when the plugin is not used."""
        for plugin in self.config.get("plugins") or []:
            if plugin == "macros":
                return {}
            if isinstance(plugin, Mapping) and "macros" in plugin:
                return dict(plugin["macros"] or {})
        return None


def load_project(root: Path) -> Project:
    """Read ``root/mkdocs.yml`` if present; else a project with ``docs/`` and no nav.
    Never raises for a broken configuration (see the module docstring)."""
    root = root.resolve()
    config_path = root / CONFIG_FILE
    problems: list[Diagnostic] = []
    if not config_path.is_file():
        settings, found = read_settings(root, {})
        problems += (_located(root, p, None) for p in found)
        return Project(root, settings, problems=tuple(problems))
    try:
        decoded = read_text(config_path, CONFIG_FILE)
    except OSError as error:
        problems.append(
            _diagnostic(UNREADABLE_CONFIG, Location(CONFIG_FILE, 1), f"cannot be read: {error}")
        )
        decoded = None
    problems += decoded.problems() if decoded else ()
    node, conf, yaml_problems = _read_yaml(decoded.text if decoded else "")
    problems += yaml_problems
    conf, type_problems = _checked(conf, node)
    problems += type_problems
    settings, found = read_settings(root, conf)
    problems += (_located(root, p, node) for p in found)
    markdown_extensions = conf.get("markdown_extensions") or []
    return Project(
        root=root,
        settings=settings,
        config_file=CONFIG_FILE,
        nav=_nav(node) if "nav" in conf else None,
        slugify=_slugify(markdown_extensions),
        extensions=tuple(_extension_names(markdown_extensions)),
        config=conf,
        problems=tuple(problems),
    )


MAX_REPAIRS = 20
"""Lines of invalid YAML left out, one after the other, before giving up."""


def _read_yaml(text: str) -> tuple[yaml.Node | None, dict[str, Any], list[Diagnostic]]:
    """The YAML's node tree and value (a mapping), repaired where it is invalid."""
    lines = text.split("\n")
    dropped: list[int] = []
    problems: list[Diagnostic] = []
    for _ in range(MAX_REPAIRS + 1):
        attempt = "\n".join(lines)
        try:
            node = yaml.compose(attempt, Loader=_Loader)
            conf = yaml.load(attempt, Loader=_Loader)  # noqa: S506 - safe loader subclass
            break
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
            line = mark.line if mark is not None else -1
            if not dropped:
                column = mark.column + 1 if mark is not None else 0
                where = Location(CONFIG_FILE, max(line, 0) + 1, column)
                problem = getattr(error, "problem", None) or str(error).split("\n")[0]
                problems.append(_diagnostic(UNREADABLE_CONFIG, where, f"invalid YAML: {problem}"))
            if not 0 <= line < len(lines) or line in dropped:
                return None, {}, problems
            dropped.append(line)
            lines[line] = ""
    else:
        return None, {}, problems
    if conf is None:
        return node, {}, problems
    if not isinstance(conf, dict) or not isinstance(node, yaml.MappingNode):
        where = Location(CONFIG_FILE, node.start_mark.line + 1 if node else 1)
        problems.append(
            _diagnostic(INVALID_SETTING, where, "expected a mapping of settings at the top level")
        )
        return None, {}, problems
    if dropped:
        lost = [
            str(key.value)
            for key, value in node.value
            if any(key.start_mark.line <= d <= value.end_mark.line for d in dropped)
        ]
        for name in lost:
            conf.pop(name, None)
        node.value = [(k, v) for k, v in node.value if str(k.value) not in lost]
        if lost and problems:
            first = problems[0]
            keys = ", ".join(f"`{k}`" for k in lost)
            problems[0] = dataclasses.replace(
                first, message=f"{first.message}; {keys} left out, the rest read"
            )
    return node, conf, problems


_EXPECTED: dict[str, tuple[type | tuple[type, ...], str]] = {
    "site_name": (str, "a string"),
    "docs_dir": (str, "a path"),
    "site_dir": (str, "a path"),
    "repo_url": (str, "a URL"),
    "edit_uri": (str, "a path or URL"),
    "nav": (list, "a list of pages and sections"),
    "markdown_extensions": ((list, dict), "a list of extensions"),
    "plugins": ((list, dict), "a list of plugins"),
    "extra": (dict, "a mapping"),
    "watch": (list, "a list of paths"),
    "use_directory_urls": (bool, "true or false"),
}
"""The MkDocs settings docgen reads, and what each must be."""

MKDOCS_KEYS = frozenset(
    {
        *_EXPECTED,
        "INHERIT", "site_url", "site_description", "site_author", "repo_name",
        "edit_uri_template", "copyright", "google_analytics", "theme", "extra_css",
        "extra_javascript", "extra_templates", "hooks", "strict", "dev_addr",
        "remote_branch", "remote_name", "validation", "exclude_docs", "draft_docs",
        "not_in_nav", "mdx_configs", "pages", "theme_dir", "include_dir",
    }
)  # fmt: skip
"""MkDocs 1.6's configuration names (``mkdocs.config.defaults.MkDocsConfig``)."""


def _checked(
    conf: dict[str, Any], node: yaml.Node | None
) -> tuple[dict[str, Any], list[Diagnostic]]:
    """``conf`` without the settings of the wrong type, and a finding for each."""
    problems: list[Diagnostic] = []
    kept = dict(conf)
    for key, value in conf.items():
        where = _where(node, (str(key),))
        if key not in MKDOCS_KEYS:
            problems.append(
                _diagnostic(
                    UNKNOWN_MKDOCS_KEY,
                    where,
                    f"`{key}` is not a MkDocs setting (MkDocs ignores it with a warning)",
                    Severity.WARNING,
                )
            )
            continue
        expected = _EXPECTED.get(key)
        if expected is None or value is None or isinstance(value, expected[0]):
            continue
        problems.append(
            _diagnostic(INVALID_SETTING, where, f"`{key}` must be {expected[1]}; ignored")
        )
        del kept[key]
    return kept, problems


def _located(root: Path, problem: SettingProblem, node: yaml.Node | None) -> Diagnostic:
    if problem.line:
        where = Location(problem.file, problem.line, problem.column)
    elif problem.file == CONFIG_FILE:
        where = _where(node, problem.keys)
    else:
        where = Location(problem.file, _toml_line(root, problem), 0)
    return _diagnostic(problem.code, where, str(problem))


def _where(node: yaml.Node | None, keys: tuple[str, ...]) -> Location:
    """The line and column of the deepest of ``keys`` present in the YAML ``node``."""
    found = Location(CONFIG_FILE, 1)
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            break
        for k, v in node.value:
            if str(k.value) == key:
                found = Location(CONFIG_FILE, k.start_mark.line + 1, k.start_mark.column + 1)
                node = v
                break
        else:
            break
    return found


def _toml_line(root: Path, problem: SettingProblem) -> int:
    """The line of ``problem``'s key in ``pyproject.toml`` (else its table's header)."""
    try:
        lines = read_text(root / problem.file, problem.file).text.split("\n")
    except OSError:
        return 1
    table = ".".join(problem.keys[:-1]) if len(problem.keys) > 1 else ".".join(problem.keys)
    key = problem.keys[-1] if len(problem.keys) > 1 else None
    header = 0
    for number, text in enumerate(lines, 1):
        stripped = text.strip()
        if stripped.startswith("["):
            if header and key is not None:
                break  # the key is not in the table: point at the header
            if stripped.strip("[] ") == table:
                header = number
                if key is None:
                    return number
        elif header and key is not None and stripped.split("=", 1)[0].strip() == key:
            return number
    return header or 1


def _diagnostic(
    code: str, where: Location, message: str, severity: Severity = Severity.ERROR
) -> Diagnostic:
    hint = {
        UNREADABLE_CONFIG: "fix the syntax; the checks ran without the broken part",
        UNKNOWN_SETTING: "remove it, or spell it as one of the valid keys",
        INVALID_SETTING: "fix the value; its default was used",
        UNKNOWN_MKDOCS_KEY: "remove it, or check its spelling against the MkDocs docs",
    }.get(code, "")
    return Diagnostic(code, severity, where, message, hint)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps unknown tags (``!ENV``, ``!!python/name:…``) as data."""


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    # Keep the tag: ``!!python/name:pymdownx.slugs.uslugify`` is the value itself.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node) or suffix
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return {"__tag__": suffix, **loader.construct_mapping(node)}  # type: ignore[arg-type]


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return _unknown_tag(loader, f"!!python/{suffix}", node)


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV``: ``!ENV NAME`` or ``!ENV [NAME, OTHER, default]``; the first
    variable that is set (its text read as a YAML scalar), else the default (or null)."""
    default: Any = None
    if isinstance(node, yaml.SequenceNode):
        names = list(node.value)
        if len(names) > 1:
            default = loader.construct_object(names.pop())
    else:
        names = [node]
    for name in names:
        if not isinstance(name, yaml.ScalarNode):
            continue
        value = os.environ.get(str(loader.construct_scalar(name)))
        if value is not None:
            try:
                return yaml.safe_load(value) if value else value
            except yaml.YAMLError:
                return value
    return default


_Loader.add_constructor("!ENV", _env_tag)
_Loader.add_multi_constructor("!", _unknown_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _nav(root: yaml.Node | None) -> tuple[NavEntry, ...] | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            return tuple(_nav_entries(value, None))
    return None


def _nav_entries(node: yaml.Node, title: str | None) -> Iterator[NavEntry]:
    if isinstance(node, yaml.ScalarNode):
        value = str(node.value)
        if "://" not in value and not value.startswith(("/", "#")):
            yield NavEntry(title, value, Location(CONFIG_FILE, node.start_mark.line + 1))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _nav_entries(item, None)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _nav_entries(value, str(key.value))


def _extension_names(extensions: list[Any]) -> Iterator[str]:
    for item in extensions:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            yield from (str(k) for k in item)


def _slugify(extensions: list[Any]) -> str:
    for item in extensions:
        if isinstance(item, dict) and "toc" in item and isinstance(item["toc"], dict):
            slugify = str(item["toc"].get("slugify") or "")
            if "pymdownx" in slugify or "slugs" in slugify:
                return "pymdownx"
    return "toc"
