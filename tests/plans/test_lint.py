"""Plan lint on real Markdown plans against a real (temporary) repository."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from docgen.diagnostics import Severity
from docgen.plans import load_plans, parse_plan
from docgen.plans.lint import Repository, lint_plan

PLAN = dedent("""\
    # Phase 3 Execution Plan

    ## Status

    - [x] Phase 3 active
    - [x] Phase 3 complete

    ## Workstream 1 - Store

    ### Tasks

    - [x] wire the Repo under `shop_store`
    - [ ] add `ShopCore.Audit` and `ShopCore.Ghost`
    - [x] document it in [the guide](../guide.md) and `docs/missing/PAGE.md`
    - [x] start `shop_ghost` and `Phoenix.PubSub`, run `mix test`

    ### Deliverables

    - [x] `config/runtime.exs`
    - [x] `NOWHERE.md`

    ## Workstream 2 - Empty

    ## Workstream 3 - Repeats

    - [x] wire the Repo under `shop_store`
    -[x] glued marker
    - [ x] spaced marker
""")


@pytest.fixture
def repo(tmp_path: Path) -> Repository:
    (tmp_path / "docs/plans").mkdir(parents=True)
    (tmp_path / "docs/guide.md").write_text("# Guide\n", encoding="utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config/runtime.exs").write_text("import Config\n", encoding="utf-8")
    return Repository(
        tmp_path,
        frozenset({"shop_store", "shop_core"}),
        frozenset({"ShopCore.Audit", "ShopCore.Application"}),
    )


def _codes(plan_text: str, repo: Repository) -> list[tuple[str, int, str]]:
    plan = parse_plan(plan_text, "docs/plans/PHASE_3_EXECUTION_PLAN.md")
    return [
        (d.code, d.location.line if d.location else 0, d.message) for d in lint_plan(plan, repo)
    ]


def test_findings(repo: Repository) -> None:
    found = _codes(PLAN, repo)
    codes = [(c, line) for c, line, _ in found]
    assert ("DG201", 6) in codes
    assert ("DG202", 17) in codes
    assert ("DG204", 14) in codes and ("DG204", 20) in codes
    assert ("DG205", 15) in codes
    assert ("DG208", 22) in codes
    assert ("DG207", 26) in codes
    assert ("DG209", 27) in codes and ("DG209", 28) in codes
    messages = " ".join(m for _, _, m in found)
    assert "'docs/missing/PAGE.md'" in messages and "'NOWHERE.md'" in messages
    assert "guide.md" not in messages and "runtime.exs" not in messages
    app_claims = " ".join(m for c, _, m in found if c == "DG205")
    assert "'shop_ghost'" in app_claims and "shop_store" not in app_claims
    # Unchecked items are not claims; library modules are not project modules.
    assert not [m for c, _, m in found if c == "DG206"]
    assert "'add `ShopCore.Audit` and `ShopCore.Ghost`' (line 13)" in messages


def test_module_claims_in_checked_items(repo: Repository) -> None:
    text = "# Phase 1\n\n## Tasks\n\n- [x] wire `ShopCore.Ghost` under ShopCore.Application\n"
    found = _codes(text, repo)
    assert [(c, m.split(",")[0]) for c, _, m in found] == [
        ("DG206", "checked item names module ShopCore.Ghost")
    ]


def test_tasks_done_deliverables_open(repo: Repository) -> None:
    text = dedent("""\
        # Phase 1

        ## Workstream A

        ### Tasks

        - [x] a

        ### Deliverables

        - [ ] b
    """)
    assert [c for c, _, _ in _codes(text, repo)] == ["DG203"]


def test_severities_and_hints(repo: Repository) -> None:
    plan = parse_plan(PLAN, "docs/plans/PHASE_3_EXECUTION_PLAN.md")
    for diagnostic in lint_plan(plan, repo):
        assert diagnostic.hint
        expected = (
            Severity.ERROR
            if diagnostic.code in ("DG201", "DG204", "DG205", "DG206")
            else Severity.WARNING
        )
        assert diagnostic.severity is expected


def test_repository_plans_are_clean(repo: Repository) -> None:
    root = Path(__file__).resolve().parents[2]
    from docgen.elixir import analyse

    analysis = analyse(root / "beam")
    real = Repository(root, frozenset(a.otp_app for a in analysis.applications), None)
    assert [d.format_text() for p in load_plans(root) for d in lint_plan(p, real)] == []
