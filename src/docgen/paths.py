"""Paths given to macros, the CLI or the config resolve inside the repository root.

Anything that escapes it (``../``, absolute paths elsewhere, symlinks out) is refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from docgen.errors import PathOutsideRootError

SKIPPED_DIRS = frozenset({"deps", "_build", "node_modules", "test", "tests"})
"""Folders of a mix project that hold no application code of its own (dependencies,
build output, tests): not walked for Elixir sources or mix projects."""


def resolve_inside(root: Path, path: str | Path) -> Path:
    """``root / path`` resolved; raises :class:`PathOutsideRootError` if it escapes."""
    base = root.resolve()
    target = (base / path).resolve()
    if target != base and base not in target.parents:
        raise PathOutsideRootError(
            f"{path!s} resolves to {target}, outside the repository root {base}; "
            "give a path inside the repository"
        )
    return target


def is_covered(folder: Path, entries: Iterable[object], base: Path) -> bool:
    """Whether ``folder`` is one of the paths ``entries`` (relative to ``base``) or below one."""
    folder = folder.resolve()
    for entry in entries:
        path = (base / str(entry)).resolve()
        if path == folder or path in folder.parents:
            return True
    return False


def find_root(start: Path) -> Path:
    """The nearest ancestor of ``start`` holding ``mkdocs.yml``, ``.git`` or ``pyproject.toml``."""
    start = start.resolve()
    for candidate in (start, *start.parents):
        if any(
            (candidate / marker).exists() for marker in ("mkdocs.yml", ".git", "pyproject.toml")
        ):
            return candidate
    return start
