"""Work done in a forked child while this process goes on.

MkDocs builds pages on one core; docgen's fragments and checks need none of the
build, so at the start of a build a child on the second core computes them, one
after another, and sends each back as soon as it is done (:class:`Jobs`). Only
where forking is safe: a platform with ``fork``, more than one core, and a
process running a single thread (``mkdocs serve`` runs several; then each value
is simply computed when it is asked for).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
import struct
import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, NamedTuple

from docgen.parallel import fork_is_safe


class Done(NamedTuple):
    """A job's result as the child computed it, with what it logged meanwhile."""

    value: Any
    records: list[logging.LogRecord]


class Jobs:
    """Named computations done one after another in one forked child, each sent back as
    soon as it is done; :meth:`take` waits for one. Without a child (forking unsafe,
    or it died), :meth:`take` says so and the caller computes the value itself.

    What a job logs in the child under :data:`LOGGERS` comes back with its value
    (``quiet`` jobs log nothing), to be logged here when the value is taken, so
    that the engine counts its warnings as if the job had run in this process.
    """

    def __init__(
        self,
        jobs: Sequence[tuple[Hashable, Callable[[], Any], bool]],
        fork: bool | None = None,
    ) -> None:
        self._planned = {key for key, _, _ in jobs}
        self._done: dict[Hashable, Done | None] = {}
        self._ended = threading.Condition()
        self._finished = False
        self._pid: int | None = None
        self._read: int | None = None
        self.forked = bool(jobs) and (fork_is_safe() if fork is None else fork)
        """Whether a child computes the jobs (:meth:`take` may still find it died)."""
        if self.forked:
            self._start(jobs)

    @property
    def pid(self) -> int | None:
        """The child; ``None`` when there is none (any more)."""
        return self._pid

    def _start(self, jobs: Sequence[tuple[Hashable, Callable[[], Any], bool]]) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    _serve(jobs, out)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read
        threading.Thread(target=self._receive, name="docgen-jobs", daemon=True).start()

    def _receive(self) -> None:
        """Drain the pipe as results arrive (so the child never waits on a full pipe)."""
        read = self._read
        assert read is not None
        with os.fdopen(read, "rb", closefd=True) as source:
            while True:
                frame = _read_frame(source)
                if frame is None:
                    break
                key, ok, value, records = frame
                done = Done(value, [logging.makeLogRecord(r) for r in records]) if ok else None
                with self._ended:
                    self._done[key] = done
                    self._ended.notify_all()
        pid, self._pid = self._pid, None
        if pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        with self._ended:
            self._finished = True
            self._ended.notify_all()

    def take(self, key: Hashable) -> Done | None:
        """The child's result for ``key`` (waiting for it); ``None`` when it has none."""
        if key not in self._planned:
            return None
        with self._ended:
            while key not in self._done and not self._finished and self._read is not None:
                self._ended.wait()
            return self._done.pop(key, None)

    def cancel(self) -> None:
        """Stop the child: its results are no longer wanted."""
        pid = self._pid
        self._planned = set()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, 9)  # the receiver sees the pipe close and reaps it


LOGGERS = ("mkdocs.plugins.docgen", "docgen")
"""The loggers docgen writes to; a job's records under them come back with its value."""


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        fields = dict(record.__dict__)
        fields.update(msg=record.getMessage(), args=None, exc_info=None, exc_text=None)
        self.records.append(fields)


def _serve(jobs: Sequence[tuple[Hashable, Callable[[], Any], bool]], out: Any) -> None:
    """The child's part: each job in turn, its frame written as soon as it is done."""
    capture = _Capture()
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers[:] = [capture]
        logger.propagate = False
    for key, compute, quiet in jobs:
        capture.records = []
        try:
            frame = (key, True, compute(), [] if quiet else capture.records)
            data = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # the parent computes it again and sees the error
            data = pickle.dumps((key, False, None, []), protocol=pickle.HIGHEST_PROTOCOL)
        out.write(struct.pack(">Q", len(data)))
        out.write(data)
        out.flush()


def _read_frame(source: Any) -> tuple[Hashable, bool, Any, list[dict[str, Any]]] | None:
    head = source.read(8)
    if len(head) < 8:
        return None
    (size,) = struct.unpack(">Q", head)
    data = source.read(size)
    if len(data) < size:
        return None
    try:
        frame: tuple[Hashable, bool, Any, list[dict[str, Any]]] = pickle.loads(data)  # noqa: S301 - our own child
    except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return frame
