"""Every text file docgen reads, decoded one way: UTF-8, never an exception.

A byte-order mark is dropped and CRLF (or a lone CR) line ends become LF. Bytes that are not
UTF-8 (a Latin-1 "café" pasted from an old document) do not stop anything: the
first one is reported as ``DG001`` with its file, line and column, and the text
is read on with U+FFFD in place of each bad byte, so every other finding of the
file still comes out.

A file that cannot be read at all is ``DG002`` (:func:`read_or_report`): an error
when permissions or the disk refuse it; a warning when it was deleted or renamed
between being listed and being read, as happens while ``mkdocs serve`` rebuilds
under an editor (the next build lists the files again).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from docgen.diagnostics import Diagnostic, Location, Severity

NOT_UTF8 = "DG001"
UNREADABLE = "DG002"


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and, when it was not UTF-8, where its first bad byte is."""

    text: str
    bad: Location | None = None
    byte: int = 0
    """The first bad byte's value (with :attr:`bad`)."""
    unreadable: Diagnostic | None = None
    """Why the file could not be read (:func:`read_or_report`; :attr:`text` is empty)."""

    def problems(self) -> tuple[Diagnostic, ...]:
        """``DG001`` for the first bad byte, ``DG002`` when unreadable, or nothing."""
        if self.unreadable is not None:
            return (self.unreadable,)
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
    if "\r" in text:  # CRLF, and a lone CR (an old Mac line end, as CommonMark reads it)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if offset < 0:
        return Decoded(text)
    return Decoded(text, first_bad_byte(raw, path, offset), raw[offset])


def first_bad_byte(raw: bytes, path: str, offset: int) -> Location:
    """The 1-based line and column (in characters) of byte ``offset`` of ``raw``;
    LF, CRLF and a lone CR each end a line, as :func:`decode` reads them."""
    line, line_start = 1, 0
    for end in _LINE_END.finditer(raw, 0, offset):
        line += 1
        line_start = end.end()
    if raw.startswith(codecs.BOM_UTF8, line_start) and line_start == 0:
        line_start = len(codecs.BOM_UTF8)
    column = len(raw[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(path, line, column)


_LINE_END = re.compile(rb"\r\n|\r|\n")


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


def read_or_report(path: Path, rel: str) -> Decoded:
    """Like :func:`read_text`, but an unreadable file is empty text plus ``DG002``."""
    try:
        return read_text(path, rel)
    except OSError as error:
        return Decoded("", unreadable=cannot_read(rel, error))


def cannot_read(rel: str, error: OSError, code: str = UNREADABLE) -> Diagnostic:
    """Why ``rel`` could not be read, as ``code`` at its first line.

    A file gone between being listed and being read (deleted or renamed by an editor
    or a ``git checkout`` during the build) is a warning; anything else an error.
    """
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return Diagnostic(
            code,
            Severity.WARNING,
            Location(rel, 1),
            "the file was deleted or renamed while docgen read it; this build leaves it out",
            "nothing to do if it was meant to go: the next build lists the files again",
        )
    return Diagnostic(
        code,
        Severity.ERROR,
        Location(rel, 1),
        f"cannot read file: {error.strerror or error}",
        "check the file's permissions (or that it is a file, not a directory)",
    )


def outside_root(rel: str, code: str = UNREADABLE) -> Diagnostic:
    """``rel`` is a symlink to outside the repository, so it is not read."""
    return Diagnostic(
        code,
        Severity.ERROR,
        Location(rel, 1),
        "the file is a symbolic link to outside the repository; not read",
        "docgen reads only what is inside the repository root: copy the file in",
    )


def not_utf8(location: Location, byte: int) -> Diagnostic:
    return Diagnostic(
        NOT_UTF8,
        Severity.WARNING,
        location,
        f"not valid UTF-8 (byte 0x{byte:02X}); read with U+FFFD in place of each bad byte",
        "save the file as UTF-8 (in Latin-1, é is the one byte 0xE9; in UTF-8 it is two)",
    )
