"""The pluglet's macros as data: what each call is keyed by, how it is drawn, where it goes.

One table serves the macros the pages call (:mod:`docgen.macros`) and the calls
planned before the pages render (:mod:`docgen.macros.prefetch`): a call planned
ahead and the same call made by its page have one key, so the page finds the
fragment already drawn, in this process or in the build's worker child.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.site import DocsSite

DIAGRAM = "diagram"
"""Put back after the page is built: search would index only SVG coordinates."""
BLOCK = "block"
"""Put back after Markdown, before the search indexer reads the page."""
INLINE = "inline"
"""Returned into the page's Markdown as it is (a badge inside a sentence)."""


@dataclass(frozen=True)
class Where:
    """The page a call is made from, as the fragments need it."""

    src: str
    """The page's source path, relative to ``docs_dir``."""
    from_source: bool = False
    """Relative links are read from the page's source folder (Zensical), not its URL."""


@dataclass(frozen=True)
class Fragment:
    kind: str
    key: Callable[..., tuple[Any, ...]]
    """``key(where, *args, **kwargs)``: equal for calls that give the same HTML."""
    draw: Callable[..., str]
    """``draw(site, where, *args, **kwargs)``: the HTML."""


def _app(where: Where, app: str | None = None) -> tuple[Any, ...]:
    return (app,)


def _plan(where: Where, path: str | None = None) -> tuple[Any, ...]:
    return (where.src, path)


def _tree(where: Where, app: str | None = None, since: str | None = None) -> tuple[Any, ...]:
    return (app, since)


FRAGMENTS: dict[str, Fragment] = {
    "supervision_tree": Fragment(
        DIAGRAM,
        _tree,
        lambda site, where, app=None, since=None: site.supervision_tree(app, since),
    ),
    "tree_changes": Fragment(
        BLOCK,
        lambda where, since, until=None: (since, until),
        lambda site, where, since, until=None: site.tree_changes(since, until),
    ),
    "phase_changes": Fragment(
        BLOCK,
        lambda where, phase=None: (where.src, phase),
        lambda site, where, phase=None: site.phase_changes(where.src, phase),
    ),
    "supervision_text": Fragment(
        BLOCK, _app, lambda site, where, app=None: site.supervision_text(app)
    ),
    "app_graph": Fragment(DIAGRAM, lambda where: (), lambda site, where: site.app_graph()),
    "ownership_table": Fragment(
        BLOCK, _app, lambda site, where, app=None: site.ownership_table(app)
    ),
    "restart_table": Fragment(BLOCK, _app, lambda site, where, app=None: site.restart_table(app)),
    "plan_progress": Fragment(
        BLOCK, _plan, lambda site, where, path=None: site.plan_progress(where.src, path)
    ),
    "progress_badge": Fragment(
        INLINE, _plan, lambda site, where, path=None: site.progress_badge(where.src, path)
    ),
    "plan_burnup": Fragment(
        DIAGRAM, _plan, lambda site, where, path=None: site.plan_burnup(where.src, path)
    ),
    "roadmap": Fragment(
        BLOCK,
        lambda where: (where.src, where.from_source),
        lambda site, where: site.roadmap(where.src, where.from_source),
    ),
}


def key_of(
    name: str, where: Where, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Any, ...]:
    """The build-wide key of the call ``name(*args, **kwargs)`` made on the page ``where``."""
    return (name, *FRAGMENTS[name].key(where, *args, **kwargs))


def drawer(
    name: str, where: Where, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> Callable[[DocsSite], str]:
    """The call as a function of the build's site."""
    draw = FRAGMENTS[name].draw
    return lambda site: draw(site, where, *args, **kwargs)
