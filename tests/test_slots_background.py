"""Held fragments come back intact; forked jobs return what they computed."""

from __future__ import annotations

import logging
import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.background import Jobs
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
    assert jobs.forked and jobs.pid is not None
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
    assert not jobs.forked and jobs.pid is None and jobs.take(("a",)) is None


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


def test_a_child_that_dies_leaves_every_job_to_the_caller() -> None:
    jobs = Jobs(
        [
            (("first",), lambda: "one", False),
            (("dies",), lambda: os._exit(3), False),
            (("after",), lambda: "never", False),
        ],
        fork=True,
    )
    assert jobs.take(("after",)) is None  # no hang: the pipe closed
    assert jobs.take(("dies",)) is None
    first = jobs.take(("first",))
    assert first is not None and first.value == "one"
