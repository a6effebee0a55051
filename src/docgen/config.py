"""docgen settings: ``[tool.docgen]`` in ``pyproject.toml`` and ``extra.docgen`` in
``mkdocs.yml`` (the latter wins key by key), validated.

Unknown keys, wrong types and an unreadable ``pyproject.toml`` are
:class:`SettingProblem` values that name the key and list the valid choices; the
setting concerned falls back to its default, so :func:`read_settings` always
returns usable settings with every problem found. :func:`settings_from_mkdocs`
(the build's door) raises one :class:`ConfigError` listing them all instead.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError
from docgen.layout import find_mix_layout, source_url_template
from docgen.paths import resolve_inside
from docgen.plans.discovery import DEFAULT_PLAN_GLOBS, default_plan_globs
from docgen.textfile import read_text


class ConfigError(DocgenError):
    """The docgen settings are invalid."""


UNREADABLE_CONFIG = "DG701"
UNKNOWN_SETTING = "DG702"
INVALID_SETTING = "DG703"


@dataclass(frozen=True, slots=True)
class SettingProblem:
    """One problem with a setting: the file, the key's path in it, what is wrong."""

    file: str
    """``mkdocs.yml`` or ``pyproject.toml``."""
    keys: tuple[str, ...]
    """Where in the file, e.g. ``("extra", "docgen", "plans")``; ``()``: the whole file."""
    code: str
    message: str
    line: int = 0
    """Where the file says (unreadable TOML); else found from :attr:`keys` by the reader."""
    column: int = 0

    def __str__(self) -> str:
        table = ".".join(self.keys[:-1])
        if table and self.file == PYPROJECT:
            table = f"[{table}]"
        place = f"{self.file} {table}".rstrip()
        return f"{place}: {' '.join((*self.keys[-1:], self.message))}"


@dataclass(frozen=True, slots=True)
class SiteSettings:
    """Where things are, and check rules. Paths are relative to ``root``, inside it."""

    root: Path
    docs_dir: str = "docs"
    elixir_path: str = "beam"
    plan_globs: tuple[str, ...] = DEFAULT_PLAN_GLOBS
    use_directory_urls: bool = True
    source_url: str | None = None
    """Template for source links, e.g. ``https://host/org/repo/blob/main/{path}#L{line}``."""
    boundaries: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """Per OTP app, the in-umbrella apps it may depend on (apps not listed: any)."""
    ignore: tuple[str, ...] = ()
    """Diagnostic codes ``docgen check`` does not report."""
    found: tuple[str, ...] = ()
    """What was found rather than configured, in words (for the build log)."""

    def allowed_deps(self) -> dict[str, tuple[str, ...]]:
        return dict(self.boundaries)

    def docs_dir_path(self) -> Path:
        return self.root / self.docs_dir

    def elixir_dir(self) -> Path:
        """The analysed directory (refused when it escapes the root)."""
        return resolve_inside(self.root, self.elixir_path)

    def elixir_prefix(self) -> str:
        """``elixir_dir`` relative to the root; ``""`` when it is the root itself."""
        rel = self.elixir_dir().relative_to(self.root.resolve()).as_posix()
        return "" if rel == "." else rel


KEYS: dict[str, str] = {
    "elixir_path": "directory holding the mix project(s), relative to the root "
    "(default: found, the folder of the topmost mix.exs files)",
    "plans": "list of glob patterns for plan files "
    "(default: <docs_dir>/plans/**/*.md, <docs_dir>/**/*EXECUTION_PLAN*.md, "
    "<docs_dir>/**/*MASTERPLAN*.md)",
    "source_url": "link template for source files, with {path} and {line} "
    "(default: derived from repo_url)",
    "boundaries": "mapping of OTP app to the list of in-umbrella apps it may depend on",
    "ignore": "list of diagnostic codes to leave out of docgen check (e.g. DG305)",
}
_CODE = re.compile(r"^DG\d{3}$")
PLANS_FOUND = "plans"
"""In :attr:`SiteSettings.found`: the plan globs are the defaults under ``docs_dir``."""


def settings_from_mkdocs(root: Path, conf: Mapping[str, Any]) -> SiteSettings:
    """Settings for the project at ``root`` (the folder of ``mkdocs.yml``);
    :class:`ConfigError` listing every problem when there are any."""
    settings, problems = read_settings(root, conf)
    if problems:
        raise ConfigError("; ".join(str(p) for p in problems))
    return settings


MKDOCS = "mkdocs.yml"
PYPROJECT = "pyproject.toml"


