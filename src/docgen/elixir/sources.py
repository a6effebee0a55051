"""Finding and reading the files an analysis reads, quickly enough to repeat.

``mkdocs serve`` re-analyses the whole tree on every rebuild, and a big umbrella has
thousands of files. Paths in results are relative to the analysed root with
symlinks resolved; :class:`Resolver` and :func:`walk_files` get there without
resolving every file from scratch.

:func:`read_file` skips reading a file whose ``stat`` signature (device, inode,
size, mtime, ctime) is unchanged since it was last read, the way ``git status``
trusts its index; every other file is read and goes through the content-hashed
parse cache. Any write moves ``ctime``, even when a tool puts ``mtime`` back, so
the one change this misses is one that keeps all five, which takes a clock set
back or a raw disk edit. A file changed less than :data:`SETTLED_NS` before it
was read is always read again, so two writes within one timestamp tick are
never mistaken for one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.summary import parsed_file, summarise_sources
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile, parse_source
from docgen.parallel import start_beside, will_fork

UNREADABLE = "DG102"
log = logging.getLogger(__name__)
# Fetched dependencies, build output, and test trees (Elixir's `test/`, and the
# `tests/` of a surrounding repository, whose fixture projects are not the product).
SKIPPED_DIRS = frozenset({"deps", "_build", "node_modules", "test", "tests"})

SETTLED_NS = 3_000_000_000
"""A file changed this recently (ns) is re-read next time even if its ``stat`` is
unchanged: a second write within one timestamp tick (up to 2 s on some file
systems) may not change it. Older files can only change with a new ``ctime``."""


class SourceFile(NamedTuple):
    """A file found by :func:`walk_files`."""

    path: str
    """As walked: the walked directory joined with the names below it."""
    rel: str
    """Relative to the analysed root (POSIX), symlinks resolved."""
    signature: tuple[int, ...] | None
    """``(device, inode, size, mtime_ns, ctime_ns)``; ``None`` when ``stat`` failed."""


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


def read_file(found: SourceFile, cache: ParseCache | None = None) -> ParsedFile:
    """Parse a walked file; unchanged since its last read, it is not read again."""
    cache = cache or DEFAULT_CACHE
    signature = found.signature
    if signature is not None:
        known = cache.known_file(found.path, found.rel, signature)
        if known is not None:
            return known
    parsed = _read(found.path, found.rel, cache)
    if signature is not None and parsed.digest is not None and _settled(signature):
        cache.remember_file(found.path, found.rel, signature, parsed)
    return parsed


PARALLEL_FILES = 400
"""From this many files to parse on, a forked worker parses part of them."""
WORKER_SHARE = 0.44
"""The worker's share of the bytes to parse (it summarises its files too)."""


def read_files(found: Sequence[SourceFile], cache: ParseCache | None = None) -> list[ParsedFile]:
    """:func:`read_file` for many files, with a worker process on a second core.

    Files already known (by ``stat``, or by content hash) come from the cache.
    When many are left to parse and the machine has the cores for it, a forked
    worker parses the last files (:data:`WORKER_SHARE` of the bytes) and sends back summaries
    (:mod:`docgen.elixir.summary`) while this process parses the first half.
    """
    cache = cache or DEFAULT_CACHE
    out: list[ParsedFile | None] = [None] * len(found)
    todo: list[tuple[int, bytes, str]] = []
    for i, file in enumerate(found):
        known = cache.known_file(file.path, file.rel, file.signature) if file.signature else None
        if known is not None:
            out[i] = known
            continue
        try:
            source = _read_bytes(file.path)
        except OSError as error:
            out[i] = _unreadable(file.rel, error)
            continue
        digest = hashlib.sha256(source).hexdigest()
        summarised = cache.recall(("summary", file.rel, digest))
        if isinstance(summarised, ParsedFile):
            out[i] = _remember(file, summarised, cache)
        elif cache.has_tree(digest):
            out[i] = _remember(file, parse_source(file.rel, source, cache, digest), cache)
        else:
            todo.append((i, source, digest))
    theirs: list[tuple[int, bytes, str]] = []
    if will_fork(len(todo), PARALLEL_FILES):
        # The worker also summarises what it parsed (about a quarter of the parse
        # time), so it takes a little less than half of the bytes.
        share = sum(len(source) for _, source, _ in todo) * WORKER_SHARE
        size = 0
        cut = len(todo)
        while cut > 0 and size < share:
            cut -= 1
            size += len(todo[cut][1])
        todo, theirs = todo[:cut], todo[cut:]
    summaries = (
        start_beside(summarise_sources, [(found[i].rel, source) for i, source, _ in theirs])
        if theirs
        else None
    )
    for i, source, digest in todo:
        out[i] = _remember(found[i], parse_source(found[i].rel, source, cache, digest), cache)
    if summaries is not None:
        try:
            received = summaries()
        except Exception as error:
            log.warning("docgen: the parse worker failed (%s); parsing its files here", error)
            for i, source, digest in theirs:
                parsed = parse_source(found[i].rel, source, cache, digest)
                out[i] = _remember(found[i], parsed, cache)
        else:
            for (i, source, digest), summary in zip(theirs, received, strict=True):
                parsed = parsed_file(found[i].rel, source, digest, summary, cache)
                out[i] = _remember(found[i], _keep_summary(cache, parsed), cache)
    return [parsed for parsed in out if parsed is not None]


def _keep_summary(cache: ParseCache, parsed: ParsedFile) -> ParsedFile:
    """Remember a worker's file by content, for when only its ``stat`` changes."""
    return cache.memo(("summary", parsed.path, parsed.digest), lambda: parsed)


def _remember(file: SourceFile, parsed: ParsedFile, cache: ParseCache) -> ParsedFile:
    signature = file.signature
    if signature is not None and parsed.digest is not None and _settled(signature):
        cache.remember_file(file.path, file.rel, signature, parsed)
    return parsed


def _unreadable(rel: str, error: OSError) -> ParsedFile:
    problem = Diagnostic(
        UNREADABLE,
        Severity.ERROR,
        Location(rel, 1),
        f"cannot read file: {error.strerror or error}",
        "check the file's permissions",
    )
    return ParsedFile(rel, (), (problem,))


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
        source = _read_bytes(path)
    except OSError as error:
        return _unreadable(rel, error)
    return parse_source(rel, source, cache)


def _read_bytes(path: str | Path) -> bytes:
    # A walked path is a str: making a Path of each would cost more than the read.
    with open(path, "rb") as file:  # noqa: PTH123
        return file.read()
