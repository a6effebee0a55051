"""Held fragments come back intact; a forked computation returns what it computed."""

from __future__ import annotations

import logging
import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.background import Background, Jobs
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


def test_jobs_come_back_one_by_one_with_what_they_logged(caplog: pytest.LogCaptureFixture) -> None:
    parent = os.getpid()
    log = logging.getLogger("mkdocs.plugins.docgen")

    def job(n: int) -> tuple[int, int]:
        log.warning("docgen: job %d drawn", n)
        return n, os.getpid()

    def fails() -> str:
        raise RuntimeError("only in the child")

    jobs = Jobs(
        [
            (("a",), lambda: job(1), False),
            (("big",), lambda: "x" * 1_000_000, False),  # larger than a pipe's buffer
            (("fails",), fails, False),
            (("quiet",), lambda: job(2), True),
        ],
        fork=True,
    )
    assert jobs.pid is not None
    quiet = jobs.take(("quiet",))  # the last: the child never waited for a reader
    assert quiet is not None and quiet.value[0] == 2 and quiet.records == []
    done = jobs.take(("a",))
    assert done is not None
    value, pid = done.value
    assert value == 1 and pid != parent
    assert [r.getMessage() for r in done.records] == ["docgen: job 1 drawn"]
    assert done.records[0].levelno == logging.WARNING
    big = jobs.take(("big",))
    assert big is not None and len(big.value) == 1_000_000
    assert jobs.take(("fails",)) is None  # the caller computes it and sees the error
    assert jobs.take(("never planned",)) is None
    assert jobs.take(("a",)) is None  # taken once
    assert not [r for r in caplog.records if "drawn" in r.getMessage()]  # not logged here


def test_jobs_without_a_child_leave_the_work_to_the_caller() -> None:
    jobs = Jobs([(("a",), lambda: 1, False)], fork=False)
    assert jobs.pid is None and jobs.take(("a",)) is None


def test_cancelled_jobs_stop_the_child() -> None:
    jobs = Jobs([(("slow",), lambda: time.sleep(60), False)], fork=True)
    pid = jobs.pid
    assert pid is not None
    jobs.cancel()
    assert jobs.take(("slow",)) is None
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("the child is still running")
