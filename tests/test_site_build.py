"""The real site builds strictly from the repository and shows live content."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

pytestmark = pytest.mark.slow

EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE)
CSS_URL = re.compile(r"""url\(\s*["']?(?:https?:)?//""", re.IGNORECASE)


def _page(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_every_nav_page_is_built(built_site: Path) -> None:
    for rel in (
        "index.html",
        "plans/DECISIONGRAPH_BEAM_MASTERPLAN/index.html",
        "plans/PHASE_2_EXECUTION_PLAN/index.html",
        "architecture/BEAM_SUPERVISION_TREE/index.html",
        "architecture/BEAM_PROCESS_OWNERSHIP/index.html",
        "beam/development/index.html",
        "beam/ci/index.html",
    ):
        assert (built_site / rel).is_file(), rel


def test_phase2_page_shows_checklist_and_progress(built_site: Path, repo: Path) -> None:
    html = _page(built_site, "plans/PHASE_2_EXECUTION_PLAN/index.html")
    source = (repo / "docs/plans/PHASE_2_EXECUTION_PLAN.md").read_text(encoding="utf-8")
    checked = len(re.findall(r"^\s*[-*+] \[[xX]\] ", source, re.MULTILINE))
    unchecked = len(re.findall(r"^\s*[-*+] \[ \] ", source, re.MULTILINE))
    total = checked + unchecked
    assert total > 50
    assert f'data-done="{checked}" data-total="{total}"' in html
    assert html.count('class="task-list-item"') == total
    assert f"{checked} of {total} items done" in html
    # One progress row per workstream.
    for n in range(1, 6):
        assert f"<td>Workstream {n} - " in html


def test_supervision_tree_page_has_inline_svg_from_beam(built_site: Path) -> None:
    html = _page(built_site, "architecture/BEAM_SUPERVISION_TREE/index.html")
    assert html.count("<svg") >= 7
    for name in (
        "DecisionGraph.Projector.WorkerRegistry",
        "DecisionGraph.Store.Repo",
        "DecisionGraphWeb.Endpoint",
        "DecisionGraph.PubSub",
    ):
        assert name in html, name
    assert "<?xml" not in html
    assert "{{" not in html


def test_ownership_table_is_generated(built_site: Path) -> None:
    html = _page(built_site, "architecture/BEAM_PROCESS_OWNERSHIP/index.html")
    assert '<table class="dg-ownership">' in html
    assert re.search(r"<td><code>dg_projector</code></td><td><code>Task\.Supervisor</code>", html)


def test_restart_table_is_generated(built_site: Path) -> None:
    html = _page(built_site, "architecture/BEAM_SUPERVISION_TREE/index.html")
    assert '<div class="dg-restarts">' in html
    assert "gives up after 3 restarts in 5 s, then exits and the application stops" in html
    row = r"<td>permanent</td><td>waits as long as it takes</td><td>restarts DecisionGraph\."
    assert re.search(row, html)


def test_roadmap_links_resolve(engine_site: tuple[str, Path]) -> None:
    engine, built_site = engine_site
    for rel in ("index.html", "plans/DECISIONGRAPH_BEAM_MASTERPLAN/index.html"):
        html = _page(built_site, rel)
        links = re.findall(r'<table class="dg-roadmap">.*?</table>', html, re.DOTALL)
        assert links, rel
        hrefs = re.findall(r'href="([^"]+)"', links[0])
        assert hrefs
        for href in hrefs:
            target = (built_site / rel).parent / href / "index.html"
            assert target.resolve().is_file(), (engine, rel, href)


def test_elixir_nested_tuples_render_verbatim(built_site: Path, repo: Path) -> None:
    source = (repo / "docs/beam/development.md").read_text(encoding="utf-8")
    assert "{{Registry, keys: :unique}, 1}" in source
    html = _page(built_site, "beam/development/index.html")
    text = re.sub(r"<[^>]+>", "", html).replace("&#39;", "'")
    assert "{{Registry, keys: :unique}, 1}" in text


def test_built_site_references_nothing_external(engine_site: tuple[str, Path]) -> None:
    _engine, built_site = engine_site
    offenders = []
    for file in built_site.rglob("*"):
        if file.suffix not in (".html", ".css"):
            continue
        text = file.read_text(encoding="utf-8", errors="replace")
        pattern = CSS_URL if file.suffix == ".css" else EXTERNAL
        offenders += [
            f"{file.relative_to(built_site)}: {m.group(0)}" for m in pattern.finditer(text)
        ]
    assert offenders == []


def test_plan_source_is_real_markdown_task_list(repo: Path) -> None:
    tokens = MarkdownIt("commonmark").parse(
        (repo / "docs/plans/PHASE_2_EXECUTION_PLAN.md").read_text(encoding="utf-8")
    )
    headings = [t for t in tokens if t.type == "heading_open"]
    assert [t.tag for t in headings].count("h1") == 1
    assert len(headings) > 20
