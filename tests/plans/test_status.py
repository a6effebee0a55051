"""Plans tell the truth: declared and computed status, follow-ups, plans against each other.

The fixture ``tests/fixtures/plan_sets/ledger`` is a realistic plan set: a masterplan
with one section per phase and five phase plans that agree and disagree with it in
each of the ways real plan sets do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.cli import main
from docgen.plans import load_plans
from docgen.plans.parser import count_items, parse_plan
from docgen.plans.status import STATES, declarations, is_follow_up
from docgen.render.html import roadmap_html

LEDGER = Path(__file__).parents[1] / "fixtures" / "plan_sets" / "ledger"
PLANS = "docs/plans/"


def _progress(capsys: pytest.CaptureFixture[str], root: Path = LEDGER) -> dict[str, Any]:
    main(["progress", str(root), "--format", "json"])
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_statuses_and_follow_ups_in_the_json(capsys: pytest.CaptureFixture[str]) -> None:
    data = _progress(capsys)
    found = {
        p["path"].removeprefix(PLANS): (p["status"], p["done"], p["total"], p["follow_ups"])
        for p in data["plans"]
    }
    assert found == {
        # Status section: "- [x] Phase 1 complete"
        "PHASE_1_EXECUTION_PLAN.md": ("complete", 5, 5, {"done": 0, "total": 0}),
        # "Phase 2 is complete." with three open items for after the phase
        "PHASE_2_EXECUTION_PLAN.md": ("complete", 4, 7, {"done": 0, "total": 3}),
        # nothing declared, 3 of its 6 own items done; a Next Steps item apart
        "PHASE_3_EXECUTION_PLAN.md": ("in progress", 3, 7, {"done": 0, "total": 1}),
        # front matter status: complete; "Out of scope for this phase" apart
        "PHASE_4_EXECUTION_PLAN.md": ("complete", 4, 5, {"done": 0, "total": 1}),
        # "Status: Planned"; "Once Phase 4 is complete…" declares nothing
        "PHASE_5_EXECUTION_PLAN.md": ("not started", 0, 2, {"done": 0, "total": 0}),
        "LEDGER_MASTERPLAN.md": ("in progress", 5, 11, {"done": 0, "total": 1}),
    }


def _findings(data: dict[str, Any]) -> list[tuple[str, str, int]]:
    return [
        (d["code"], d["file"].removeprefix(PLANS), d["line"])
        for d in data["diagnostics"]
        if d["code"] in ("DG201", "DG210", "DG211", "DG212")
    ]


def test_cross_plan_disagreements(capsys: pytest.CaptureFixture[str]) -> None:
    data = _progress(capsys)
    assert _findings(data) == [
        ("DG210", "PHASE_2_EXECUTION_PLAN.md", 15),
        ("DG210", "PHASE_3_EXECUTION_PLAN.md", 1),
        ("DG210", "PHASE_4_EXECUTION_PLAN.md", 1),
        ("DG212", "PHASE_4_EXECUTION_PLAN.md", 1),
        ("DG211", "PHASE_4_EXECUTION_PLAN.md", 9),
    ]
    messages = {
        (d["code"], d["file"].removeprefix(PLANS)): d["message"] for d in data["diagnostics"]
    }
    two = messages[("DG210", "PHASE_2_EXECUTION_PLAN.md")]
    assert "'Phase 2 is complete.'" in two
    assert "docs/plans/LEDGER_MASTERPLAN.md:18" in two and "the masterplan looks stale" in two
    three = messages[("DG210", "PHASE_3_EXECUTION_PLAN.md")]
    assert "'Phase 3 - Projector ✅'" in three and "the plan looks stale" in three
    assert "docs/plans/LEDGER_MASTERPLAN.md:21" in three
    four = messages[("DG211", "PHASE_4_EXECUTION_PLAN.md")]
    assert "Phase 3 projector running in production" in four and "in progress" in four
    # phase 1 agrees with its section; phase 5 has none; "Phase 2 event store in place"
    # is a dependency on a complete phase: nothing said about them
    assert not any("PHASE_1" in f or "PHASE_5" in f for _, f, _ in _findings(data))


def test_open_items_outside_follow_ups_still_contradict_a_completion(tmp_path: Path) -> None:
    plan = parse_plan(
        "# Phase 6 Execution Plan\n\n## Completion Summary\n\nPhase 6 is complete.\n\n"
        "## Tasks\n\n- [x] one\n- [ ] two\n\n## Follow-ups\n\n- [ ] later\n",
        "PHASE_6.md",
    )
    assert plan.status == "complete" and plan.follow_ups == (0, 1)
    from docgen.plans.lint import Repository, lint_plan

    found = [d for d in lint_plan(plan, Repository(tmp_path)) if d.code == "DG201"]
    assert len(found) == 1 and found[0].location is not None
    assert found[0].location.line == 5 and "'two' (line 10)" in found[0].message
    assert "later" not in found[0].message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phase 3 is complete.", [("complete", 3)]),
        ("Phase 3 is now complete: the projector replays the log.", [("complete", 3)]),
        ("This phase is done.", [("complete", None)]),
        ("Phase 3 has been completed on 2024-05-02.", [("complete", 3)]),
        ("**Status:** ✅ Complete", [("complete", None)]),
        ("Status: In progress (week 3)", [("in progress", None)]),
        ("Phase 4 status: not started", [("not started", 4)]),
        ("Status: Phase 4 complete (2024-06-01)", [("complete", None)]),
        ("Status: ✅ Done", [("complete", None)]),
        ("Once Phase 3 is complete, the API work starts.", []),
        ("We start Phase 4 when Phase 3 is done.", []),
        ("Phase 3 is not complete yet.", []),
        ("Phase 3 will be complete when replay works.", []),
        ("The phase is incomplete.", []),
        ("Status: incomplete", [("in progress", None)]),
        ("Completed the store migration.", []),
        ("Done means the release boots.", []),
        ("Phase 2 is complete only when:", []),
        ("Phase 2 is complete when the store replays the log.", []),
        ("Phase 2 completed with these concrete outputs:", [("complete", 2)]),
        ("Phase 2 complete.", [("complete", 2)]),
        ("Validation completed during Phase 2:", []),
    ],
)
def test_declarations(text: str, expected: list[tuple[str, int | None]]) -> None:
    assert [(d.state, d.phase) for d in declarations(text, 1)] == expected


def test_a_bare_state_counts_only_in_a_status_section() -> None:
    assert [d.state for d in declarations("Complete (2024-05-01)", 7, in_status=True)] == [
        "complete"
    ]
    assert declarations("Complete (2024-05-01)", 7) == []


@pytest.mark.parametrize(
    ("title", "later"),
    [
        ("Immediate Next Actions After Phase 2", True),
        ("Immediate Next Actions", False),  # the seed plan's own first actions
        ("Next Steps", True),
        ("Follow-ups", True),
        ("Followups", True),
        ("Later", True),
        ("Out of scope for this phase", True),
        ("Future work", True),
        ("Deferred", True),
        ("Workstream 2 - Store", False),
        ("Deliverables", False),
        ("Exit Criteria", False),
        ("Status", False),
        ("Translation layer", False),
        ("Follow-ups (Phase 3)", True),
        ("server.listen(handle[, backlog][, callback])", False),
    ],
)
def test_follow_up_headings(title: str, later: bool) -> None:
    assert is_follow_up(title) is later


def test_roadmap_shows_follow_ups_and_disagreements() -> None:
    from docgen.plans.consistency import cross_plan

    plans = load_plans(LEDGER, ["docs/plans/*.md"])
    phases = [p for p in plans if p.phase is not None]
    notes: dict[str, list[str]] = {}
    for finding in cross_plan(plans):
        notes.setdefault(finding.plan, []).append(finding.summary)
    html = roadmap_html(phases, ["#"] * len(phases), notes)
    assert "complete · 3 follow-ups open" in html
    assert "masterplan section still open (docs/plans/LEDGER_MASTERPLAN.md:18)" in html
    assert "masterplan says done (docs/plans/LEDGER_MASTERPLAN.md:21)" in html
    assert "dependency on phase 3 ticked, phase 3 in progress" in html
    row = html[html.index("Phase 1 Execution Plan") :]
    assert "agree" in row[: row.index("</tr>")]


def test_the_real_plans_keep_their_status(capsys: pytest.CaptureFixture[str], repo: Path) -> None:
    data = _progress(capsys, repo)
    found = {p["path"]: p["status"] for p in data["plans"]}
    assert found["docs/plans/PHASE_2_EXECUTION_PLAN.md"] == "complete"
    assert not [d for d in data["diagnostics"] if d["code"] in ("DG210", "DG211", "DG212")]


_LINES = st.sampled_from(
    [
        "# Phase 3 Execution Plan",
        "## Status",
        "## Next Steps",
        "## Tasks",
        "## Immediate Next Actions After Phase 3",
        "- [x] Phase 3 complete",
        "- [ ] Phase 3 complete",
        "- [x] done thing",
        "- [ ] open thing",
        "Phase 3 is complete.",
        "Once Phase 3 is complete, go.",
        "Status: In progress",
        "",
        "> Phase 3 is complete.",
        "```",
    ]
)


@given(st.lists(_LINES, max_size=30))
def test_status_is_one_of_three_and_counts_stay_exact(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    plan = parse_plan(text, "PHASE_3_EXECUTION_PLAN.md")
    assert plan.status in STATES
    assert (plan.done, plan.total) == count_items(text)
    later_done, later_total = plan.follow_ups
    assert 0 <= later_done <= later_total <= plan.total
    assert len(plan.core_items()) == plan.total - later_total


def test_a_completion_in_words_outweighs_a_box_left_active() -> None:
    text = (
        "# Phase 7 Execution Plan\n\n## Status\n\nCurrent phase:\n\n- [x] Phase 7 active\n\n"
        "Phase complete:\n\n- [ ] Phase 7 complete\n\n## Tasks\n\n- [x] one\n\n"
        "## Completion Summary\n\nPhase 7 is complete.\n"
    )
    plan = parse_plan(text, "PHASE_7_EXECUTION_PLAN.md")
    assert plan.status == "complete"
    declared = plan.declaration()
    assert declared is not None and declared.line == 19
    # the unticked box is an open item of the phase itself: DG201 asks to tick it
    from docgen.plans.lint import Repository, lint_plan

    assert [d.code for d in lint_plan(plan, Repository(Path())) if d.code == "DG201"] == ["DG201"]
    # without the sentence, the box left active is the declaration
    active = parse_plan(text.replace("Phase 7 is complete.", "Work goes on."), "P7.md")
    assert active.status == "in progress"
