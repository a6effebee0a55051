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
Zensical build. Under MkDocs, the calls the pages will make are planned from
their Jinja (:mod:`docgen.macros.prefetch`) and computed ahead, with the checks,
in a forked worker (:class:`docgen.background.Jobs`). Settings live in
``mkdocs.yml`` under ``extra.docgen``; without them, the mix projects, plans and
source links are found (:mod:`docgen.layout`).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.errors import DocgenError
from docgen.macros import prefetch
from docgen.macros.engine_mkdocs import hook_build
from docgen.macros.fragments import BLOCK, DIAGRAM, FRAGMENTS, Where, drawer, key_of
from docgen.macros.pages import PageFacts
from docgen.paths import is_covered
from docgen.session import SESSIONS, Session

if TYPE_CHECKING:
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
    try:
        session, new_build = _open(env, engine)
    except DocgenError as error:  # MkDocs gets a PluginError (see _open)
        if engine != ZENSICAL:
            raise
        _stop_zensical(env, f"docgen: {error}")
        return
    if new_build:
        line = session.describe()
        if line:
            log.info(line)
        if engine == MKDOCS:
            session.slots_enabled = hook_build(env.conf, session)
            _plan_ahead(session, env.config)
        if engine == ZENSICAL:  # no end-of-build hook: report at the first page
            _hint_watch(env.conf, session)
            session.report_checks()

    # Zensical counts no Python warning, not even under --strict: with the macros
    # option on_error_fail, a macro that cannot render stops its build instead.
    fail_fast = engine == ZENSICAL and bool(_option(env, "on_error_fail"))
    from_source = engine == ZENSICAL  # Zensical reads relative links from the source folder

    def render(name: str, *args: Any, **kwargs: Any) -> str:
        where = Where(_page_src(env), from_source)
        key = key_of(name, where, args, kwargs)
        draw = drawer(name, where, args, kwargs)

        def build() -> str:
            return draw(session.site)  # the current build's site, read at call time

        kind = FRAGMENTS[name].kind
        if kind == DIAGRAM and session.slots_enabled:  # put back after the page, drawn meanwhile
            return session.slots.later(repr(key), lambda: session.fragment(key, build))
        html = session.fragment(key, build)
        if fail_fast and session.site.failures:
            _stop_zensical(env, f"docgen: {session.site.failures[0]}")
        if kind == BLOCK and session.slots_enabled:  # put back after Markdown
            return session.slots.hold(html, searchable=True)
        return html

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_tree(app: str | None = None, since: str | None = None) -> str:
        """SVG diagram of one application's supervision tree, or of all of them; with
        ``since`` (a git revision or ``phase:N``), what changed since then marked."""
        return render("supervision_tree", app, since=since)

    @env.macro  # type: ignore[untyped-decorator]
    def tree_changes(since: str, until: str | None = None) -> str:
        """Table of the children added, removed and changed from ``since`` to ``until``
        (default: the working tree)."""
        return render("tree_changes", since, until)

    @env.macro  # type: ignore[untyped-decorator]
    def phase_changes(phase: int | None = None) -> str:
        """What a phase (default: the page's plan) changed in the runtime: the tree
        changes from the previous phase's completion to this one's."""
        return render("phase_changes", phase)

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_text(app: str | None = None) -> str:
        """The same tree as ASCII text, the way engineers hand-draw it."""
        return render("supervision_text", app)

    @env.macro  # type: ignore[untyped-decorator]
    def app_graph() -> str:
        """SVG diagram of the in-umbrella dependencies between applications."""
        return render("app_graph")

    @env.macro  # type: ignore[untyped-decorator]
    def ownership_table(app: str | None = None) -> str:
        """Table of which application starts which long-lived process."""
        return render("ownership_table", app)

    @env.macro  # type: ignore[untyped-decorator]
    def restart_table(app: str | None = None) -> str:
        """Per supervisor its strategy and restart limit; per child what a crash takes down."""
        return render("restart_table", app)

    @env.macro  # type: ignore[untyped-decorator]
    def plan_progress(path: str | None = None) -> str:
        """Progress of a plan (default: the current page) with a row per section."""
        return render("plan_progress", path)

    @env.macro  # type: ignore[untyped-decorator]
    def progress_badge(path: str | None = None) -> str:
        """Compact done/total badge of a plan (default: the current page)."""
        return render("progress_badge", path)

    @env.macro  # type: ignore[untyped-decorator]
    def plan_burnup(path: str | None = None) -> str:
        """Burn-up chart of a plan (default: the current page) from its git history."""
        return render("plan_burnup", path)

    @env.macro  # type: ignore[untyped-decorator]
    def roadmap() -> str:
        """Every phase plan: status, progress bar, link and items left."""
        return render("roadmap")


