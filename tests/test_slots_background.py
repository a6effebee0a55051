"""Held fragments come back intact; a forked computation returns what it computed."""

from __future__ import annotations

import os

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
    assert forked.forked
    pid, big = forked.result()
    assert pid != parent and len(big) == 200_000
    here = Background(lambda: os.getpid(), fork=False)
    assert not here.forked and here.result() == parent


def test_a_failing_child_falls_back_to_computing_here() -> None:
    parent = os.getpid()

    def compute() -> int:
        if os.getpid() != parent:
            raise RuntimeError("child fails")
        return 7

    assert Background(compute, fork=True).result() == 7


def test_cancelled_child_is_reaped() -> None:
    slow = Background(lambda: "y" * 10_000_000, fork=True)
    slow.cancel()
    assert not slow.forked
