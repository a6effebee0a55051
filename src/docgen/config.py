"""docgen settings: ``[tool.docgen]`` in ``pyproject.toml`` and ``extra.docgen`` in
``mkdocs.yml`` (the latter wins key by key), validated.

Unknown keys and wrong types are errors that name the key and list the valid
choices; every problem is collected before one :class:`ConfigError` is raised.
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


class ConfigError(DocgenError):
    """The docgen settings are invalid."""


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
    """Settings for the project at ``root`` (the folder of ``mkdocs.yml``)."""
    extra = conf.get("extra") or {}
    from_mkdocs = extra.get("docgen") if isinstance(extra, Mapping) else None
    if from_mkdocs is not None and not isinstance(from_mkdocs, Mapping):
        raise ConfigError("mkdocs.yml: extra.docgen must be a mapping of settings")
    raw: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for where, values in (
        ("pyproject.toml [tool.docgen]", _pyproject(root)),
        ("mkdocs.yml extra.docgen", from_mkdocs or {}),
    ):
        for key, value in values.items():
            raw[key] = value
            origin[key] = where
    errors: list[str] = []

    def problem(key: str, text: str) -> None:
        errors.append(f"{origin.get(key, 'settings')}: {key} {text}")

    for key in sorted(set(raw) - set(KEYS)):
        problem(key, f"is not a docgen setting (valid keys: {', '.join(sorted(KEYS))})")

    docs_dir = Path(str(conf.get("docs_dir") or "docs"))
    docs_abs = docs_dir if docs_dir.is_absolute() else root / docs_dir
    try:
        docs_rel = resolve_inside(root, docs_abs).relative_to(root.resolve()).as_posix()
    except DocgenError as error:
        problem("docs_dir", f"is invalid: {error}")
        docs_rel = "docs"
    found: list[str] = []

    elixir_path = raw.get("elixir_path")
    if elixir_path is not None and not isinstance(elixir_path, str):
        problem("elixir_path", "must be a string path")
        elixir_path = None
    if elixir_path is None:
        site_dir = str(conf.get("site_dir") or "site")
        layout = find_mix_layout(root, exclude=(docs_rel, site_dir))
        elixir_path = layout.elixir_path or "."
        found.append(f"Elixir: {layout.describe()}")
    else:
        try:
            resolve_inside(root, elixir_path)
        except DocgenError as error:
            problem("elixir_path", f"is invalid: {error}")
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
    if errors:
        raise ConfigError("; ".join(errors))
    return SiteSettings(
        root=root.resolve(),
        docs_dir=docs_rel,
        elixir_path=elixir_path,
        plan_globs=tuple(plans),
        use_directory_urls=bool(conf.get("use_directory_urls", True)),
        source_url=source_url,
        boundaries=boundaries,
        ignore=tuple(ignore),
        found=tuple(found),
    )


def _pyproject(root: Path) -> Mapping[str, Any]:
    path = root / "pyproject.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"pyproject.toml: invalid TOML: {error}") from error
    section = data.get("tool", {}).get("docgen", {})
    if not isinstance(section, dict):
        raise ConfigError("pyproject.toml: [tool.docgen] must be a table")
    return section


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
