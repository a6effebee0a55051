"""Findings as data: detection is separate from printing.

Analysers return :class:`Diagnostic` values with a stable ``code``; front doors
(CLI, MkDocs macros) decide how to show them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Severity(enum.Enum):
    """How bad a finding is; ``error`` fails CI, ``warning`` fails ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A 1-based line (and column, 0 when unknown) in a file, relative to the root."""

    path: str
    line: int
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")

    def under(self, prefix: str) -> Location:
        """This location seen from ``prefix``'s parent (``beam`` + ``mix.exs``)."""
        return Location(f"{prefix}/{self.path}", self.line, self.column) if prefix else self


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding: stable code, severity, where, what, and how to fix it."""

    code: str
    severity: Severity
    location: Location | None
    message: str
    hint: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "file": self.location.path if self.location else None,
            "line": self.location.line if self.location else None,
            "message": self.message,
            "hint": self.hint,
        }

    def format_text(self) -> str:
        where = f"{self.location}: " if self.location else ""
        text = f"{where}{self.code} {self.message}"
        if self.hint:
            first, *rest = self.hint.split("\n")
            text += f"\n  hint: {first}" + "".join(f"\n        {line}" for line in rest)
        return text

    def under(self, prefix: str) -> Diagnostic:
        """The same finding with its path below ``prefix`` (see :meth:`Location.under`)."""
        if not prefix or self.location is None:
            return self
        return Diagnostic(
            self.code, self.severity, self.location.under(prefix), self.message, self.hint
        )

    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location or Location("", 0)
        return (loc.path, loc.line, loc.column, self.code, self.message)