def read_settings(
    root: Path, conf: Mapping[str, Any]
) -> tuple[SiteSettings, tuple[SettingProblem, ...]]:
    """Settings for the project at ``root`` and the problems found in them (a setting
    with a problem takes its default)."""
    problems: list[SettingProblem] = []
    extra = conf.get("extra") or {}
    from_mkdocs = extra.get("docgen") if isinstance(extra, Mapping) else None
    if from_mkdocs is not None and not isinstance(from_mkdocs, Mapping):
        problems.append(
            SettingProblem(
                MKDOCS, ("extra", "docgen"), INVALID_SETTING, "must be a mapping of settings"
            )
        )
        from_mkdocs = None
    raw: dict[str, Any] = {}
    origin: dict[str, tuple[str, tuple[str, ...]]] = {}
    from_pyproject, unreadable = _pyproject(root)
    problems.extend(unreadable)
    for where, values in (
        ((PYPROJECT, ("tool", "docgen")), from_pyproject),
        ((MKDOCS, ("extra", "docgen")), from_mkdocs or {}),
    ):
        for key, value in values.items():
            raw[str(key)] = value
            origin[str(key)] = where

    def problem(key: str, text: str, code: str = INVALID_SETTING) -> None:
        file, prefix = origin.get(key, (MKDOCS, ()))
        problems.append(SettingProblem(file, (*prefix, key), code, text))

    for key in sorted(set(raw) - set(KEYS)):
        problem(
            key, f"is not a docgen setting (valid keys: {', '.join(sorted(KEYS))})", UNKNOWN_SETTING
        )

    docs_value = conf.get("docs_dir") or "docs"
    if not isinstance(docs_value, str):
        problems.append(SettingProblem(MKDOCS, ("docs_dir",), INVALID_SETTING, "must be a path"))
        docs_value = "docs"
    docs_dir = Path(docs_value)
    docs_abs = docs_dir if docs_dir.is_absolute() else root / docs_dir
    try:
        docs_rel = resolve_inside(root, docs_abs).relative_to(root.resolve()).as_posix()
    except DocgenError as error:
        problems.append(
            SettingProblem(MKDOCS, ("docs_dir",), INVALID_SETTING, f"is invalid: {error}")
        )
        docs_rel = "docs"
    found: list[str] = []

    elixir_path = raw.get("elixir_path")
    if elixir_path is not None and not isinstance(elixir_path, str):
        problem("elixir_path", "must be a string path")
        elixir_path = None
    if elixir_path is not None:
        try:
            resolve_inside(root, elixir_path)
        except DocgenError as error:
            problem("elixir_path", f"is invalid: {error}")
            elixir_path = None
    if elixir_path is None:
        site_dir = conf.get("site_dir")
        site_dir = site_dir if isinstance(site_dir, str) and site_dir else "site"
        layout = find_mix_layout(root, exclude=(docs_rel, site_dir))
        elixir_path = layout.elixir_path or "."
        found.append(f"Elixir: {layout.describe()}")
    plans = raw.get("plans")
    if plans is not None and (
        not isinstance(plans, list) or not all(isinstance(p, str) for p in plans)
    ):
        problem("plans", "must be a list of glob strings")
        plans = None
    if plans is None:
        plans = list(default_plan_globs(docs_rel))
        found.append(PLANS_FOUND)
    source_url = raw.get("source_url")
    if source_url is not None and not isinstance(source_url, str):
        problem("source_url", "must be a string with {path} and {line}")
        source_url = None
    if not source_url:
        source_url = source_url_template(root, conf)
        found.append(
            f"source links: from repo_url ({source_url})" if source_url else "source links: none"
        )
    boundaries = _boundaries(raw.get("boundaries", {}), problem)
    ignore = raw.get("ignore", [])
    if not isinstance(ignore, list) or not all(
        isinstance(c, str) and _CODE.match(c) for c in ignore
    ):
        problem("ignore", "must be a list of diagnostic codes such as DG305")
        ignore = []
    use_directory_urls = conf.get("use_directory_urls", True)
    if not isinstance(use_directory_urls, bool):
        problems.append(
            SettingProblem(
                MKDOCS, ("use_directory_urls",), INVALID_SETTING, "must be true or false"
            )
        )
        use_directory_urls = True
    settings = SiteSettings(
        root=root.resolve(),
        docs_dir=docs_rel,
        elixir_path=elixir_path,
        plan_globs=tuple(plans),
        use_directory_urls=use_directory_urls,
        source_url=source_url,
        boundaries=boundaries,
        ignore=tuple(ignore),
        found=tuple(found),
    )
    return settings, tuple(problems)


_TOML_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _pyproject(root: Path) -> tuple[Mapping[str, Any], list[SettingProblem]]:
    path = root / PYPROJECT
    if not path.is_file():
        return {}, []
    try:
        decoded = read_text(path, PYPROJECT)
        data = tomllib.loads(decoded.text)
    except OSError as error:
        return {}, [SettingProblem(PYPROJECT, (), UNREADABLE_CONFIG, f"cannot be read: {error}")]
    except tomllib.TOMLDecodeError as error:
        at = _TOML_AT.search(str(error))
        line, column = (int(at.group(1)), int(at.group(2))) if at else (1, 0)
        message = (
            f"is not valid TOML: {_TOML_AT.sub('', str(error)).strip()}; [tool.docgen] ignored"
        )
        return {}, [SettingProblem(PYPROJECT, (), UNREADABLE_CONFIG, message, line, column)]
    tool = data.get("tool", {})
    section = tool.get("docgen", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        problem = SettingProblem(PYPROJECT, ("tool", "docgen"), INVALID_SETTING, "must be a table")
        return {}, [problem]
    return section, []


def _boundaries(value: Any, problem: Any) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(value, Mapping) or not all(
        isinstance(app, str) and isinstance(deps, list) and all(isinstance(d, str) for d in deps)
        for app, deps in value.items()
    ):
        problem(
            "boundaries",
            "must map each app name to a list of app names, "
            "e.g. {dg_domain: [], dg_api: [dg_domain]}",
        )
        return ()
    return tuple(sorted((app, tuple(sorted(deps))) for app, deps in value.items()))
