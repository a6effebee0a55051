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
import re
import threading

_SLOT = re.compile(r'<div class="dg-slot" data-dg-slot="([0-9a-f]{16})(s?)"></div>')


class Slots:
    """One build's placeholders and the HTML each stands for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._html: dict[str, str] = {}

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
            return known.get(match.group(1), match.group(0))

        return _SLOT.sub(put_back, page_html)
