"""Plan parsing on real Markdown: markers, nesting, sections, claims, line numbers."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.plans import load_plans, parse_plan

PLAN = dedent("""\
    ---
    render_macros: true
    ---
    # Phase 3 Execution Plan

    ## Status

    - [x] Phase 3 active
    - [ ] Phase 3 complete

    ## Workstream 1 - Store

    ### Tasks

    - [x] wire the Repo
      - [ ] nested follow-up
    * [X] capital X counts
    + [ ] plus marker
    1. [ ] ordered item

    ### Deliverables

    - [x] migration

    ```markdown
    - [ ] inside a code block
    ```

    > - [ ] inside a quote

    - plain bullet
    - [x ] not a task marker
""")


def test_items_sections_and_lines() -> None:
    plan = parse_plan(PLAN, "docs/plans/PHASE_3_EXECUTION_PLAN.md")
    assert plan.title == "Phase 3 Execution Plan"
    assert plan.phase == 3
    assert (plan.done, plan.total) == (4, 8)
    rows = {s.title: (s.done, s.total) for s in plan.progress_sections()}
    assert rows == {"Status": (1, 2), "Workstream 1 - Store": (3, 6)}
    items = plan.all_items()
    nested = next(i for i in items if i.text == "nested follow-up")
    assert nested.depth == 1 and nested.line == 16 and not nested.checked
    assert next(i for i in items if i.text == "wire the Repo").line == 15
    assert [i.text for i in items if i.text.startswith("inside")] == []


def test_status_claims() -> None:
    plan = parse_plan(PLAN, "x.md")
    assert dict(plan.claims) == {"active": True, "complete": False}
    assert plan.status == "in progress"


@pytest.mark.parametrize(
    ("title", "path", "phase"),
    [
        ("# Phase 2 Execution Plan", "a.md", 2),
        ("# Rollout", "docs/plans/PHASE_12_EXECUTION_PLAN.md", 12),
        ("# Phase 4: Hardening", "b.md", 4),
        ("# Masterplan", "docs/plans/DECISIONGRAPH_BEAM_MASTERPLAN.md", None),
    ],
)
def test_phase_from_title_or_file(title: str, path: str, phase: int | None) -> None:
    assert parse_plan(title + "\n\n- [ ] x\n", path).phase == phase


def test_repository_phase2_plan(repo: Path) -> None:
    plans = {p.path: p for p in load_plans(repo)}
    plan = plans["docs/plans/PHASE_2_EXECUTION_PLAN.md"]
    assert plan.phase == 2
    assert plan.total == plan.done == 73
    assert dict(plan.claims) == {"active": True, "complete": True}
    titles = [s.title for s in plan.progress_sections()]
    assert titles[:2] == ["Status", "Workstream 1 - Umbrella Foundation"]
    assert "docs/plans/DECISIONGRAPH_BEAM_MASTERPLAN.md" in plans


def test_count_items_matches_the_parser(repo: Path) -> None:
    from docgen.plans.parser import count_items

    for text in (PLAN, (repo / "docs/plans/PHASE_2_EXECUTION_PLAN.md").read_text("utf-8")):
        plan = parse_plan(text, "p.md")
        assert count_items(text) == (plan.done, plan.total)
