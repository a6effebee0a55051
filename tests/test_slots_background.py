"""Held fragments come back intact; a forked computation returns what it computed."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.background import Background
from docgen.slots import Slots


@given(st.lists(st.tuples(st.text(min_size=1), st.booleans()), min_size=1, max_size=8))
def test_every_held_fragment_is_put_back(fragments: list[tuple[str, bool]]) -> None:
    slots = Slots()
    page = "<p>before</p>\n" + "\n".join(slots.hold(html, s) for html, s in fragments)
    searchable = slots.fill(page, searchable_only=True)
    for html, is_searchable in fragments:
        if is_searchable:
            assert html in searchable
    final = slots.fill(searchable)
    assert final == "<p>before</p>\n" + "\n".join(html for html, _ in fragments)


def test_unknown_placeholders_are_left_alone() -> None:
    page = '<div class="dg-slot" data-dg-slot="0123456789abcdef"></div>'
    assert Slots().fill(page) == page


def test_forked_result_and_in_process_fallback() -> None:
    parent = os.getpid()
    forked = Background(lambda: (os.getpid(), "x" * 200_000), fork=True)
    assert forked.pid is not None
    pid, big = forked.result()
    assert pid != parent and len(big) == 200_000
    here = Background(lambda: os.getpid(), fork=False)
    assert here.pid is None and here.result() == parent


def test_a_failing_child_falls_back_to_computing_here() -> None:
    parent = os.getpid()

    def compute() -> int:
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return 7

    assert Background(compute, fork=True).result() == 7


def test_cancelled_child_is_stopped_and_reaped() -> None:
    def never() -> str:
        time.sleep(60)
        return "never"

    slow = Background(never, fork=True)
    pid = slow.pid
    assert pid is not None
    slow.cancel()
    assert slow.pid is None
    with pytest.raises(ChildProcessError):  # killed and already waited for
        os.waitpid(pid, os.WNOHANG)
