"""The docgen pluglet for mkdocs-macros and Zensical: a thin adapter over :mod:`docgen.site`.

mkdocs-macros (and Zensical's macros extension) call only ``define_env``; every
macro here reads page/config values, calls the engine and returns its HTML.
Settings live in ``mkdocs.yml`` under ``extra.docgen``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.config import settings_from_mkdocs
from docgen.site import DocsSite


def define_env(env: Any) -> None:
    """Register the docgen macros on the mkdocs-macros environment ``env``."""
    site = DocsSite(settings_from_mkdocs(Path(env.project_dir), env.conf))
    site.report_checks()

    def page_src() -> str:
        page = env.page
        return str(page.file.src_path).replace("\\", "/") if page is not None else "index.md"

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_tree(app: str | None = None) -> str:
        """SVG diagram of one application's supervision tree, or of all of them."""
        return site.supervision_tree(app)

    @env.macro  # type: ignore[untyped-decorator]
    def supervision_text(app: str | None = None) -> str:
        """The same tree as ASCII text, the way engineers hand-draw it."""
        return site.supervision_text(app)

    @env.macro  # type: ignore[untyped-decorator]
    def app_graph() -> str:
        """SVG diagram of the in-umbrella dependencies between applications."""
        return site.app_graph()

    @env.macro  # type: ignore[untyped-decorator]
    def ownership_table(app: str | None = None) -> str:
        """Table of which application starts which long-lived process."""
        return site.ownership_table(app)

    @env.macro  # type: ignore[untyped-decorator]
    def plan_progress(path: str | None = None) -> str:
        """Progress of a plan (default: the current page) with a row per section."""
        return site.plan_progress(page_src(), path)

    @env.macro  # type: ignore[untyped-decorator]
    def progress_badge(path: str | None = None) -> str:
        """Compact done/total badge of a plan (default: the current page)."""
        return site.progress_badge(page_src(), path)

    @env.macro  # type: ignore[untyped-decorator]
    def plan_burnup(path: str | None = None) -> str:
        """Burn-up chart of a plan (default: the current page) from its git history."""
        return site.plan_burnup(page_src(), path)

    @env.macro  # type: ignore[untyped-decorator]
    def roadmap() -> str:
        """Every phase plan: status, progress bar, link and items left."""
        return site.roadmap(page_src())
