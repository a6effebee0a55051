"""What the documentation site shows, computed from the repository.

:class:`DocsSite` is the engine behind the MkDocs macros: each public method returns
an HTML fragment for one page. It knows nothing about MkDocs; the adapter in
``macros/`` passes plain settings in. Problems never crash a page: they are logged
as warnings under ``mkdocs.plugins.docgen`` (so ``mkdocs build --strict`` fails) and
shown in the page as an admonition naming the file and line.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Any

from docgen.config import SiteSettings
from docgen.diagnostics import Diagnostic, Location
from docgen.elixir import analyse
from docgen.elixir.models import Analysis, Kind
from docgen.errors import DocgenError
from docgen.paths import resolve_inside
from docgen.plans import Plan, load_plan, load_plans
from docgen.plans.history import plan_history
from docgen.render import graphviz
from docgen.render.burnup import burnup_html
from docgen.render.dot import app_graph_dot, supervision_dot
from docgen.render.html import badge_html as _badge_html
from docgen.render.html import (
    diagram_html,
    message_html,
    plan_progress_html,
    render_template,
    roadmap_html,
)
from docgen.render.restarts import restart_section
from docgen.render.text import tree_text
from docgen.urls import link_between, page_url, relative_url

log = logging.getLogger("mkdocs.plugins.docgen")


@dataclass
class DocsSite:
    """One build's view of the repository (analyses are computed once per build)."""

    settings: SiteSettings
    on_work: Callable[[str], None] | None = None
    """Told ``analysis``, ``plans`` or ``checks`` each time that step runs."""
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)
    _analysis: Analysis | None = field(default=None, repr=False, compare=False)
    _plans: list[Plan] | None = field(default=None, repr=False, compare=False)
    failures: list[str] = field(default_factory=list, repr=False, compare=False)
    """What could not be rendered (each also logged and shown in its page)."""

    # ----------------------------------------------------------------- models
    # Computed once, whichever thread asks first (macros may render in several).
    @property
    def analysis(self) -> Analysis:
        # Its diagnostics are logged by the session's report_checks (family "elixir"), not here.
        with self._lock:
            if self._analysis is None:
                self._work("analysis")
                self._analysis = analyse(self.settings.elixir_dir())
            return self._analysis

    @cached_property
    def elixir_prefix(self) -> str:
        return self.settings.elixir_prefix()

    @property
    def plans(self) -> list[Plan]:
        # Plan lint runs once per build in the session's report_checks (family "plans").
        with self._lock:
            if self._plans is None:
                self._work("plans")
                self._plans = load_plans(self.settings.root, self.settings.plan_globs)
            return self._plans

    def check(self) -> list[Diagnostic]:
        """``docgen check`` findings: all families but the macro family, which the
        macros engine reports itself when it renders."""
        from docgen.checks import FAMILIES, CheckOptions, run_checks
        from docgen.project import load_project

        # MkDocs validated its configuration before the build; docgen's own settings
        # problems stopped it (ConfigError). The macro family is the build itself.
        families = frozenset(FAMILIES) - {"macros", "config"}
        return run_checks(load_project(self.settings.root), CheckOptions(families))

    # ----------------------------------------------------------------- macros
    def supervision_tree(self, app: str | None = None) -> str:
        """Inline SVG of one application's tree, or of every application."""
        return self._guard(f"supervision tree {app or ''}".strip(), lambda: self._tree(app))

    def app_graph(self) -> str:
        """Inline SVG of the in-umbrella dependencies between applications."""

        def build() -> str:
            dot = app_graph_dot(self.analysis, self._source_link)
            svg = graphviz.inline_svg(dot, "application dependency graph")
            return diagram_html(
                svg, "In-umbrella dependencies (arrow: depends on)", "dg-diagram--apps"
            )

        return self._guard("application graph", build)

    def supervision_text(self, app: str | None = None) -> str:
        """The tree as hand-written ASCII (for a code block)."""
        return self._guard("supervision text", lambda: self._text(app))

    def ownership_table(self, app: str | None = None) -> str:
        """Which application starts which long-lived process."""
        return self._guard("ownership table", lambda: self._ownership(app))

    def restart_table(self, app: str | None = None) -> str:
        """Per supervisor: its strategy and restart limit in words; per child: restart,
        shutdown and what its crash restarts and stops."""
        return self._guard("restart table", lambda: self._restarts(app))

    def plan_progress(self, page_src: str, path: str | None = None) -> str:
        """Progress of the plan at ``path`` (docs-relative; default: the page itself)."""
        return self._guard("plan progress", lambda: plan_progress_html(self._plan(page_src, path)))

    def progress_badge(self, page_src: str, path: str | None = None) -> str:
        return self._guard("progress badge", lambda: _badge_html(self._plan(page_src, path)))

    def plan_burnup(self, page_src: str, path: str | None = None) -> str:
        """Done vs total items of a plan over its git history, as an inline SVG chart."""

        def build() -> str:
            plan = self._plan(page_src, path)
            return burnup_html(plan_history(self.settings.root, plan.path), plan.title)

        return self._guard("burn-up chart", build)

    def roadmap(self, page_src: str, links_from_source: bool = False) -> str:
        """Every phase plan with status, progress and a link from ``page_src``.

        Links are relative to the page's URL, as MkDocs leaves raw HTML alone; with
        ``links_from_source`` they are relative to the page's source folder, which
        is how Zensical reads (and rewrites) every relative link of a page.
        """

        def build() -> str:
            phases = [p for p in self.plans if p.phase is not None]
            links = [self._page_link(p.path, page_src, links_from_source) for p in phases]
            return roadmap_html(phases, links)

        return self._guard("roadmap", build)

    # -------------------------------------------------------------- internals
    def _tree(self, app: str | None) -> str:
        analysis = self.analysis
        if not analysis.applications:
            where = f"{self.elixir_prefix}/" if self.elixir_prefix else "the repository root"
            raise DocgenError(
                f"no mix project (mix.exs with an app:) found under {where}; "
                "set extra.docgen.elixir_path in mkdocs.yml to the folder that holds it"
            )
        if app is not None and analysis.application(app) is None:
            known = ", ".join(a.otp_app for a in analysis.applications) or "none"
            raise DocgenError(
                f"no application {app!r} under {self.elixir_prefix or '.'}/ (found: {known})"
            )
        dot = supervision_dot(analysis, app, self._source_link)
        title = f"Supervision tree of {app}" if app else "Supervision tree"
        svg = graphviz.inline_svg(dot, title)
        caption = (
            f"{title}, generated from {self.elixir_prefix or '.'}/ "
            "(dashed: started only under a condition)"
        )
        return diagram_html(svg, caption)

    def _text(self, app: str | None) -> str:
        return render_template("text_tree.html", text=tree_text(self.analysis, app))

    def _ownership(self, app: str | None) -> str:
        rows = []
        for application in self.analysis.applications:
            if app is not None and application.otp_app != app:
                continue
            for child in application.walk():
                where = self._rebased(child.location)
                rows.append(
                    {
                        "app": application.otp_app,
                        "module": child.module or "(dynamic)",
                        "kind": child.kind.value.replace("_", " "),
                        "name": child.name,
                        "started": "conditionally" if child.conditional else "always",
                        "where": str(where),
                        "href": self._source_link_rebased(where),
                    }
                )
        return render_template("ownership.html", rows=rows)

    def _restarts(self, app: str | None) -> str:
        sections: list[dict[str, Any]] = []
        for application in self.analysis.applications:
            if app is not None and application.otp_app != app:
                continue
            top = application.supervisor
            name = top.name or f"{application.application_module or application.otp_app} top"
            sections.append(
                restart_section(
                    application.otp_app,
                    name,
                    top.strategy,
                    top.max_restarts,
                    top.max_seconds,
                    application.children,
                    top_level=True,
                )
            )
            for child in application.walk():
                if child.kind is Kind.SUPERVISOR and child.children:
                    sections.append(
                        restart_section(
                            application.otp_app,
                            child.id or child.module or "?",
                            child.strategy,
                            child.max_restarts,
                            child.max_seconds,
                            child.children,
                        )
                    )
        return render_template("restarts.html", sections=sections)

    def _plan(self, page_src: str, path: str | None) -> Plan:
        docs = self.settings.docs_dir
        rel = path if path is not None else page_src
        file = resolve_inside(self.settings.root, f"{docs}/{rel}")
        if not file.is_file():
            raise DocgenError(f"plan file {docs}/{rel} does not exist")
        wanted = file.relative_to(self.settings.root.resolve()).as_posix()
        for plan in self.plans:
            if plan.path == wanted:
                return plan
        return load_plan(file, self.settings.root)

    def _page_link(self, repo_path: str, page_src: str, from_source: bool) -> str:
        docs = PurePosixPath(self.settings.docs_dir)
        target = PurePosixPath(repo_path).relative_to(docs).as_posix()
        directory_urls = self.settings.use_directory_urls
        if from_source:
            folder = PurePosixPath(page_src).parent.as_posix()
            return relative_url(
                page_url(target, directory_urls), "" if folder == "." else folder + "/"
            )
        return link_between(target, page_src, directory_urls)

    def _rebased(self, location: Location) -> Location:
        return location.under(self.elixir_prefix)

    def _source_link(self, location: Location) -> str | None:
        return self._source_link_rebased(self._rebased(location))

    def _source_link_rebased(self, location: Location) -> str | None:
        template = self.settings.source_url
        if not template:
            return None
        return template.format(path=location.path, line=location.line)

    def _guard(self, what: str, build: Callable[[], str]) -> str:
        try:
            return build()
        except DocgenError as error:
            log.warning("docgen: %s: %s", what, error)
            with self._lock:
                self.failures.append(f"{what}: {error}")
            return message_html("failure", f"docgen could not render the {what}", str(error))

    def add_failures(self, failures: Iterable[str]) -> None:
        """Failures of fragments rendered elsewhere (the build's worker child)."""
        with self._lock:
            self.failures.extend(failures)

    def _work(self, step: str) -> None:
        if self.on_work is not None:
            self.on_work(step)
