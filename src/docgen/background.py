"""One call computed in a forked child while this process goes on.

MkDocs builds pages on one core; docgen's checks need none of the build, so at the
start of a build they run in a child on the second core and their findings are
collected at its end. Only where forking is safe: a platform with ``fork``, more
than one core, and a process running a single thread (``mkdocs serve`` runs
several, and then the call simply runs when its result is asked for).
"""

from __future__ import annotations

import contextlib
import logging
import os
import pickle
from collections.abc import Callable
from typing import Generic, TypeVar

from docgen.parallel import fork_is_safe

T = TypeVar("T")


class Background(Generic[T]):
    """``compute()`` started now (forked when safe); :meth:`result` waits for it."""

    def __init__(self, compute: Callable[[], T], fork: bool | None = None) -> None:
        self._compute = compute
        self._pid: int | None = None
        self._read: int | None = None
        if fork_is_safe() if fork is None else fork:
            self._start()

    @property
    def pid(self) -> int | None:
        """The child computing the value; ``None`` when there is none (any more)."""
        return self._pid

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running any exit hooks
            code = 1
            try:
                os.close(read)
                logging.disable(logging.CRITICAL)
                data = pickle.dumps(self._compute(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        """The value; computed here when the child failed or was never started."""
        if self._pid is None or self._read is None:
            return self._compute()
        pid, read = self._pid, self._read
        self._pid = self._read = None
        with os.fdopen(read, "rb") as source:
            data = source.read()
        _, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) == 0 and data:
            try:
                value: T = pickle.loads(data)  # noqa: S301 - our own child's output
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
                return self._compute()
            return value
        return self._compute()

    def cancel(self) -> None:
        """Stop a child whose result is no longer wanted."""
        if self._pid is None or self._read is None:
            return
        pid, read = self._pid, self._read
        self._pid = self._read = None
        os.close(read)  # a child still writing gets EPIPE and exits
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, 9)
        os.waitpid(pid, 0)
