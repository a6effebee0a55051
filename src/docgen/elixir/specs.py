"""From an evaluated child spec to what it starts: module, name, kind.

Elixir accepts many spellings of a child spec (``Mod``, ``{Mod, arg}``,
``%{id: .., start: {M, :f, args}}``, ``Supervisor.child_spec/2``); this module
reduces them to one :class:`Spec`. Kinds come from a table of well-known library
specs and, for project modules, from their ``use`` lines and ``@behaviour``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from docgen.diagnostics import Location
from docgen.elixir import values as v
from docgen.elixir.index import ModuleIndex, ModuleInfo
from docgen.elixir.models import Kind
from docgen.elixir.restarts import SpecFacts, library_facts, map_facts, overridden, use_facts

LIBRARY_KINDS: dict[str, Kind] = {
    "Registry": Kind.REGISTRY,
    "Horde.Registry": Kind.REGISTRY,
    "DynamicSupervisor": Kind.DYNAMIC_SUPERVISOR,
    "Horde.DynamicSupervisor": Kind.DYNAMIC_SUPERVISOR,
    "Task.Supervisor": Kind.TASK_SUPERVISOR,
    "PartitionSupervisor": Kind.PARTITION_SUPERVISOR,
    "Phoenix.PubSub": Kind.PUBSUB,
    "Supervisor": Kind.SUPERVISOR,
    "ConsumerSupervisor": Kind.SUPERVISOR,
    "Task": Kind.WORKER,
    "Agent": Kind.WORKER,
    "Finch": Kind.SUPERVISOR,
    "Oban": Kind.SUPERVISOR,
    "Phoenix.Presence": Kind.SUPERVISOR,
    "Plug.Cowboy": Kind.SUPERVISOR,
    "Bandit": Kind.SUPERVISOR,
    "Ecto.Migrator": Kind.WORKER,
    "DNSCluster": Kind.WORKER,
    "Redix": Kind.WORKER,
    "Cachex": Kind.SUPERVISOR,
    "Phoenix.LiveReloader": Kind.WORKER,
    ":telemetry_poller": Kind.WORKER,
    ":pg": Kind.WORKER,
    "Cluster.Supervisor": Kind.SUPERVISOR,
    "Goth": Kind.SUPERVISOR,
    "ConCache": Kind.SUPERVISOR,
    "ThousandIsland": Kind.SUPERVISOR,
    "Phoenix.Tracker": Kind.SUPERVISOR,
    "Absinthe.Subscription": Kind.SUPERVISOR,
    "Horde.Supervisor": Kind.SUPERVISOR,
    "Broadway": Kind.SUPERVISOR,
    "PlugAttack.Storage.Ets": Kind.WORKER,
    "Postgrex.Notifications": Kind.WORKER,
    "Telemetry.Metrics.ConsoleReporter": Kind.WORKER,
}

USE_KINDS: dict[str, Kind] = {
    "Supervisor": Kind.SUPERVISOR,
    "DynamicSupervisor": Kind.DYNAMIC_SUPERVISOR,
    "PartitionSupervisor": Kind.PARTITION_SUPERVISOR,
    "ConsumerSupervisor": Kind.SUPERVISOR,
    "Broadway": Kind.SUPERVISOR,
    "Quantum": Kind.SUPERVISOR,
    "Nebulex.Cache": Kind.SUPERVISOR,
    "Phoenix.Presence": Kind.SUPERVISOR,
    "Phoenix.Endpoint": Kind.ENDPOINT,
    "Ecto.Repo": Kind.REPO,
    "GenServer": Kind.WORKER,
    "Agent": Kind.WORKER,
    "Task": Kind.WORKER,
    "GenStage": Kind.WORKER,
    "GenStateMachine": Kind.WORKER,
}

BEHAVIOUR_KINDS: dict[str, Kind] = {
    ":gen_statem": Kind.WORKER,
    ":gen_server": Kind.WORKER,
    ":gen_event": Kind.WORKER,
    "GenServer": Kind.WORKER,
    ":supervisor": Kind.SUPERVISOR,
    "Supervisor": Kind.SUPERVISOR,
}

LIBRARY_UNKNOWN = "library module; kind not known"
PROJECT_UNKNOWN = "project module; kind not known (no `use` of a known behaviour)"


NO_FACTS = SpecFacts()


@dataclass(frozen=True, slots=True)
class Spec:
    """One child spec reduced to what it starts, before recursion."""

    module: str | None
    name: str | None
    kind: Kind
    loc: Location
    arg: v.Value | None = None
    strategy: str | None = None
    notes: tuple[str, ...] = ()
    partition: v.Value | None = None
    facts: SpecFacts = NO_FACTS
    """Id, restart, shutdown and type as far as the spec and its module say."""
    custom: bool = False
    """The project module defines its own ``child_spec/1`` (read by the caller)."""
    overrides: tuple[tuple[str, v.Value], ...] = ()
    """``Supervisor.child_spec/2`` overrides, applied over whatever the module says."""


def module_kind(module: ModuleInfo) -> Kind | None:
    """The kind a project module's ``use`` lines or ``@behaviour`` imply."""
    for used in module.uses:
        if used in USE_KINDS:
            return USE_KINDS[used]
    for behaviour in module.behaviours:
        if behaviour in BEHAVIOUR_KINDS:
            return BEHAVIOUR_KINDS[behaviour]
    return None


