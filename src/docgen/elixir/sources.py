"""Finding and reading the files an analysis reads, quickly enough to repeat.

``mkdocs serve`` re-analyses the whole tree on every rebuild, and a big umbrella has
thousands of files. Paths in results are relative to the analysed root with
symlinks resolved; :class:`Resolver` and :func:`walk_files` get there without
resolving every file from scratch.

Reading (:class:`docgen.elixir.reading.Reading`, through :func:`remember`) skips a
file whose ``stat`` signature (device, inode, size, mtime, ctime) is unchanged since
it was last read, the way ``git status``
trusts its index; every other file is read and goes through the content-hashed
parse cache. Any write moves ``ctime``, even when a tool puts ``mtime`` back, so
the one change this misses is one that keeps all five, which takes a clock set
back or a raw disk edit. A file changed less than :data:`SETTLED_NS` before it
was read is always read again, so two writes within one timestamp tick are
never mistaken for one.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile, parse_source
from docgen.paths import SKIPPED_DIRS as SKIPPED_DIRS
from docgen.textfile import cannot_read

UNREADABLE = "DG102"
CHANGED_WHILE_READ = "DG111"
# Fetched dependencies, build output, and test trees (Elixir's `test/`, and the
# `tests/` of a surrounding repository, whose fixture projects are not the product).

SETTLED_NS = 3_000_000_000
"""A file changed this recently (ns) is re-read next time even if its ``stat`` is
unchanged: a second write within one timestamp tick (up to 2 s on some file
systems) may not change it. Older files can only change with a new ``ctime``."""


class SourceFile(NamedTuple):
    """A file found by :func:`walk_files` (or in a git revision, see :class:`Files`)."""

    path: str
    """As walked: the walked directory joined with the names below it."""
    rel: str
    """Relative to the analysed root (POSIX), symlinks resolved."""
    signature: tuple[int, ...] | None
    """``(device, inode, size, mtime_ns, ctime_ns)``; ``None`` when ``stat`` failed."""
    blob: str | None = None
    """A file of a git revision: its blob id (the content never changes)."""
    data: bytes | None = None
    """A file of a git revision: its content, when it was not known by blob id."""


class Files(Protocol):
    """Where an analysis finds its files: a directory on disk (:class:`WorkTree`) or a
    git revision (:class:`docgen.elixir.revision.Snapshot`)."""

    root: Path

    def walk(self, top: Path, wanted: Callable[[str], bool]) -> list[SourceFile]:
        """Files below ``top`` whose name is ``wanted``, as :func:`walk_files` lists them."""
        ...

    def resolve(self, path: Path) -> Path:
        """``path`` with symlinks and ``..`` resolved, to compare directories."""
        ...


class WorkTree:
    """The files on disk under ``root``, each path resolved once per analysis."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.resolver = Resolver()

    def walk(self, top: Path, wanted: Callable[[str], bool]) -> list[SourceFile]:
        return walk_files(top, self.root, wanted, self.resolver)

    def resolve(self, path: Path) -> Path:
        return self.resolver.resolve(path)


