"""What every property test asks of findings: a file in the project and a line in it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hypothesis import settings

from docgen.diagnostics import Diagnostic
from docgen.textfile import decode


def lines_of(path: Path) -> list[str]:
    """The file's lines as docgen numbers them (decoded as docgen decodes)."""
    return decode(path.read_bytes(), path.name).text.split("\n")


def assert_located(found: Iterable[Diagnostic], root: Path) -> None:
    """Each finding names a file under ``root`` and a line (and column) inside it."""
    for d in found:
        assert d.location is not None, d
        where = root / d.location.path
        assert where.is_file(), f"{d}: no such file under {root}"
        assert ".." not in Path(d.location.path).parts, d
        lines = lines_of(where)
        assert 1 <= d.location.line <= len(lines), f"{d}: the file has {len(lines)} lines"
        if d.location.column:
            line = lines[d.location.line - 1]
            assert 1 <= d.location.column <= len(line) + 1, f"{d}: line is {len(line)} long"
        assert d.message.strip(), d


def scaled(factor: float) -> int:
    """``factor`` times the loaded profile's examples (a slow or a cheap test)."""
    return max(5, int(settings().max_examples * factor))
