"""Restart semantics in words, for the ``restart_table`` macro.

"gives up after 3 restarts in 5 s, then exits and its own supervisor decides" reads
better to an on-call engineer than ``max_restarts: 3``; the words come from the same
model the tree JSON carries (:mod:`docgen.elixir.restarts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docgen.elixir.models import Child
from docgen.render.dot import crash_words

STRATEGY_WORDS = {
    "one_for_one": "a child that exits is restarted alone",
    "one_for_all": "when one child exits, every child is stopped and started again",
    "rest_for_one": "when a child exits, it and every child started after it are restarted",
}


def intensity_words(most: int | None, seconds: int | None, top_level: bool) -> str:
    """``gives up after 3 restarts in 5 s, then exits and …``."""
    after = "the application stops" if top_level else "its own supervisor decides"
    if most is None or seconds is None:
        return f"its restart limit is not known statically; past it, it exits and {after}"
    times = "restart" if most == 1 else "restarts"
    return f"gives up after {most} {times} in {seconds} s, then exits and {after}"


def shutdown_words(shutdown: int | str | None) -> str:
    if shutdown is None:
        return "not known"
    if shutdown == "infinity":
        return "waits as long as it takes"
    if shutdown == "brutal_kill":
        return "killed at once"
    return f"{shutdown} ms, then killed"


def restart_section(
    app: str,
    supervisor: str,
    strategy: str | None,
    most: int | None,
    seconds: int | None,
    children: Sequence[Child],
    top_level: bool = False,
) -> dict[str, Any]:
    """One supervisor's part of the restart table."""
    shown = strategy or "one_for_one"
    rows = [
        {
            "id": child.id,
            "module": child.module or "(dynamic)",
            "restart": child.restart or "not known",
            "shutdown": shutdown_words(child.shutdown),
            "crash": crash_words(child.blast) if child.blast is not None else "not known",
            "note": child.blast.note if child.blast is not None else "",
            "temporary": child.restart == "temporary",
            "conditional": child.conditional,
        }
        for child in children
    ]
    return {
        "app": app,
        "supervisor": supervisor,
        "strategy": shown,
        "strategy_words": STRATEGY_WORDS.get(shown, "its strategy is not one docgen knows"),
        "intensity_words": intensity_words(most, seconds, top_level),
        "rows": rows,
    }
