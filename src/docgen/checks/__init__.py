"""``docgen check``: every check family over one project, one aggregated report.

Each family is a module with one entry point returning diagnostics; this module
only decides which run and merges their findings (never stopping at the first).
The same engine runs inside ``mkdocs build`` (see :mod:`docgen.site`), where the
findings become warnings under ``mkdocs.plugins.docgen``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from docgen.diagnostics import Diagnostic
from docgen.project import Project

FAMILIES: dict[str, str] = {
    "links": "links, anchors, images and nav in the Markdown sources (DG30x)",
    "trees": "hand-written supervision trees against the code (DG40x)",
    "ownership": "ownership claims against the code (DG41x)",
    "plans": "plan lint (DG20x)",
    "boundaries": "in-umbrella dependency rules and cycles (DG50x)",
    "macros": "pages whose macros would fail to render (DG60x)",
    "elixir": "problems reading the Elixir source (DG10x)",
    "config": "mkdocs.yml, extra.docgen and [tool.docgen] (DG70x); files not UTF-8 (DG001)",
}


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to run: families (default all), a built site, external URLs."""

    families: frozenset[str] = field(default_factory=lambda: frozenset(FAMILIES))
    site_dir: Path | None = None
    external: bool = False
    cache_dir: Path | None = None


def run_checks(project: Project, options: CheckOptions | None = None) -> list[Diagnostic]:
    """All findings for ``project``, sorted by file, line and code; ignored codes dropped."""
    from docgen.checks.boundaries import check_boundaries
    from docgen.checks.drift import check_trees
    from docgen.checks.links import check_sources
    from docgen.checks.macros import check_macros
    from docgen.checks.ownership import check_ownership
    from docgen.elixir import analyse, find_mix_projects
    from docgen.plans import load_plans
    from docgen.plans.lint import Repository, lint_plans

    options = options or CheckOptions()
    families = options.families
    settings = project.settings
    found: list[Diagnostic] = list(project.problems) if "config" in families else []

    elixir_dir = settings.elixir_dir()
    prefix = settings.elixir_prefix()
    needs_code = families & {"trees", "ownership", "plans", "boundaries", "elixir"}
    analysis = analyse(elixir_dir) if needs_code and elixir_dir.is_dir() else None

    if "links" in families:
        found += check_sources(project)
        if options.external:
            from docgen.checks.external import check_external
            from docgen.checks.links import external_links

            cache = options.cache_dir or project.root / ".cache" / "docgen"
            found += check_external(external_links(project), cache)
    if options.site_dir is not None:
        from docgen.checks.site import check_site

        found += check_site(project, options.site_dir)
    if analysis is not None:
        if "elixir" in families:
            found += [d.under(prefix) for d in analysis.diagnostics]
        if "trees" in families:
            found += check_trees(project, analysis, prefix)
        if "ownership" in families:
            found += check_ownership(project, analysis)
        if "boundaries" in families:
            found += check_boundaries(
                find_mix_projects(elixir_dir), settings.allowed_deps(), prefix
            )
    if "plans" in families:
        repo = Repository.of(project.root, analysis)
        found += lint_plans(load_plans(project.root, settings.plan_globs), repo)
    if "macros" in families:
        found += check_macros(project)
    return _finish(found, settings.ignore)


def _finish(found: list[Diagnostic], ignore: Collection[str]) -> list[Diagnostic]:
    unique = {d for d in found if d.code not in ignore}
    return sorted(unique, key=Diagnostic.sort_key)
