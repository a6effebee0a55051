"""Placeholders that carry large HTML fragments past an engine's Markdown pass.

A macro's HTML goes through the engine's Markdown (its raw-HTML pass walks every
element) and, for pages, its search indexer. For an inline SVG diagram with
thousands of elements that costs a build more than drawing it. Where the engine
has a hook after Markdown, the macro returns a one-line placeholder instead and
the hook puts the HTML back: ``searchable`` fragments (tables) before the search
indexer reads the page, the others (diagrams) in the finished page.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

_SLOT = re.compile(r'<div class="dg-slot" data-dg-slot="([0-9a-f]{16})(s?)"></div>')


class Slots:
    """One build's placeholders and the HTML each stands for (or will: see :meth:`later`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._html: dict[str, str | Future[str]] = {}
        self._pool: ThreadPoolExecutor | None = None

    def later(self, name: str, compute: Callable[[], str], searchable: bool = False) -> str:
        """The placeholder for what ``compute()`` returns, computed in a thread from now
        on (once per ``name``): the page goes on while, say, ``dot`` draws its diagram."""
        key = hashlib.sha256(name.encode()).hexdigest()[:16]
        with self._lock:
            if key not in self._html:
                if self._pool is None:
                    workers = max(2, os.cpu_count() or 1)
                    self._pool = ThreadPoolExecutor(workers, thread_name_prefix="docgen")
                self._html[key] = self._pool.submit(compute)
        return f'<div class="dg-slot" data-dg-slot="{key}{"s" if searchable else ""}"></div>'

    def close(self) -> None:
        """Let the threads go once their work is done (a new build has its own)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False)

    def hold(self, html: str, searchable: bool = False) -> str:
        """The placeholder for ``html``: a block-level element on one line."""
        key = hashlib.sha256(html.encode()).hexdigest()[:16]
        with self._lock:
            self._html[key] = html
        return f'<div class="dg-slot" data-dg-slot="{key}{"s" if searchable else ""}"></div>'

    def fill(self, page_html: str, searchable_only: bool = False) -> str:
        """``page_html`` with placeholders replaced (only searchable ones if asked)."""
        if "data-dg-slot" not in page_html:
            return page_html
        with self._lock:
            known = dict(self._html)

        def put_back(match: re.Match[str]) -> str:
            if searchable_only and not match.group(2):
                return match.group(0)
            held = known.get(match.group(1))
            if held is None:
                return match.group(0)
            return held.result() if isinstance(held, Future) else held

        return _SLOT.sub(put_back, page_html)
