"""docgen settings from ``mkdocs.yml`` (``extra.docgen``), validated.

Unknown keys and wrong types are errors that name the key and list the valid
choices; every problem is collected before one :class:`ConfigError` is raised.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError
from docgen.paths import resolve_inside
from docgen.plans import DEFAULT_PLAN_GLOBS
from docgen.site import SiteSettings


class ConfigError(DocgenError):
    """``extra.docgen`` in ``mkdocs.yml`` is invalid."""


_KEYS: dict[str, str] = {
    "elixir_path": "directory holding the mix project(s), relative to mkdocs.yml (default: beam)",
    "plans": "list of glob patterns for plan files (default: docs/plans/**/*.md, …)",
    "source_url": "link template for source files, with {path} and {line}",
}


def settings_from_mkdocs(root: Path, conf: Mapping[str, Any]) -> SiteSettings:
    """Settings for the site rooted at ``root`` (the folder of ``mkdocs.yml``)."""
    extra = conf.get("extra") or {}
    raw = extra.get("docgen") or {}
    errors: list[str] = []
    if not isinstance(raw, Mapping):
        raise ConfigError("mkdocs.yml: extra.docgen must be a mapping of settings")
    for key in sorted(set(raw) - set(_KEYS)):
        choices = ", ".join(sorted(_KEYS))
        errors.append(f"unknown key extra.docgen.{key} (valid keys: {choices})")

    elixir_path = raw.get("elixir_path", "beam")
    if not isinstance(elixir_path, str):
        errors.append("extra.docgen.elixir_path must be a string path")
        elixir_path = "beam"
    plans = raw.get("plans", list(DEFAULT_PLAN_GLOBS))
    if not isinstance(plans, list) or not all(isinstance(p, str) for p in plans):
        errors.append("extra.docgen.plans must be a list of glob strings")
        plans = list(DEFAULT_PLAN_GLOBS)
    source_url = raw.get("source_url") or _source_url(conf)
    if source_url is not None and not isinstance(source_url, str):
        errors.append("extra.docgen.source_url must be a string with {path} and {line}")
        source_url = None

    docs_dir = Path(str(conf.get("docs_dir") or "docs"))
    docs_abs = docs_dir if docs_dir.is_absolute() else root / docs_dir
    try:
        resolve_inside(root, elixir_path)
        docs_rel = resolve_inside(root, docs_abs).relative_to(root.resolve()).as_posix()
    except DocgenError as error:
        errors.append(str(error))
        docs_rel = "docs"
    if errors:
        raise ConfigError("mkdocs.yml: " + "; ".join(errors))
    return SiteSettings(
        root=root.resolve(),
        docs_dir=docs_rel,
        elixir_path=elixir_path,
        plan_globs=tuple(plans),
        use_directory_urls=bool(conf.get("use_directory_urls", True)),
        source_url=source_url,
    )


def _source_url(conf: Mapping[str, Any]) -> str | None:
    # With a GitHub/GitLab-style repo_url, link source lines on the host's blob view.
    repo_url = conf.get("repo_url")
    if not repo_url:
        return None
    edit_uri = str(conf.get("edit_uri") or "edit/main/docs/")
    parts = edit_uri.strip("/").split("/")
    branch = parts[1] if len(parts) > 1 and parts[0] in ("edit", "blob") else "main"
    return f"{str(repo_url).rstrip('/')}/blob/{branch}/{{path}}#L{{line}}"
