"""YAML front matter of Markdown pages (``---`` … ``---``), in one place.

Lines stay meaningful: the body is returned with the file line it starts on, so
diagnostics found in it point at the right line of the file.
"""

from __future__ import annotations

from typing import Any

import yaml


def front_matter_lines(text: str) -> int:
    """How many lines the front matter takes, closing ``---``/``...`` included (0: none)."""
    if not text.startswith("---"):
        return 0
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return n + 1
    return 0


def split_front_matter(text: str) -> tuple[dict[str, Any], str, int]:
    """``(meta, body, first line of body)``; invalid or non-mapping YAML gives ``{}``."""
    n = front_matter_lines(text)
    if not n:
        return {}, text, 1
    lines = text.split("\n")
    try:
        meta = yaml.safe_load("\n".join(lines[1 : n - 1])) or {}
    except yaml.YAMLError:
        meta = {}
    return (meta if isinstance(meta, dict) else {}), "\n".join(lines[n:]), n + 1
