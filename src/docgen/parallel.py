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
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 600
"""Below this many files, starting workers costs more than it saves."""


def map_chunks(
    fn: Callable[[T, Sequence[str]], list[R]], shared: T, items: Sequence[str]
) -> list[R]:
    """``fn(shared, chunk)`` over chunks of ``items``, concatenated in order.

    Results are pickled back from the workers: worth it for compact results
    (link findings), not for rich models (parsed plans cost as much to pickle as
    to parse, measured).
    """
    workers = min(os.cpu_count() or 1, 8)
    if (
        len(items) < MIN_ITEMS
        or workers < 2
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return fn(shared, items)
    size = -(-len(items) // (workers * 2))
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        parts = list(pool.map(fn, [shared] * len(chunks), chunks))
    return [result for part in parts for result in part]
