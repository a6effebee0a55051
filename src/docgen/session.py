"""One docgen session per project and settings, shared by every build in a process.

Engines call the pluglet's ``define_env`` at different rates: MkDocs once per build,
Zensical once for every page that renders macros. Whatever the rate, the analysis,
the plans and the checks are computed once per *build*: a build is recognised by
the configuration object the engine hands over (a new one for every build, the
same one for every page of a build, in both engines). A new build of an
unchanged repository costs little, since the analyser's stat/hash caches and the
Graphviz output cache live for the whole process; that is how ``mkdocs serve`` and
``zensical serve`` pick up an edited Elixir file, plan or page.

Sessions are kept per (root, settings), least recently used first out; each has
a lock, as an engine may render pages from more than one thread.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen.background import Jobs
from docgen.config import PLANS_FOUND, SiteSettings, settings_from_mkdocs
from docgen.diagnostics import Diagnostic, Severity
from docgen.plans.discovery import find_plans
from docgen.slots import Slots

if TYPE_CHECKING:
    from docgen.site import DocsSite

log = logging.getLogger("mkdocs.plugins.docgen")

MAX_SESSIONS = 8
"""Projects remembered per process (a test run builds many small ones)."""


class Session:
    """A project's docgen state across builds: the current build's site and findings."""

    def __init__(self, settings: SiteSettings) -> None:
        self.settings = settings
        self.lock = threading.RLock()
        self._site: DocsSite | None = None
        self.work: Counter[str] = Counter()
        """How often each expensive step ran: ``analysis``, ``plans``, ``checks``, ``builds``."""
        self._token: object = None
        self._fragments: dict[tuple[Any, ...], _Once] = {}
        self.slots = Slots()
        self.slots_enabled = False
        """Whether this build's engine puts held fragments back (:mod:`docgen.slots`)."""
        self._jobs: Jobs | None = None
        self._reported = False

    def begin(self, token: object) -> bool:
        """Start a build identified by ``token``; ``False`` when it is the current one."""
        with self.lock:
            if token is self._token:
                return False
            self._token = token
            self._site = None
            self._fragments = {}
            self.slots.close()
            self.slots = Slots()
            self.slots_enabled = False
            if self._jobs is not None:  # a build that never finished
                self._jobs.cancel()
                self._jobs = None
            self._reported = False
            self._count("builds")
            return True

    @property
    def site(self) -> DocsSite:
        """The current build's :class:`~docgen.site.DocsSite`, made when first needed
        (a MkDocs build whose fragments all come from its worker never needs one)."""
        with self.lock:
            if self._site is None:
                from docgen.site import DocsSite

                self._site = DocsSite(self.settings, self._count)
            return self._site

    def fragment(self, key: tuple[Any, ...], build: Callable[[], str]) -> str:
        """The HTML of a macro call, computed once per build (pages repeat calls);
        different calls may be computed at the same time by different threads.
        A call the build's worker child computed ahead is taken from it."""
        with self.lock:
            once = self._fragments.get(key)
            if once is None:
                once = self._fragments[key] = _Once()
        return once.get(lambda: self._from_worker(key, build))

    def start_worker(
        self, planned: Sequence[tuple[tuple[Any, ...], Callable[[DocsSite], str]]]
    ) -> bool:
        """Begin this build's checks, after the ``planned`` fragments (key and drawing),
        in one forked child when that is safe (:class:`~docgen.background.Jobs`);
        ``False`` when there is no child and each will be computed here when asked."""
        with self.lock:
            if self._jobs is not None or self._reported:
                return self._jobs is not None and self._jobs.forked
            self._count("checks")
            # Each job reads self.site in the child: the parent need not make one.
            jobs: list[tuple[Any, Callable[[], Any], bool]] = [
                (key, partial(_drawn, self, draw), False) for key, draw in planned
            ]
            jobs.append((CHECKS, self._check, True))  # reported by report_checks, not logged
            self._jobs = Jobs(jobs)
            return self._jobs.forked

    def report_checks(self) -> list[Diagnostic]:
        """The checks' findings, logged once per build; later calls return []."""
        with self.lock:
            if self._reported:
                return []
            self._reported = True
            pending, self._jobs = self._jobs, None
            if pending is None:
                self._count("checks")
            done = pending.take(CHECKS) if pending is not None else None
            found: list[Diagnostic] = done.value if done is not None else self._check()
            _report(found)
            return found

    def _check(self) -> list[Diagnostic]:
        return self.site.check()

    def _from_worker(self, key: tuple[Any, ...], build: Callable[[], str]) -> str:
        jobs = self._jobs
        done = jobs.take(key) if jobs is not None else None
        if done is None:
            return build()
        for record in done.records:  # logged here, so the engine counts its warnings
            logging.getLogger(record.name).handle(record)
        html, failures = done.value
        if failures:
            self.site.add_failures(failures)
        return str(html)

    def describe(self) -> str | None:
        """One line that says what was found without configuration (``None``: nothing)."""
        settings = self.settings
        if not settings.found:
            return None
        parts = []
        for note in settings.found:
            if note == PLANS_FOUND:
                count = len(find_plans(settings.root, settings.plan_globs))
                parts.append(
                    f"plans: {count} file(s) in {settings.docs_dir}/ "
                    "(*EXECUTION_PLAN*.md, *MASTERPLAN*.md, plans/)"
                )
            else:
                parts.append(note)
        return "docgen: found " + "; ".join(parts)

    def _count(self, step: str) -> None:
        self.work[step] += 1


