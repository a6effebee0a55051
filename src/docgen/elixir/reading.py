"""Reading the source files of an analysis, with a worker process on a second core.

A cold analysis of a big umbrella spends most of its time in tree-sitter. A
:class:`Reading` starts as soon as the files are known (before ``mix.exs`` files
are evaluated): it skips files the cache knows (by ``stat``, or by content hash),
reads and hashes the others and, when many are left and the machine has the cores
for it, forks a worker that parses the last of them (:data:`WORKER_SHARE` of the
bytes) into summaries (:mod:`docgen.elixir.summary`). This process parses the rest
when the files are asked for, then takes the summaries. The analysis is the same
either way; a failed worker only means its files are parsed here.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence

from docgen.elixir import sources
from docgen.elixir.sources import SourceFile, changed_while_read, remember, unreadable
from docgen.elixir.summary import FileSummary, parsed_file, summarise_sources
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile, parse_source
from docgen.parallel import start_beside, will_fork

log = logging.getLogger(__name__)

PARALLEL_FILES = 400
"""From this many files to parse on, a forked worker parses part of them."""
WORKER_SHARE = 0.47
"""The worker's share of the bytes to parse. It also summarises what it parsed
(about a quarter of the parse time) but starts before ``mix.exs`` files are read."""

Pending = tuple[SourceFile, bytes, str]  # a file read and hashed, not parsed yet


class Reading:
    """The files of one analysis being read; :meth:`parsed` hands them over."""

    def __init__(self, found: Sequence[SourceFile], cache: ParseCache | None = None) -> None:
        self._cache = cache or DEFAULT_CACHE
        self._done: dict[str, ParsedFile] = {}
        self._mine: dict[str, Pending] = {}
        self._theirs: dict[str, Pending] = {}
        self._summaries: Callable[[], list[FileSummary]] | None = None
        self._changed: set[str] = set()
        todo = [pending for file in found if (pending := self._start(file)) is not None]
        if will_fork(len(todo), PARALLEL_FILES):
            share = sum(len(source) for _, source, _ in todo) * WORKER_SHARE
            cut, size = len(todo), 0
            while cut > 0 and size < share:
                cut -= 1
                size += len(todo[cut][1])
            theirs = todo[cut:]
            todo = todo[:cut]
            self._theirs = {file.path: (file, source, digest) for file, source, digest in theirs}
            items = [(file.rel, source) for file, source, _ in theirs]
            self._summaries = start_beside(summarise_sources, items)
        self._mine = {file.path: (file, source, digest) for file, source, digest in todo}

    def _start(self, file: SourceFile) -> Pending | None:
        """Answer ``file`` from the cache, or read and hash it for parsing."""
        cache = self._cache
        if file.blob is not None:
            known_blob = cache.recall(("blob", file.rel, file.blob))
            if isinstance(known_blob, ParsedFile):
                cache.hits += 1
                self._done[file.path] = known_blob
                return None
        elif file.signature is not None:
            known = cache.known_file(file.path, file.rel, file.signature)
            if known is not None:
                self._done[file.path] = known
                return None
        try:
            source, changed = sources.read_walked(file)
        except OSError as error:
            self._done[file.path] = unreadable(file.rel, error)
            return None
        if changed:  # not remembered under the walk's signature, and said
            self._changed.add(file.path)
            file = file._replace(signature=None)
        digest = hashlib.sha256(source).hexdigest()
        summarised = cache.recall(("summary", file.rel, digest))
        if isinstance(summarised, ParsedFile):
            self._done[file.path] = remember(file, summarised, cache)
        elif cache.has_tree(digest):
            parsed = parse_source(file.rel, source, cache, digest)
            self._done[file.path] = remember(file, parsed, cache)
        else:
            return file, source, digest
        return None

    def parsed(self, found: Sequence[SourceFile]) -> list[ParsedFile]:
        """``found``, parsed here or summarised by the worker, in order.

        A file this reading did not start with is read now.
        """
        for file in found:  # this process's share first, while the worker works
            pending = self._mine.pop(file.path, None)
            if pending is None and file.path not in self._done and file.path not in self._theirs:
                pending = self._start(file)  # not known when this reading started
            if pending is not None:
                self._parse(pending)
        if any(file.path in self._theirs for file in found):
            self.close()
        done, changed = self._done, self._changed
        return [
            changed_while_read(done[file.path]) if file.path in changed else done[file.path]
            for file in found
        ]

    def _parse(self, pending: Pending) -> None:
        file, source, digest = pending
        parsed = parse_source(file.rel, source, self._cache, digest)
        self._done[file.path] = remember(file, parsed, self._cache)

    def close(self) -> None:
        """Take the worker's summaries (waiting for it); idempotent."""
        if self._summaries is None:
            return
        summaries, self._summaries = self._summaries, None
        theirs, self._theirs = list(self._theirs.values()), {}
        try:
            received = summaries()
        except Exception as error:  # any failure of the worker: do its part here
            log.warning("docgen: the parse worker failed (%s); parsing its files here", error)
            for pending in theirs:
                self._parse(pending)
            return
        cache = self._cache
        for (file, source, digest), summary in zip(theirs, received, strict=True):
            parsed = parsed_file(file.rel, source, digest, summary, cache)
            self._done[file.path] = remember(file, _by_content(cache, parsed), cache)


def read_files(found: Sequence[SourceFile], cache: ParseCache | None = None) -> list[ParsedFile]:
    """``found`` parsed: one :class:`Reading` from start to end."""
    reading = Reading(found, cache)
    try:
        return reading.parsed(found)
    finally:
        reading.close()


def _by_content(cache: ParseCache, parsed: ParsedFile) -> ParsedFile:
    """Remember a summarised file by content too, for when only its ``stat`` changes."""
    return cache.memo(("summary", parsed.path, parsed.digest), lambda: parsed)
