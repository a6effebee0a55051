"""Spread per-file work (Markdown pages, built HTML) over the machine's cores.

Parsing is pure CPU work per file, so large inputs are split into chunks
handled by forked worker processes; results come back in order. Small inputs,
single-core machines, platforms without ``fork`` and processes that already run
threads (forking them is unsafe) stay sequential.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 600
"""Below this many files, starting workers costs more than it saves."""


def _workers() -> int:
    return min(os.cpu_count() or 1, 8)


def fork_is_safe() -> bool:
    """A second core, ``fork`` on this platform, and no other thread in this process."""
    return (
        _workers() >= 2
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
    )


def will_fork(count: int, min_items: int | None = None) -> bool:
    """Whether :func:`map_chunks` spreads ``count`` items over worker processes
    (``min_items`` defaults to :data:`MIN_ITEMS`)."""
    return count >= (MIN_ITEMS if min_items is None else min_items) and fork_is_safe()


def map_chunks(
    fn: Callable[[T, Sequence[str]], list[R]],
    shared: T,
    items: Sequence[str],
    min_items: int | None = None,
    codec: tuple[Callable[[R], Any], Callable[[Any], R]] | None = None,
) -> list[R]:
    """``fn(shared, chunk)`` over parts of ``items``, concatenated in order.

    With ``n`` cores, ``items`` is cut into ``n`` equal parts: this process
    works through the first while ``n - 1`` forked workers take the others.
    Workers' results are pickled back: cheap for compact results (link
    findings), not for rich models (a parsed plan's objects cost as much to
    pickle as to parse, measured). For those, ``codec`` is ``(pack, unpack)``:
    workers send ``pack(result)`` (plain tuples) and this process unpacks them;
    its own part needs neither.
    """
    if not will_fork(len(items), min_items):
        return fn(shared, items)
    workers = _workers()
    size = -(-len(items) // workers)
    own, *rest = [items[i : i + size] for i in range(0, len(items), size)]
    if not rest:
        return fn(shared, own)
    pack = codec[0] if codec else None
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(rest), mp_context=context) as pool:
        futures = [pool.submit(_run, fn, pack, shared, chunk) for chunk in rest]
        results = fn(shared, own)
        for future in futures:
            part = future.result()
            results.extend(map(codec[1], part) if codec else part)
    return results


def _run(
    fn: Callable[[T, Sequence[str]], list[R]],
    pack: Callable[[R], Any] | None,
    shared: T,
    chunk: Sequence[str],
) -> list[Any]:
    """A worker's part: ``fn``'s results, packed for the trip back when asked."""
    results = fn(shared, chunk)
    return [pack(r) for r in results] if pack else results


def start_beside(fn: Callable[[T], R], arg: T) -> Callable[[], R]:
    """Start ``fn(arg)`` in one forked worker; the returned function waits for it.

    For work this process cannot share out item by item (it keeps its own part's
    results, like parse trees): it works on its own part meanwhile. Call only
    when :func:`will_fork` says so.
    """
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(fn, arg)

    def result() -> R:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return result
