"""GitHub Actions workflow commands (``::error file=…,line=…::message``), escaped."""

from __future__ import annotations

from docgen.diagnostics import Diagnostic, Location


def annotation(level: str, where: Location | None, title: str, message: str) -> str:
    """One workflow command annotating ``where`` (a path relative to the repository)."""
    props = []
    if where is not None:
        props.append(f"file={escape_property(where.path)}")
        props.append(f"line={where.line}")
        if where.column:
            props.append(f"col={where.column}")
    props.append(f"title={escape_property(title)}")
    return f"::{level} {','.join(props)}::{escape_data(message)}"


def diagnostic_annotation(diagnostic: Diagnostic) -> str:
    """A diagnostic as an ``error``/``warning``/``notice`` at its file and line."""
    level = {"error": "error", "warning": "warning"}.get(diagnostic.severity.value, "notice")
    message = diagnostic.message + (f"\n{diagnostic.hint}" if diagnostic.hint else "")
    return annotation(level, diagnostic.location, diagnostic.code, message)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
