"""The docgen pluglet for mkdocs-macros and Zensical: a thin adapter over :mod:`docgen.site`.

Any project loads it with::

    plugins:
      - macros:
          modules: [docgen.macros]

Both engines call ``define_env(env)``: MkDocs (mkdocs-macros) once per build,
Zensical once for every page that renders macros. Every call goes through the
process-wide :data:`~docgen.session.SESSIONS`, so the analysis, the plans and
the checks run once per build however often it is called. Findings are logged
under ``mkdocs.plugins.docgen`` once per build: at the end of a MkDocs build
(``on_post_build``, before ``--strict`` counts warnings), at the first page of a
Zensical build. Settings live in ``mkdocs.yml`` under ``extra.docgen``; without
them, the mix projects, plans and source links are found (:mod:`docgen.layout`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError
from docgen.macros import prefetch
from docgen.macros.engine_mkdocs import hook_build
from docgen.macros.pages import PageFacts
from docgen.paths import is_covered
from docgen.session import SESSIONS, Session
from docgen.site import DocsSite

log = logging.getLogger("mkdocs.plugins.docgen")

MKDOCS = "mkdocs"
ZENSICAL = "zensical"


def engine_of(env: Any) -> str | None:
    """``mkdocs`` or ``zensical`` for the engines' own macro environments, else ``None``."""
    module = type(env).__module__
    if module.startswith("mkdocs_macros"):
        return MKDOCS
    if module.startswith("zensical"):
        return ZENSICAL
    return None


def define_env(env: Any) -> None:
    """Register the docgen macros on the engine's macro environment ``env``."""
    engine = engine_of(env)
    if engine == ZENSICAL:
        _log_to_stderr()
    session, new_build = _open(env, engine)
    planned: list[prefetch.Call] = []
    if new_build:
        line = session.describe()
        if line:
            log.info(line)
        if engine == MKDOCS:
            session.slots_enabled = hook_build(env.conf, session)
            planned = prefetch.planned_calls(session.settings.docs_dir_path(), env.config)
            if planned:  # the pages draw trees: analyse before forking, the checks reuse it
                session.site.analysis  # noqa: B018 - computed for its cached result
            session.start_checks()  # beside the build; collected by on_post_build
        if engine == ZENSICAL:  # no end-of-build hook: report at the first page
            _hint_watch(env.conf, session)
            session.report_checks()

    def block(html: str, searchable: bool = True) -> str:
        """A block fragment, held past Markdown where the engine can put it back."""
        return session.slots.hold(html, searchable) if session.slots_enabled else html

    def drawn(key: tuple[Any, ...], build: Callable[[], str]) -> str:
        """A diagram: where the engine puts it back after the page, drawn meanwhile."""
        if session.slots_enabled:
            return session.slots.later(repr(key), lambda: session.fragment(key, build))
        return once(key, build)

    def page_src() -> str:
        facts = PageFacts.of(env.page)
        return facts.src_path if facts is not None else "index.md"

    # Zensical counts no Python warning, not even under --strict: with the macros
    # option on_error_fail, a macro that cannot render stops its build instead.
    fail_fast = engine == ZENSICAL and bool(_option(env, "on_error_fail"))

    def once(key: tuple[Any, ...], build: Callable[[], str]) -> str:
        """The call's HTML, computed once per build."""
        html = session.fragment(key, build)
        if fail_fast and session.site.failures:
            raise DocgenError(f"docgen: {session.site.failures[0]}")
        return html

    def site() -> DocsSite:  # the current build's, read at call time
        return session.site

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_tree(app: str | None = None) -> str:
        """SVG diagram of one application's supervision tree, or of all of them."""
        return drawn(("tree", app), lambda: site().supervision_tree(app))

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_text(app: str | None = None) -> str:
        """The same tree as ASCII text, the way engineers hand-draw it."""
        return block(once(("text", app), lambda: site().supervision_text(app)))

    @env.macro  # type: ignore[untyped-decorator]
    def app_graph() -> str:
        """SVG diagram of the in-umbrella dependencies between applications."""
        return drawn(("apps",), lambda: site().app_graph())

    @env.macro  # type: ignore[untyped-decorator]
    def ownership_table(app: str | None = None) -> str:
        """Table of which application starts which long-lived process."""
        return block(once(("ownership", app), lambda: site().ownership_table(app)))

    @env.macro  # type: ignore[untyped-decorator]
    def plan_progress(path: str | None = None) -> str:
        """Progress of a plan (default: the current page) with a row per section."""
        src = page_src()
        return block(once(("progress", src, path), lambda: site().plan_progress(src, path)))

    @env.macro  # type: ignore[untyped-decorator]
    def progress_badge(path: str | None = None) -> str:
        """Compact done/total badge of a plan (default: the current page)."""
        src = page_src()
        return once(("badge", src, path), lambda: site().progress_badge(src, path))

    @env.macro  # type: ignore[untyped-decorator]
    def plan_burnup(path: str | None = None) -> str:
        """Burn-up chart of a plan (default: the current page) from its git history."""
        src = page_src()
        return drawn(("burnup", src, path), lambda: site().plan_burnup(src, path))

    @env.macro  # type: ignore[untyped-decorator]
    def roadmap() -> str:
        """Every phase plan: status, progress bar, link and items left."""
        # Zensical resolves a page's relative links from its source folder.
        src, from_source = page_src(), engine == ZENSICAL
        html = once(("roadmap", src, from_source), lambda: site().roadmap(src, from_source))
        return block(html)

    # Diagrams the pages will ask for start drawing now (MkDocs, where they are put back).
    prefetch.start(planned, {"supervision_tree": supervision_tree, "app_graph": app_graph})


def on_post_build(env: Any) -> None:
    """mkdocs-macros' end-of-build hook: log the build's findings (once)."""
    session = SESSIONS.current(Path(env.project_dir))
    if session is not None:
        session.report_checks()


def _open(env: Any, engine: str | None) -> tuple[Session, bool]:
    try:
        return SESSIONS.open(Path(env.project_dir), env.conf, env.conf)
    except DocgenError as error:
        if engine == MKDOCS:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"docgen: {error}") from None
        raise


def _option(env: Any, name: str) -> Any:
    config = getattr(env, "config", None)
    return config.get(name) if isinstance(config, dict) else None


def _hint_watch(conf: Any, session: Session) -> None:
    """Zensical rebuilds (and re-renders cached pages) only for files it watches."""
    settings = session.settings
    watched = conf.get("watch") if isinstance(conf, dict) else None
    if is_covered(
        settings.elixir_dir(), watched if isinstance(watched, list) else [], settings.root
    ):
        return
    prefix = settings.elixir_prefix() or "."
    log.info(
        "docgen: add `watch: [%s]` to mkdocs.yml so that zensical serve (and a build "
        "without --clean) notices edits to the Elixir files",
        prefix,
    )


class _ZensicalHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Zensical configures no logging: docgen's lines go to stderr as MkDocs shows them."""


def _log_to_stderr() -> None:
    if log.hasHandlers():
        return
    handler = _ZensicalHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)


__all__ = ["define_env", "on_post_build"]