def option(arg: v.Value | None, key: str) -> v.Value | None:
    """``arg[key]`` when ``arg`` is a keyword list or a map.

    A list argument whose last element is a keyword list (``{Cluster.Supervisor,
    [topologies, [name: X]]}``, the ``start_link(a, opts)`` convention) is searched
    in that last element.
    """
    if isinstance(arg, v.Keywords | v.MapOf):
        return arg.get(key)
    if isinstance(arg, v.ListOf) and arg.items:
        last = arg.items[-1]
        if not last.conditional and isinstance(last.value, v.Keywords):
            return last.value.get(key)
    return None


def name_from(value: v.Value | None) -> str | None:
    """A renderable registered name, taking the first sure alternative."""
    if isinstance(value, v.Branches):
        for choice in value.options:
            found = name_from(choice)
            if found is not None:
                return found
        return None
    return v.render_name(value)


def interpret(value: v.Value, index: ModuleIndex, repeated: str = "") -> Spec | None:
    """What ``value`` starts as a child spec; ``None`` for nothing (``nil``)."""
    notes = (repeated,) if repeated else ()
    if isinstance(value, v.Nil):
        return None
    if isinstance(value, v.Unknown):
        return Spec(value.module, None, Kind.UNKNOWN, value.loc, notes=(*notes, value.reason))
    if isinstance(value, v.ChildSpecOf):
        inner = interpret(value.spec, index, repeated)
        if inner is None:
            return None
        extra = tuple(
            f"{key}: {v.render_name(val)}"
            for key, val in value.overrides.pairs
            if key in ("id", "restart") and v.render_name(val) is not None
        )
        return replace(
            inner,
            notes=inner.notes + extra,
            facts=overridden(inner.facts, value.overrides.pairs),
            overrides=inner.overrides + value.overrides.pairs,
        )
    if isinstance(value, v.MapOf):
        return _map_spec(value, index, notes)
    module, arg = _module_and_arg(value)
    if module is None:
        return Spec(None, None, Kind.UNKNOWN, value.loc, notes=(*notes, "not a child spec"))
    return _module_spec(module, arg, value.loc, index, notes)


def _module_and_arg(value: v.Value) -> tuple[str | None, v.Value | None]:
    if isinstance(value, v.Mod):
        return value.name, None
    if isinstance(value, v.Atom) and value.name not in ("true", "false"):
        return f":{value.name}", None
    if isinstance(value, v.Tuple) and len(value.elements) == 2:
        head = value.elements[0]
        module, _ = _module_and_arg(head)
        if isinstance(head, v.Mod | v.Atom):
            return module, value.elements[1]
    if isinstance(value, v.Tuple) and len(value.elements) == 6:
        start = value.elements[1]
        if isinstance(start, v.Tuple) and start.elements:
            module, _ = _module_and_arg(start.elements[0])
            args = start.elements[2] if len(start.elements) == 3 else None
            return module, args
    return None, None


def _map_spec(value: v.MapOf, index: ModuleIndex, notes: tuple[str, ...]) -> Spec:
    start = value.get("start")
    module: str | None = None
    arg: v.Value | None = None
    if isinstance(start, v.Tuple) and start.elements:
        module, _ = _module_and_arg(start.elements[0])
        if len(start.elements) == 3:
            arg = start.elements[2]
    if module is None:
        reason = "map child spec without a literal start: {Module, :fun, args}"
        return Spec(None, None, Kind.UNKNOWN, value.loc, notes=(*notes, reason))
    spec = _module_spec(module, _first_keywords(arg), value.loc, index, notes)
    spec = replace(spec, facts=map_facts(value), custom=False)  # the map is the whole spec
    declared = v.render_atom(value.get("type"))
    if spec.kind is Kind.UNKNOWN and declared in ("supervisor", "worker"):
        kind = Kind.SUPERVISOR if declared == "supervisor" else Kind.WORKER
        kept = tuple(n for n in spec.notes if n not in (LIBRARY_UNKNOWN, PROJECT_UNKNOWN))
        return replace(spec, kind=kind, notes=kept)
    return spec


def _first_keywords(args: v.Value | None) -> v.Value | None:
    if isinstance(args, v.ListOf):
        for item in args.items:
            if isinstance(item.value, v.Keywords):
                return item.value
        return args.items[0].value if args.items else None
    return args


def _module_spec(
    module: str, arg: v.Value | None, loc: Location, index: ModuleIndex, notes: tuple[str, ...]
) -> Spec:
    name = name_from(option(arg, "name"))
    info = index.get(module)
    if info is not None:
        custom = bool(info.function("child_spec", 1))
        kind = module_kind(info)
        if kind is None:
            unknown = (*notes, PROJECT_UNKNOWN)
            return Spec(module, name, Kind.UNKNOWN, loc, arg, notes=unknown, custom=custom)
        facts = NO_FACTS  # a `use` of a behaviour generates child_spec/1; nothing else does
        behaviours = [used for used in info.uses if used in USE_KINDS]
        if behaviours:
            options = [(used, o) for used, o in info.use_options if used in USE_KINDS]
            facts = use_facts(module, kind, behaviours, options)
        return Spec(module, name, kind, loc, arg, notes=notes, facts=facts, custom=custom)
    facts = library_facts(module, arg)
    kind = LIBRARY_KINDS.get(module)
    if kind is None:
        unknown = (*notes, LIBRARY_UNKNOWN)
        return Spec(module, name, Kind.UNKNOWN, loc, arg, notes=unknown, facts=facts)
    strategy = v.render_atom(option(arg, "strategy"))
    partition = option(arg, "child_spec") if kind is Kind.PARTITION_SUPERVISOR else None
    return Spec(module, name, kind, loc, arg, strategy, notes, partition, facts)
