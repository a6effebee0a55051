"""Plan the macro calls a build's pages will make, before they make them.

At the start of a build the pages that render macros are read (their Jinja
parsed, never rendered) and the docgen calls with literal arguments
(``supervision_tree('dg_store')``, ``plan_progress()``, ``roadmap()``) are
collected, in the order the engine will reach them (MkDocs walks ``docs_dir``
top down, each folder's index first). The session computes them ahead: in the
build's worker child where it can fork (:class:`docgen.background.Jobs`), else
diagrams in threads; a page then finds its fragment under way or done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from docgen.frontmatter import split_front_matter
from docgen.macros.fragments import FRAGMENTS, Where
from docgen.textfile import read_text

INDEX_NAMES = ("index.md", "readme.md")


@dataclass(frozen=True)
class Call:
    """One macro call found on a page."""

    name: str
    args: tuple[Any, ...]
    kwargs: tuple[tuple[str, Any], ...]
    where: Where


def _walk_order(path: Path) -> tuple[tuple[str, ...], int, str]:
    return (path.parts[:-1], 0 if path.name.lower() in INDEX_NAMES else 1, path.name)


def planned_calls(
    docs_dir: Path, options: Mapping[str, Any], from_source: bool = False
) -> list[Call]:
    """Docgen calls with literal arguments on the pages that render macros, each once."""
    env = jinja2.Environment()  # noqa: S701 - parsing only, never rendering
    for key in ("block_start", "block_end", "variable_start", "variable_end"):
        value = options.get(f"j2_{key}_string")
        if value:
            setattr(env, f"{key}_string", str(value))
    by_default = bool(options.get("render_by_default", True))
    try:
        pages = sorted((p.relative_to(docs_dir) for p in docs_dir.rglob("*.md")), key=_walk_order)
    except OSError:
        return []
    calls: dict[Call, None] = {}
    for rel in pages:
        try:
            text = read_text(docs_dir / rel, rel.as_posix()).text
        except OSError:
            continue
        if not any(name in text for name in FRAGMENTS):
            continue
        meta, body, _ = split_front_matter(text)
        wanted = meta.get("render_macros")
        if wanted is False or (not by_default and wanted is not True):
            continue
        try:
            tree = env.parse(body)
        except jinja2.TemplateSyntaxError:
            continue  # reported by the macros check; the page's own render fails
        where = Where(rel.as_posix(), from_source)
        for node in tree.find_all(nodes.Call):
            call = _literal(node, where)
            if call is not None:
                calls[call] = None
    return list(calls)


def _literal(node: nodes.Call, where: Where) -> Call | None:
    name = getattr(node.node, "name", None)
    if name not in FRAGMENTS or node.dyn_args or node.dyn_kwargs:
        return None
    if not all(isinstance(a, nodes.Const) for a in node.args):
        return None
    if not all(isinstance(k.value, nodes.Const) for k in node.kwargs):
        return None
    args = tuple(a.value for a in node.args)  # type: ignore[attr-defined]
    kwargs = tuple((k.key, k.value.value) for k in node.kwargs)  # type: ignore[attr-defined]
    try:
        hash((args, kwargs))
    except TypeError:  # a literal list or dict: not a key
        return None
    return Call(name, args, kwargs, where)
