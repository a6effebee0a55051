"""What a macro needs to know about the page it renders, from either engine.

MkDocs hands mkdocs-macros a ``mkdocs.structure.pages.Page`` (source path at
``page.file.src_uri``); Zensical's macros extension hands its own ``Page``, with
the docs-relative source path at ``page.path``. Both carry ``url`` and ``meta``.
This is the one place that knows the difference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class PageFacts:
    """A page as macros see it: source path, URL and front matter."""

    src_path: str
    """Relative to ``docs_dir``, POSIX (``plans/PHASE_2_EXECUTION_PLAN.md``)."""
    url: str
    """Relative to the site root, as the engine builds it (``plans/PHASE_2_EXECUTION_PLAN/``)."""
    meta: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, page: Any) -> PageFacts | None:
        """The facts of an engine's page object; ``None`` outside any page."""
        if page is None:
            return None
        file = getattr(page, "file", None)
        src = getattr(file, "src_uri", None) or getattr(file, "src_path", None)
        if src is None:
            src = getattr(page, "path", None)
        if not isinstance(src, str) or not src:
            return None
        url = getattr(page, "url", None)
        meta = getattr(page, "meta", None)
        return cls(
            src.replace("\\", "/"),
            url if isinstance(url, str) else "",
            meta if isinstance(meta, Mapping) else {},
        )
