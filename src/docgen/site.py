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
from typing import TYPE_CHECKING, Any

from docgen.config import SiteSettings
from docgen.diagnostics import Diagnostic, Location
from docgen.elixir import analyse
from docgen.elixir.diff import ADDED, CHANGED, REMOVED, SAME, AppDiff, diff_analyses
from docgen.elixir.models import Analysis, Kind
from docgen.errors import DocgenError
from docgen.paths import resolve_inside
from docgen.plans import Plan, load_plan, load_plans
from docgen.plans.history import plan_history
from docgen.render import graphviz
from docgen.render.burnup import burnup_html
from docgen.render.diff import field_change, supervisor_change
from docgen.render.dot import MARK_STYLES, Since, app_graph_dot, supervision_dot
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

if TYPE_CHECKING:
    from docgen.revisions import Revisions

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
    _revisions: dict[str, tuple[Analysis, str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    """Analyses at the revisions the pages compare with, by the name they gave."""
    _git: Revisions | None = field(default=None, repr=False, compare=False)
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
    def supervision_tree(self, app: str | None = None, since: str | None = None) -> str:
        """Inline SVG of one application's tree, or of every application; with
        ``since`` (a revision, ``phase:N``), what changed since then marked on it."""
        return self._guard(f"supervision tree {app or ''}".strip(), lambda: self._tree(app, since))

    def tree_changes(self, since: str, until: str | None = None) -> str:
        """A table of what changed in the trees from ``since`` to ``until`` (default:
        the working tree)."""
        return self._guard("tree changes", lambda: self._changes_table(since, until))

    def phase_changes(self, page_src: str, phase: int | None = None) -> str:
        """:meth:`tree_changes` over what phase ``phase`` (default: the page's plan)
        did: from the completion of the previous phase to this one's."""
        return self._guard("phase changes", lambda: self._phase_table(page_src, phase))

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
            from docgen.plans.consistency import cross_plan

            phases = [p for p in self.plans if p.phase is not None]
            links = [self._page_link(p.path, page_src, links_from_source) for p in phases]
            notes: dict[str, list[str]] = {}
            for finding in cross_plan(self.plans):
                notes.setdefault(finding.plan, []).append(finding.summary)
            return roadmap_html(phases, links, notes)

        return self._guard("roadmap", build)

    # -------------------------------------------------------------- internals
    def _tree(self, app: str | None, since_rev: str | None = None) -> str:
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
        title = f"Supervision tree of {app}" if app else "Supervision tree"
        caption = (
            f"{title}, generated from {self.elixir_prefix or '.'}/ "
            "(dashed: started only under a condition)"
        )
        if since_rev is None:
            svg = graphviz.inline_svg(supervision_dot(analysis, app, self._source_link), title)
            return diagram_html(svg, caption)
        try:
            before, commit = self._at(since_rev)
        except DocgenError as error:  # no git, a shallow clone, an unknown revision
            problem = f"cannot compare with {since_rev}: {error}"
            log.warning("docgen: supervision tree: %s", problem)
            with self._lock:
                self.failures.append(f"supervision tree: {problem}")
            svg = graphviz.inline_svg(supervision_dot(analysis, app, self._source_link), title)
            note = message_html("warning", f"No comparison with {since_rev}", str(error))
            return note + diagram_html(svg, caption)
        diff = diff_analyses(before, analysis, commit, "worktree")
        marks = Since(since_rev, {d.otp_app: d for d in diff.applications})
        dot = supervision_dot(analysis, app, self._source_link, marks)
        chosen = [d for d in diff.applications if app is None or d.otp_app == app]
        counts = _counts(chosen)
        caption += f"; compared with {since_rev} ({commit[:8] or 'nothing'}): {counts}"
        svg = graphviz.inline_svg(dot, f"{title}, changes since {since_rev}")
        legend = [(m.symbol, f"{m.word} since {since_rev}", m.css) for m in MARK_STYLES.values()]
        return diagram_html(svg, caption, legend=legend)

    def _at(self, rev: str | None) -> tuple[Analysis, str]:
        """The analysis of the Elixir folder at ``rev`` and its commit (``rev``
        ``None``: the empty repository before the first commit)."""
        if rev is None:
            return Analysis(()), ""
        with self._lock:
            known = self._revisions.get(rev)
            if known is None:
                revisions = self.revisions
                path = revisions.repo.relative(self.settings.elixir_dir())
                known = self._revisions[rev] = revisions.analysis(rev, path, missing_ok=True)
            return known

    @property
    def revisions(self) -> Revisions:
        """This build's git revisions (``phase:N`` from the plans it has read);
        :class:`~docgen.git.GitError` without git or outside a repository."""
        from docgen.git import Repo
        from docgen.revisions import Revisions

        with self._lock:
            if self._git is None:
                settings = self.settings
                plans = [(p.path, p.phase) for p in self.plans]
                repo = Repo(settings.root)
                self._git = Revisions(repo, settings.root, settings.plan_globs, plans)
            return self._git

    def _changes_table(self, since: str | None, until: str | None, span: str = "") -> str:
        before, from_commit = self._at(since)
        if until is None:
            after, to_commit = self.analysis, "worktree"
        else:
            after, to_commit = self._at(until)
        diff = diff_analyses(before, after, from_commit, to_commit)
        rows = []
        for app in diff.applications:
            if app.status == SAME:
                continue
            rows.extend(self._change_rows(app, to_commit))
        where_from = f"{since} ({from_commit[:8]})" if from_commit else "the first commit"
        where_to = "the working tree" if until is None else f"{until} ({to_commit[:8]})"
        return render_template(
            "tree_changes.html",
            rows=rows,
            span=span or f"From {where_from} to {where_to}.",
            counts=_counts(diff.applications),
        )

    def _change_rows(self, app: AppDiff, to_commit: str) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        changes = supervisor_change(app)
        if changes and app.after is not None:
            rows.append(
                {
                    "app": app.otp_app,
                    "child": f"{app.application_module or app.otp_app} (top supervisor)",
                    "module": None,
                    "status": CHANGED,
                    "what": changes,
                    **self._where(app.after.location, current=True),
                }
            )
        for item in (m for top in app.tree for m in top.walk()):
            if item.status == SAME:
                continue
            child = item.child
            if item.status == CHANGED:
                what = "; ".join(field_change(item, f) for f in item.fields)
            elif item.status == ADDED:
                what = "started" + (" under a condition" if child.conditional else "")
            else:
                what = "no longer started"
            rows.append(
                {
                    "app": app.otp_app,
                    "child": child.name or child.module or "?",
                    "module": child.module if child.name and child.module != child.name else None,
                    "status": item.status,
                    "what": what,
                    **self._where(child.location, current=item.status != REMOVED),
                }
            )
        return rows

    def _where(self, location: Location | None, current: bool) -> dict[str, Any]:
        """``where`` text and, for today's code, ``href`` to the source."""
        if location is None:
            return {"where": "", "href": None}
        rebased = self._rebased(location)
        href = self._source_link_rebased(rebased) if current else None
        return {"where": str(rebased) if current else f"was {rebased}", "href": href}

    def _phase_table(self, page_src: str, phase: int | None) -> str:
        if phase is None:
            phase = self._plan(page_src, None).phase
            if phase is None:
                raise DocgenError(f"{page_src} is not a phase plan: give phase_changes(N)")
        span = self.revisions.phase_span(phase)
        since = span.since.commit if span.since else None
        until = span.until.commit if span.until else None
        return self._changes_table(since, until, span.words)

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


def _counts(apps: Iterable[AppDiff]) -> str:
    """``2 added, 1 removed, 1 changed`` (or ``no change``) over ``apps``."""
    chosen = list(apps)
    added = sum(len(a.added) for a in chosen)
    removed = sum(len(a.removed) for a in chosen)
    changed = sum(len(a.changed) + bool(a.supervisor_fields) for a in chosen)
    parts = [f"{n} {w}" for n, w in ((added, "added"), (removed, "removed"), (changed, "changed"))]
    shown = [p for p in parts if not p.startswith("0 ")]
    return ", ".join(shown) or "no change"
