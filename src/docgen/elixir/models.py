"""The supervision model: what a static read of an Elixir project says it starts.

These frozen values are the centre of the Elixir domain. The analyser builds them,
renderers (DOT, text, HTML tables) and checks read them. ``to_dict`` gives the JSON
shape ``docgen tree --format json`` documents; keep it stable, other tools read it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from docgen.diagnostics import Diagnostic, Location


class Kind(enum.Enum):
    """What sort of process a child is, as far as the source tells."""

    SUPERVISOR = "supervisor"
    DYNAMIC_SUPERVISOR = "dynamic_supervisor"
    TASK_SUPERVISOR = "task_supervisor"
    PARTITION_SUPERVISOR = "partition_supervisor"
    REGISTRY = "registry"
    WORKER = "worker"
    ENDPOINT = "endpoint"
    REPO = "repo"
    PUBSUB = "pubsub"
    UNKNOWN = "unknown"

    @property
    def is_supervisor(self) -> bool:
        return self in _SUPERVISOR_KINDS


_SUPERVISOR_KINDS = frozenset(
    {Kind.SUPERVISOR, Kind.DYNAMIC_SUPERVISOR, Kind.TASK_SUPERVISOR, Kind.PARTITION_SUPERVISOR}
)


@dataclass(frozen=True, slots=True)
class Blast:
    """What OTP does when one child exits abnormally, as ids of its siblings (itself
    included): restarted, terminated for good, or not known statically (``note``)."""

    restarts: tuple[str, ...] = ()
    stops: tuple[str, ...] = ()
    uncertain: tuple[str, ...] = ()
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "restarts": list(self.restarts),
            "stops": list(self.stops),
            "uncertain": list(self.uncertain),
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class Child:
    """One child of a supervisor (or of an application's top supervisor).

    ``module`` is fully alias-resolved (``"DecisionGraph.Store.Repo"``; Erlang modules
    keep their colon: ``":telemetry_poller"``). ``name`` is the registered name when
    the source gives it literally. ``note`` explains unknown or dynamic nodes and
    anything else a reader should know ("repeated: built by a comprehension").
    """

    module: str | None
    name: str | None
    kind: Kind
    location: Location
    conditional: bool = False
    strategy: str | None = None
    note: str = ""
    children: tuple[Child, ...] = ()
    id: str | None = None
    """The child spec id as ``inspect`` prints it (``"MyApp.Cache"``, ``":flusher"``)."""
    restart: str | None = None
    """``permanent``, ``transient``, ``temporary``, or ``None`` when not known."""
    shutdown: int | str | None = None
    """Milliseconds, ``infinity`` or ``brutal_kill``; ``None`` when not known."""
    type: str | None = None
    """``worker`` or ``supervisor`` as OTP sees it; ``None`` when not known."""
    max_restarts: int | None = None
    """For a supervisor: restarts it allows within :attr:`max_seconds`."""
    max_seconds: int | None = None
    blast: Blast | None = None
    """What this child's abnormal exit takes down among its siblings."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "module": self.module,
            "name": self.name,
            "kind": self.kind.value,
            "conditional": self.conditional,
            "file": self.location.path,
            "line": self.location.line,
            "strategy": self.strategy,
            "note": self.note,
            "id": self.id,
            "restart": self.restart,
            "shutdown": self.shutdown,
            "type": self.type,
            "max_restarts": self.max_restarts,
            "max_seconds": self.max_seconds,
            "blast_radius": self.blast.to_dict() if self.blast is not None else None,
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[Child]:
        """This child and all its descendants, depth first, in source order."""
        out = [self]
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass(frozen=True, slots=True)
class SupervisorInfo:
    """Strategy and registered name of an application's top supervisor."""

    strategy: str | None = None
    name: str | None = None
    max_restarts: int | None = 3
    max_seconds: int | None = 5

    def to_dict(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "name": self.name,
            "max_restarts": self.max_restarts,
            "max_seconds": self.max_seconds,
        }


@dataclass(frozen=True, slots=True)
class Application:
    """One OTP application found in a mix project.

    ``location`` points at the application module's ``start/2`` (or its
    ``defmodule`` when ``start/2`` is missing); ``mix_file`` at the ``mix.exs``.
    ``application_module`` is ``None`` for library applications without ``mod:``.
    """

    otp_app: str
    application_module: str | None
    mix_file: str
    location: Location | None
    deps: tuple[str, ...] = ()
    supervisor: SupervisorInfo = field(default_factory=SupervisorInfo)
    children: tuple[Child, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "otp_app": self.otp_app,
            "application_module": self.application_module,
            "mix_file": self.mix_file,
            "file": self.location.path if self.location else None,
            "line": self.location.line if self.location else None,
            "deps": list(self.deps),
            "supervisor": self.supervisor.to_dict(),
            "children": [c.to_dict() for c in self.children],
        }

    def walk(self) -> list[Child]:
        out: list[Child] = []
        for c in self.children:
            out.extend(c.walk())
        return out


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything found under one analysed root; paths are relative to it.

    ``modules`` names every module the projects' ``lib/`` defines (sorted); it is
    not part of the JSON output, which documents supervision only.
    """

    applications: tuple[Application, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    modules: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "applications": [a.to_dict() for a in self.applications],
            "diagnostics": [d.to_dict() for d in self.diagnostics],
        }

    def application(self, otp_app: str) -> Application | None:
        for app in self.applications:
            if app.otp_app == otp_app:
                return app
        return None
