"""The documented project as ``docgen check`` sees it: ``mkdocs.yml`` read statically.

``mkdocs.yml`` is read with a tolerant YAML loader (MkDocs' ``!ENV`` and
``!!python/name:`` tags are kept as plain values) and without importing MkDocs or
any plugin, so checks run in milliseconds and never execute project code. Nav
entries keep their line in ``mkdocs.yml`` for diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docgen.config import ConfigError, SiteSettings, settings_from_mkdocs
from docgen.diagnostics import Location

CONFIG_FILE = "mkdocs.yml"


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
    """Read ``root/mkdocs.yml`` if present; else a project with ``docs/`` and no nav."""
    root = root.resolve()
    config_path = root / CONFIG_FILE
    if not config_path.is_file():
        return Project(root, settings_from_mkdocs(root, {}))
    text = config_path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=_Loader)
        conf = yaml.load(text, Loader=_Loader) or {}  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{CONFIG_FILE}:{mark.line + 1}" if mark is not None else CONFIG_FILE
        raise ConfigError(f"{where}: invalid YAML: {error}") from error
    if not isinstance(conf, dict):
        raise ConfigError(f"{CONFIG_FILE}: expected a mapping of settings at the top level")
    extensions = tuple(_extension_names(conf.get("markdown_extensions") or []))
    return Project(
        root=root,
        settings=settings_from_mkdocs(root, conf),
        config_file=CONFIG_FILE,
        nav=_nav(node),
        slugify=_slugify(conf.get("markdown_extensions") or []),
        extensions=extensions,
        config=conf,
    )


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
