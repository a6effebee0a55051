"""Finding and loading plans; many plans are parsed in worker processes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from docgen import parallel
from docgen.plans import discovery, load_plans

# The real Phase 2 plan the site hosts.
SEED = Path(__file__).resolve().parents[2] / "docs" / "plans" / "PHASE_2_EXECUTION_PLAN.md"

NESTED = """\
# Phase {n} Execution Plan

## Status

- [x] Phase {n} active
- [ ] Phase {n} complete

## Workstream A

### Tasks

- [x] wire `dg_store`
  - [ ] nested step
- [ ] ship [the guide](../beam/development.md)
- [ x] near miss

```markdown
- [ ] not an item
```

### Deliverables

1. [X] ordered and done
"""


@pytest.fixture
def many_plans(tmp_path: Path) -> Path:
    plans = tmp_path / "docs" / "plans"
    plans.mkdir(parents=True)
    for n in range(12):
        (plans / f"PHASE_{n}_EXECUTION_PLAN.md").write_text(NESTED.format(n=n), encoding="utf-8")
    (plans / "PHASE_2_EXECUTION_PLAN.md").write_text(SEED.read_text(encoding="utf-8"))
    (tmp_path / "docs" / "ROADMAP_MASTERPLAN.md").write_text("# Masterplan\n\n- [ ] a\n")
    return tmp_path


def test_plans_parsed_by_workers_equal_those_parsed_here(
    many_plans: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = load_plans(many_plans)
    monkeypatch.setattr(discovery, "PARALLEL_PLANS", 2)
    assert parallel.will_fork(len(here), 2), "this machine would not fork: nothing tested"
    forked = load_plans(many_plans)
    assert forked == here
    assert [p.source for p in forked] == [p.source for p in here]
    assert [p.bad_markers for p in forked] == [p.bad_markers for p in here]
    assert [p.path for p in forked][-1] == "docs/ROADMAP_MASTERPLAN.md"
    phase_2 = next(p for p in forked if p.phase == 2)
    assert phase_2.total == 73 and phase_2.title == here[2].title


def _square(offset: int, chunk: Sequence[str]) -> list[tuple[int, int]]:
    return [(int(n), int(n) ** 2 + offset) for n in chunk]


def _pack(result: tuple[int, int]) -> int:
    return result[1]


def _unpack(packed: int) -> tuple[int, int]:
    return (-1, packed)


def test_map_chunks_keeps_order_and_unpacks() -> None:
    items = [str(n) for n in range(50)]
    assert parallel.will_fork(len(items), 1)
    results = parallel.map_chunks(_square, 1, items, 1, (_pack, _unpack))
    # This process's part comes back as computed; the workers' parts unpacked.
    size = -(-len(items) // parallel._workers())
    assert results[:size] == [(n, n * n + 1) for n in range(size)]
    assert results[size:] == [(-1, n * n + 1) for n in range(size, 50)]


def test_map_chunks_with_one_item_runs_here() -> None:
    assert parallel.map_chunks(_square, 0, ["3"], 1, (_pack, _unpack)) == [(3, 9)]
