"""Every text file docgen reads, decoded one way: UTF-8, never an exception.

A byte-order mark is dropped and CRLF line ends become LF. Bytes that are not
UTF-8 (a Latin-1 "café" pasted from an old document) do not stop anything: the
first one is reported as ``DG001`` with its file, line and column, and the text
is read on with U+FFFD in place of each bad byte, so every other finding of the
file still comes out.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, Location, Severity

NOT_UTF8 = "DG001"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and, when it was not UTF-8, where its first bad byte is."""

    text: str
    bad: Location | None = None
    byte: int = 0
    """The first bad byte's value (with :attr:`bad`)."""

    def problems(self) -> tuple[Diagnostic, ...]:
        """``DG001`` for the first bad byte, or nothing."""
        if self.bad is None:
            return ()
        return (not_utf8(self.bad, self.byte),)


def decode(raw: bytes, path: str) -> Decoded:
    """``raw`` as text (see the module docstring); ``path`` is how findings name it."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    offset = -1
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
        text = raw.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    if offset < 0:
        return Decoded(text)
    return Decoded(text, first_bad_byte(raw, path, offset), raw[offset])


def first_bad_byte(raw: bytes, path: str, offset: int) -> Location:
    """The 1-based line and column (in characters) of byte ``offset`` of ``raw``."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    line = raw.count(b"\n", 0, offset) + 1
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(path, line, column)


def bad_utf8(raw: bytes, path: str) -> Diagnostic | None:
    """``DG001`` for ``raw`` (kept as bytes, as the Elixir parser reads it), or ``None``."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return not_utf8(first_bad_byte(raw, path, error.start), raw[error.start])
    return None


def read_text(path: Path, rel: str) -> Decoded:
    """The file at ``path`` (named ``rel`` in findings); ``OSError`` when unreadable."""
    return decode(path.read_bytes(), rel)


def not_utf8(location: Location, byte: int) -> Diagnostic:
    return Diagnostic(
        NOT_UTF8,
        Severity.WARNING,
        location,
        f"not valid UTF-8 (byte 0x{byte:02X}); read with U+FFFD in place of each bad byte",
        "save the file as UTF-8 (in Latin-1, é is the one byte 0xE9; in UTF-8 it is two)",
    )