def _page_src(env: Any) -> str:
    """The current page's source path; ``index.md`` outside a page (mkdocs-macros
    raises ``AttributeError`` for ``env.page`` before the first page)."""
    try:
        facts = PageFacts.of(env.page)
    except AttributeError:
        facts = None
    return facts.src_path if facts is not None else "index.md"


def _plan_ahead(session: Session, options: Any) -> None:
    """Compute the calls the pages will make (MkDocs, where fragments are put back)
    before they make them: tables, badges and progress first (Markdown needs them),
    then diagrams, in page order, then the checks; all in the build's worker child
    when it can fork, else the diagrams in threads here."""
    calls = prefetch.planned_calls(
        session.settings.docs_dir_path(), options if isinstance(options, dict) else {}
    )
    planned: dict[tuple[Any, ...], Callable[[DocsSite], str]] = {}
    diagrams: dict[tuple[Any, ...], Callable[[DocsSite], str]] = {}
    for call in calls:
        try:
            key = key_of(call.name, call.where, call.args, dict(call.kwargs))
        except TypeError:  # arguments the macro does not take: the page reports it
            continue
        jobs = diagrams if FRAGMENTS[call.name].kind == DIAGRAM else planned
        if key not in jobs:  # one call on many pages: drawn once
            jobs[key] = drawer(call.name, call.where, call.args, dict(call.kwargs))
    if session.start_worker([*planned.items(), *diagrams.items()]) or not session.slots_enabled:
        return
    for key, draw in diagrams.items():
        session.slots.later(repr(key), partial(_fragment, session, key, draw))


def _fragment(session: Session, key: tuple[Any, ...], draw: Callable[[DocsSite], str]) -> str:
    return session.fragment(key, lambda: draw(session.site))


def on_post_build(env: Any) -> None:
    """mkdocs-macros' end-of-build hook: log the build's findings (once)."""
    session = SESSIONS.current(Path(env.project_dir))
    if session is not None:
        session.report_checks()
        session.slots.close()  # every page is written: the drawing threads may go


def _open(env: Any, engine: str | None) -> tuple[Session, bool]:
    try:
        return SESSIONS.open(Path(env.project_dir), env.conf, env.conf)
    except DocgenError as error:
        if engine == MKDOCS:
            from mkdocs.exceptions import PluginError

            raise PluginError(f"docgen: {error}") from None
        raise


def _stop_zensical(env: Any, message: str) -> None:
    """Stop a Zensical build with one error line and exit status 1.

    Zensical (0.0.73) prints a Python traceback for any exception an extension
    raises, whatever its type, so ``zensical build`` is ended here instead, after
    the line is written. ``zensical serve`` goes on: the pages show the problem
    in place of each docgen macro until it is fixed.
    """
    log.error("%s", message)
    if not _zensical_serving():
        for handler in log.handlers:
            handler.flush()
        sys.stderr.flush()
        os._exit(1)
    from docgen.render.html import message_html

    html = message_html("failure", "docgen could not render this", message)
    for name in FRAGMENTS:
        env.macro(lambda *_args, **_kwargs: html, name)


def _zensical_serving() -> bool:
    return len(sys.argv) > 1 and sys.argv[1] == "serve"


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