class Resolver:
    """``Path.resolve()`` for many paths below the same directories, each resolved once.

    A path whose last part is neither a symlink nor ``..`` resolves to its resolved
    parent plus that name; anything else goes to ``Path.resolve``. Answers are kept
    for the life of the resolver: make one per analysis, as symlinks may change.
    """

    def __init__(self) -> None:
        self._known: dict[Path, Path] = {}

    def resolve(self, path: Path) -> Path:
        path = path if path.is_absolute() else Path.cwd() / path
        known = self._known.get(path)
        if known is None:
            parent = path.parent
            if parent == path or path.name == ".." or path.is_symlink():
                known = path.resolve()
            else:
                known = self.resolve(parent) / path.name
            self._known[path] = known
        return known

    def relative(self, path: Path, root: Path) -> str:
        """Like :func:`relative`, resolving through this resolver."""
        try:
            return self.resolve(path).relative_to(self.resolve(root)).as_posix()
        except ValueError:
            return path.as_posix()


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, POSIX style."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def walk_files(
    top: Path, root: Path, wanted: Callable[[str], bool], resolver: Resolver | None = None
) -> list[SourceFile]:
    """Files under ``top`` whose name is ``wanted``, each directory's entries by name.

    Walks like ``os.walk``: skips :data:`SKIPPED_DIRS` and hidden directories and
    does not enter symlinked directories. As nothing below ``top`` is a symlinked
    directory, a file's relative path is ``top``'s plus the walked names; only a
    symlinked file is resolved on its own.
    """
    resolver = resolver or Resolver()
    base = resolver.relative(top, root)
    found: list[SourceFile] = []

    def visit(directory: str, rel: str) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError:
            return
        for entry in entries:
            if _is_dir(entry):
                if not (entry.is_symlink() or entry.name in SKIPPED_DIRS or entry.name[0] == "."):
                    visit(entry.path, f"{rel}{entry.name}/")
            elif wanted(entry.name):
                name = rel + entry.name
                if entry.is_symlink():
                    name = resolver.relative(Path(entry.path), root)
                found.append(SourceFile(entry.path, name, _signature(entry)))

    visit(os.fspath(top), "" if base == "." else f"{base}/")
    return found


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _signature(entry: os.DirEntry[str]) -> tuple[int, ...] | None:
    try:
        st = entry.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def remember(file: SourceFile, parsed: ParsedFile, cache: ParseCache) -> ParsedFile:
    """Remember ``parsed`` for ``file`` while its ``stat`` signature holds
    (:meth:`ParseCache.known_file`); files changed very recently are not remembered."""
    if file.blob is not None:
        return cache.memo(("blob", file.rel, file.blob), lambda: parsed)
    signature = file.signature
    if signature is not None and parsed.digest is not None and _settled(signature):
        cache.remember_file(file.path, file.rel, signature, parsed)
    return parsed


def unreadable(rel: str, error: OSError) -> ParsedFile:
    """An empty file plus ``DG102`` (a warning when it was deleted while being read)."""
    return ParsedFile(rel, (), (cannot_read(rel, error, UNREADABLE),))


def changed_while_read(parsed: ParsedFile) -> ParsedFile:
    """``parsed`` plus ``DG111``: the file changed between being listed and read."""
    problem = Diagnostic(
        CHANGED_WHILE_READ,
        Severity.WARNING,
        Location(parsed.path, 1),
        "the file changed while docgen read it; this build may show a half-written version",
        "nothing to do while you are editing it: the next build reads it again",
    )
    return dataclasses.replace(parsed, diagnostics=(*parsed.diagnostics, problem))


def _settled(signature: tuple[int, ...]) -> bool:
    """Whether the file's last change (mtime or ctime) is older than :data:`SETTLED_NS`."""
    return time.time_ns() - max(signature[3:]) > SETTLED_NS


def read_source(
    path: Path, root: Path, cache: ParseCache | None, rel: str | None = None
) -> ParsedFile:
    """Parse one file; an unreadable file is an empty file plus a diagnostic.

    ``rel`` is the path relative to ``root`` when the caller already knows it.
    """
    return _read(path, relative(path, root) if rel is None else rel, cache or DEFAULT_CACHE)


def _read(path: str | Path, rel: str, cache: ParseCache) -> ParsedFile:
    try:
        source = read_bytes(path)
    except OSError as error:
        return unreadable(rel, error)
    return parse_source(rel, source, cache)


def read_bytes(path: str | Path) -> bytes:
    # A walked path is a str: making a Path of each would cost more than the read.
    with open(path, "rb") as file:  # noqa: PTH123
        return file.read()


def read_walked(file: SourceFile) -> tuple[bytes, bool]:
    """``file``'s bytes, and whether it changed since it was walked.

    The open file's size, ``mtime`` and ``ctime`` after the read are compared with
    the walk's: an editor or a ``git checkout`` that rewrote the file in between
    (or during the read) moves at least ``ctime``. Device and inode are left out,
    as some overlay file systems report another device through an open file.
    """
    if file.data is not None:
        return file.data, False
    with open(file.path, "rb") as handle:  # noqa: PTH123
        source = handle.read()
        if file.signature is None:
            return source, False
        st = os.fstat(handle.fileno())
    now = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return source, now != file.signature[2:] or len(source) != st.st_size
