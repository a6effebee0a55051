"""Draw the diagrams a build's pages will ask for before they ask.

Each diagram is one run of Graphviz ``dot``, a process that leaves this one's
core free. At the start of a build the pages that render macros are read (their
Jinja parsed, never rendered), the diagram calls with literal arguments
(``supervision_tree('dg_store')``, ``app_graph()``) are collected, and a few
threads call the very macros the pages will call: the ``dot`` runs overlap each
other and the engine's work on the first pages. A page then finds its diagram
computed (:meth:`docgen.session.Session.fragment` hands it the same result).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
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


def start(calls: list[Call], macros: Mapping[str, Callable[..., str]]) -> threading.Thread | None:
    """Call each planned macro in background threads; ``None`` when there is nothing."""
    if not calls:
        return None

    def run() -> None:
        workers = max(1, min(len(calls), os.cpu_count() or 1))
        with ThreadPoolExecutor(workers, thread_name_prefix="docgen-dot") as pool:
            for name, args in calls:
                pool.submit(_quietly, macros[name], args)

    thread = threading.Thread(target=run, name="docgen-prefetch", daemon=True)
    thread.start()
    return thread


def _quietly(macro: Callable[..., str], args: tuple[Any, ...]) -> None:
    # A failure is the page's to report when it calls the macro itself.
    with contextlib.suppress(Exception):
        macro(*args)
