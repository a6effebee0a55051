"""Draw the diagrams a build's pages will ask for before they ask.

Each diagram is one run of Graphviz ``dot``, a process that leaves this one's
core free. At the start of a build the pages that render macros are read (their
Jinja parsed, never rendered), the diagram calls with literal arguments
(``supervision_tree('dg_store')``, ``app_graph()``) are collected, and the very
macros the pages will call are called at once, each drawing in a thread: the
``dot`` runs overlap each other and the engine's work on the pages. A page then
finds its diagram under way or done (:meth:`docgen.slots.Slots.later` hands it
the same result).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from docgen.frontmatter import split_front_matter

DIAGRAMS = frozenset({"supervision_tree", "app_graph"})
Call = tuple[str, tuple[Any, ...]]


def planned_calls(docs_dir: Path, options: Mapping[str, Any]) -> list[Call]:
    """Diagram macro calls with literal arguments on the pages that render macros."""
    env = jinja2.Environment()  # noqa: S701 - parsing only, never rendering
    for key in ("block_start", "block_end", "variable_start", "variable_end"):
        value = options.get(f"j2_{key}_string")
        if value:
            setattr(env, f"{key}_string", str(value))
    by_default = bool(options.get("render_by_default", True))
    calls: dict[Call, None] = {}
    for page in sorted(docs_dir.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if "supervision_tree" not in text and "app_graph" not in text:
            continue
        meta, body, _ = split_front_matter(text)
        wanted = meta.get("render_macros")
        if wanted is False or (not by_default and wanted is not True):
            continue
        try:
            tree = env.parse(body)
        except jinja2.TemplateSyntaxError:
            continue  # reported by the macros check; the page's own render fails
        for call in tree.find_all(nodes.Call):
            name = getattr(call.node, "name", None)
            if name not in DIAGRAMS or call.kwargs or call.dyn_args or call.dyn_kwargs:
                continue
            consts = [a for a in call.args if isinstance(a, nodes.Const)]
            if len(consts) == len(call.args):
                calls[(name, tuple(c.value for c in consts))] = None
    return list(calls)


def start(calls: list[Call], macros: Mapping[str, Callable[..., str]]) -> None:
    """Make each planned call now: with the engine putting diagrams back after the
    page (:meth:`docgen.slots.Slots.later`), each returns at once and draws in a thread."""
    for name, args in calls:
        with contextlib.suppress(Exception):  # the page's own call reports a failure
            macros[name](*args)