CHECKS = ("checks",)
"""The worker's last job: the build's checks."""


def _drawn(session: Session, draw: Callable[[DocsSite], str]) -> tuple[str, list[str]]:
    """A fragment drawn in the worker, with what could not be rendered."""
    site = session.site
    before = len(site.failures)
    html = draw(site)
    return html, site.failures[before:]


def _report(diagnostics: Iterable[Diagnostic]) -> None:
    """Log findings under ``mkdocs.plugins.docgen``, so that ``mkdocs build --strict``
    fails on warnings and errors."""
    for diagnostic in diagnostics:
        level = logging.WARNING if diagnostic.severity is not Severity.INFO else logging.INFO
        log.log(level, "docgen: %s", diagnostic.format_text())


class _Once:
    """A value computed by the first thread that asks; the others wait for it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: str | None = None

    def get(self, build: Callable[[], str]) -> str:
        with self._lock:
            if self._value is None:
                self._value = build()
            return self._value


class Sessions:
    """The process-wide registry: settings → :class:`Session`, build token → session."""

    def __init__(self, limit: int = MAX_SESSIONS) -> None:
        self._lock = threading.Lock()
        self._limit = limit
        self._sessions: OrderedDict[SiteSettings, Session] = OrderedDict()
        self._tokens: list[tuple[object, Path, Session]] = []

    def open(self, root: Path, conf: Mapping[str, Any], token: object) -> tuple[Session, bool]:
        """The session for the project at ``root`` configured by ``conf``, and whether
        ``token`` starts a new build (settings are read again only then)."""
        root = root.resolve()
        with self._lock:
            for known, known_root, session in self._tokens:
                if known is token and known_root == root:
                    return session, False
            settings = settings_from_mkdocs(root, conf)
            session = self._sessions.get(settings) or Session(settings)
            self._sessions[settings] = session
            self._sessions.move_to_end(settings)
            while len(self._sessions) > self._limit:
                self._sessions.popitem(last=False)
            self._tokens = [*self._tokens[-(self._limit - 1) :], (token, root, session)]
        return session, session.begin(token)

    def current(self, root: Path) -> Session | None:
        """The session of the newest build of the project at ``root``."""
        root = root.resolve()
        with self._lock:
            for _token, known_root, session in reversed(self._tokens):
                if known_root == root:
                    return session
        return None

    def all(self) -> Iterable[Session]:
        with self._lock:
            return list(self._sessions.values())


SESSIONS = Sessions()
"""The registry every engine's ``define_env`` goes through."""
