"""OTP restart semantics read from source: child ids, restart types, shutdown,
supervisor intensity, and what one crash takes down.

A child spec's ``id``, ``restart``, ``shutdown`` and ``type`` come from, in order of
precedence: ``Supervisor.child_spec(spec, id: …, restart: …)`` overrides; the keys of
a map spec; a project module's own literal ``child_spec/1``; its ``use GenServer,
restart: …`` options (``use Task`` defaults to ``:temporary``); and, for library
modules, their documented ``child_spec/1`` (:data:`LIBRARY_SPECS`; for instance
``{Task.Supervisor, name: X}`` has id ``X``). What cannot be known stays ``None``.

The blast radius of a child is what OTP does when that child exits abnormally,
from the parent's strategy, the siblings' order and their restart types (see
:func:`blast_radii`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from docgen.elixir import values as v
from docgen.elixir.models import Blast, Child, Kind

DEFAULT_MAX_RESTARTS = 3
DEFAULT_MAX_SECONDS = 5
WORKER_SHUTDOWN = 5000
SUPERVISOR_TYPES = frozenset(
    {
        Kind.SUPERVISOR,
        Kind.DYNAMIC_SUPERVISOR,
        Kind.TASK_SUPERVISOR,
        Kind.PARTITION_SUPERVISOR,
        Kind.REGISTRY,
        Kind.ENDPOINT,
        Kind.REPO,
        Kind.PUBSUB,
    }
)
RESTARTS = frozenset({"permanent", "transient", "temporary"})


@dataclass(frozen=True, slots=True)
class SpecFacts:
    """What a child spec says about restarts; ``None`` where the source does not say."""

    id: str | None = None
    restart: str | None = None
    shutdown: int | str | None = None
    type: str | None = None


# ------------------------------------------------------------------ rendering
_PLAIN_ATOM = re.compile(r"[A-Za-z_][A-Za-z0-9_@]*[?!]?")
_INTEGER = re.compile(r"[0-9][0-9_]*")


def inspect(value: v.Value | None) -> str | None:
    """``value`` as Elixir's ``inspect/1`` prints it, or ``None`` when not literal."""
    if isinstance(value, v.Mod):
        return value.name
    if isinstance(value, v.Atom):
        if value.name in ("true", "false", "nil"):
            return value.name
        if _PLAIN_ATOM.fullmatch(value.name):
            return f":{value.name}"
        return ':"' + value.name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, v.Nil):
        return "nil"
    if isinstance(value, v.Literal):
        text = value.text.strip()
        return str(int(text.replace("_", ""))) if _INTEGER.fullmatch(text) else text
    if isinstance(value, v.Tuple):
        parts = [inspect(e) for e in value.elements]
        return None if None in parts else "{" + ", ".join(p or "" for p in parts) + "}"
    if isinstance(value, v.Keywords):
        pairs = [(k, inspect(x)) for k, x in value.pairs]
        if any(x is None for _, x in pairs):
            return None
        return "[" + ", ".join(f"{k}: {x}" for k, x in pairs) + "]"
    if isinstance(value, v.ListOf):
        if any(item.conditional or item.repeated for item in value.items):
            return None
        items = [inspect(item.value) for item in value.items]
        return None if None in items else "[" + ", ".join(i or "" for i in items) + "]"
    return None


def _restart(value: v.Value | None) -> str | None:
    name = v.render_atom(value)
    return name if name in RESTARTS else None


def _shutdown(value: v.Value | None) -> int | str | None:
    if isinstance(value, v.Atom) and value.name in ("infinity", "brutal_kill"):
        return value.name
    if isinstance(value, v.Literal) and _INTEGER.fullmatch(value.text.strip()):
        return int(value.text.strip().replace("_", ""))
    return None


def _type(value: v.Value | None) -> str | None:
    name = v.render_atom(value)
    return name if name in ("worker", "supervisor") else None


def _text_value(text: str) -> v.Value:
    """A ``use`` option's source text as a value (atoms and integers only)."""
    from docgen.diagnostics import Location

    where = Location("", 1)
    if text.startswith(":") and _PLAIN_ATOM.fullmatch(text[1:]):
        return v.Atom(text[1:], where)
    if _INTEGER.fullmatch(text):
        return v.Literal(text, where)
    if re.fullmatch(r"[A-Z][\w.]*", text):
        return v.Mod(text, where)
    return v.Unknown("not literal", where)


# ------------------------------------------------------------------ defaults
def kind_type(kind: Kind) -> str | None:
    """``"worker"``/``"supervisor"`` as OTP sees a child of ``kind``."""
    if kind in SUPERVISOR_TYPES:
        return "supervisor"
    if kind is Kind.WORKER:
        return "worker"
    return None


def default_shutdown(child_type: str | None) -> int | str | None:
    """OTP's default: 5000 ms for a worker, ``:infinity`` for a supervisor."""
    if child_type == "supervisor":
        return "infinity"
    if child_type == "worker":
        return WORKER_SHUTDOWN
    return None


def _options_known(arg: v.Value | None) -> bool:
    """Whether ``arg`` (a child's argument) is literal enough that a missing option is
    really absent: nothing (a bare module), a keyword list, a map, or a list whose
    last element is one (``[topologies, [name: X]]``)."""
    if arg is None or isinstance(arg, v.Keywords | v.MapOf):
        return True
    if isinstance(arg, v.ListOf):
        if any(item.conditional or item.repeated for item in arg.items):
            return False
        return not arg.items or isinstance(arg.items[-1].value, v.Keywords)
    return False


def _option_value(arg: v.Value | None, key: str) -> v.Value | None:
    if isinstance(arg, v.Keywords | v.MapOf):
        return arg.get(key)
    if isinstance(arg, v.ListOf) and arg.items and isinstance(arg.items[-1].value, v.Keywords):
        return arg.items[-1].value.get(key)
    return None


def _unwrapped(name: v.Value) -> str | None:
    """``{:global, x}`` and ``{:via, mod, x}`` give ``x``; anything else as it is."""
    if isinstance(name, v.Tuple) and name.elements:
        head = v.render_atom(name.elements[0])
        if head == "global" and len(name.elements) == 2:
            return inspect(name.elements[1])
        if head == "via" and len(name.elements) == 3:
            return inspect(name.elements[2])
    return inspect(name)


IdOf = Callable[[str, v.Value | None], str | None]


def _from_option(key: str, unwrap: bool, default: str | None = "") -> IdOf:
    """The id is option ``key`` (``{:global, x}``/``{:via, _, x}`` reduced to ``x``
    when ``unwrap``); without it, ``default`` (``""``: the module; ``None``: it is
    required, so the id is not known)."""

    def id_of(module: str, arg: v.Value | None) -> str | None:
        value = _option_value(arg, key)
        if value is None:
            if not _options_known(arg):
                return None
            return module if default == "" else default
        return _unwrapped(value) if unwrap else inspect(value)

    return id_of


def _constant(id_: str | None = "") -> IdOf:
    """The id is always the same (``""``: the module), whatever the options; ``None``:
    never literal (``{Bandit, make_ref()}``)."""
    return lambda module, _arg: module if id_ == "" else id_


@dataclass(frozen=True, slots=True)
class LibrarySpec:
    """What a library module's ``child_spec/1`` returns, as its source builds it."""

    id_of: IdOf
    restart: str = "permanent"
    type: str = "worker"
    shutdown: int | str | None = None
    """``None``: OTP's default for the type."""


LIBRARY_SPECS: dict[str, LibrarySpec] = {
    # Read from each library's child_spec/1 (the version in the comment); a library
    # whose id depends on its own dependencies' versions (Plug.Cowboy via ranch,
    # Cachex 3 against 4) is left out, so its children say "not known".
    "Task.Supervisor": LibrarySpec(_from_option("name", True), type="supervisor"),
    "DynamicSupervisor": LibrarySpec(_from_option("name", True), type="supervisor"),
    "PartitionSupervisor": LibrarySpec(_from_option("name", True), type="supervisor"),
    "Registry": LibrarySpec(_from_option("name", False), type="supervisor"),
    "Agent": LibrarySpec(_constant()),
    "Task": LibrarySpec(_constant(), restart="temporary"),
    "Supervisor": LibrarySpec(_constant(), type="supervisor"),
    # phoenix_pubsub 2.x: child_spec/1 is Phoenix.PubSub.Supervisor's, whose id is
    # the module: two PubSubs under one supervisor need explicit ids.
    "Phoenix.PubSub": LibrarySpec(_constant("Phoenix.PubSub.Supervisor"), type="supervisor"),
    # finch >= 0.13: the name is required and is the id; declared a worker.
    "Finch": LibrarySpec(_from_option("name", False, default=None)),
    "DNSCluster": LibrarySpec(_constant()),  # use GenServer; :name is not the id
    ":telemetry_poller": LibrarySpec(
        _from_option("name", True, default=":telemetry_poller")  # telemetry_poller 1.x
    ),
    "Oban": LibrarySpec(_from_option("name", False), type="supervisor"),  # oban 2.x
    "Ecto.Migrator": LibrarySpec(_constant()),  # use GenServer
    "Bandit": LibrarySpec(_constant(None), type="supervisor", shutdown="infinity"),
    "Redix": LibrarySpec(_constant()),  # redix 1.x: :name is not the id
    "Cluster.Supervisor": LibrarySpec(_constant(), type="supervisor"),  # libcluster 3
    "Horde.Registry": LibrarySpec(_from_option("id", False), type="supervisor"),
    "Horde.DynamicSupervisor": LibrarySpec(_from_option("name", False), type="supervisor"),
    "Absinthe.Subscription": LibrarySpec(_constant(), type="supervisor"),  # absinthe 1.7
    "Goth": LibrarySpec(_constant()),  # goth 1.3+: use GenServer
    "ConCache": LibrarySpec(_constant(), type="supervisor"),
    "Telemetry.Metrics.ConsoleReporter": LibrarySpec(_constant()),
}
USE_RESTARTS = {"Task": "temporary"}
"""``use X`` whose generated ``child_spec/1`` is not permanent by default."""
USE_TYPES: dict[str, tuple[str, int | str | None]] = {
    # use X whose child_spec/1 declares another type than the process it starts is
    "Broadway": ("worker", "infinity"),  # broadway 1.x: a worker, shutdown :infinity
    "Quantum": ("worker", None),  # quantum 3: a supervisor declared as a worker
}


def library_facts(module: str, arg: v.Value | None) -> SpecFacts:
    """What ``{module, arg}``'s ``child_spec/1`` returns, for a known library."""
    known = LIBRARY_SPECS.get(module)
    if known is None:
        return SpecFacts()
    shutdown = known.shutdown if known.shutdown is not None else default_shutdown(known.type)
    return SpecFacts(known.id_of(module, arg), known.restart, shutdown, known.type)


def use_facts(
    module: str,
    kind: Kind,
    uses: Sequence[str],
    use_options: Sequence[tuple[str, tuple[tuple[str, str], ...]]] = (),
) -> SpecFacts:
    """The ``child_spec/1`` that ``use GenServer`` (and friends) generate: id the
    module, restart permanent (``use Task``: temporary), then the ``use`` options."""
    child_type = kind_type(kind)
    restart = "permanent"
    shutdown = None
    for name in uses:
        restart = USE_RESTARTS.get(name, restart)
        if name in USE_TYPES:
            child_type, shutdown = USE_TYPES[name]
    shutdown = shutdown if shutdown is not None else default_shutdown(child_type)
    facts = SpecFacts(module, restart, shutdown, child_type)
    for _, options in use_options:
        facts = overridden(facts, [(k, _text_value(text)) for k, text in options])
    return facts


def overridden(facts: SpecFacts, pairs: Sequence[tuple[str, v.Value]]) -> SpecFacts:
    """``facts`` with the ``id:``/``restart:``/``shutdown:``/``type:`` of ``pairs``;
    a key whose value is not literal makes that field unknown."""
    found = dict(pairs)
    changes: dict[str, object] = {}
    if "id" in found:
        changes["id"] = inspect(found["id"])
    if "restart" in found:
        changes["restart"] = _restart(found["restart"])
    if "type" in found:
        changes["type"] = _type(found["type"])
        if "shutdown" not in found and facts.shutdown == default_shutdown(facts.type):
            changes["shutdown"] = default_shutdown(_type(found["type"]))
    if "shutdown" in found:
        changes["shutdown"] = _shutdown(found["shutdown"])
    return replace(facts, **changes)  # type: ignore[arg-type]


def map_facts(spec: v.MapOf) -> SpecFacts:
    """A map spec: ``id`` and ``start`` required; restart permanent, type worker."""
    child_type = _type(spec.get("type")) if spec.get("type") is not None else "worker"
    facts = SpecFacts(None, "permanent", default_shutdown(child_type), child_type)
    return overridden(facts, [(k, x) for k, x in spec.pairs if k != "type"])


# ------------------------------------------------------------------ intensity
def intensity(opts: v.Value | None) -> tuple[int | None, int | None]:
    """``max_restarts`` and ``max_seconds`` of supervisor options (OTP's defaults 3 and
    5 when absent; ``None`` when given but not literal)."""
    values: list[int | None] = []
    for key, default in (("max_restarts", DEFAULT_MAX_RESTARTS), ("max_seconds", 5)):
        given = _option(opts, key)
        if given is None:
            values.append(default)
        elif isinstance(given, v.Literal) and _INTEGER.fullmatch(given.text.strip()):
            values.append(int(given.text.strip().replace("_", "")))
        else:
            values.append(None)
    return values[0], values[1]


def _option(opts: v.Value | None, key: str) -> v.Value | None:
    if isinstance(opts, v.Keywords | v.MapOf):
        return opts.get(key)
    return None


# ------------------------------------------------------------------ blast radius
def blast_radii(children: Sequence[Child], strategy: str | None) -> tuple[Child, ...]:
    """``children`` (siblings in start order) each with its :class:`Blast`.

    When a child exits abnormally (a kill, a crash): under ``one_for_one`` only it
    is restarted; under ``one_for_all`` every sibling, under ``rest_for_one`` it and
    every later sibling, is terminated and those not ``:temporary`` are started
    again. A temporary child is never restarted, and its own exit restarts nothing.
    A sibling that may not be there (conditional) or whose restart type is unknown
    is ``uncertain``. Children without an id are left out of the lists.
    """
    strategy = strategy or "one_for_one"
    out: list[Child] = []
    for position, child in enumerate(children):
        out.append(replace(child, blast=_blast(children, position, strategy)))
    return tuple(out)


def _blast(children: Sequence[Child], position: int, strategy: str) -> Blast:
    crashed = children[position]
    label = crashed.id or crashed.name or crashed.module or "?"
    blast = _by_strategy(children, position, strategy, crashed, label)
    if _may_not_restart(crashed) and blast.restarts:
        note = "; ".join(n for n in (blast.note, KILL_RACE) if n)
        return replace(blast, note=note)
    return blast


KILL_RACE = (
    "killed outright (exit :kill), it can fail to restart: its descendants that trap "
    "exits still hold their registered names for a moment ({:already_started, pid}), "
    "and after max_restarts failed starts its parent gives up too"
)


def _may_not_restart(child: Child) -> bool:
    """A supervisor whose subtree holds names in processes that trap exits (a
    Registry's partitions, a named nested supervisor): a brutal kill races them."""
    if child.type != "supervisor":
        return False
    if child.kind in (Kind.REGISTRY, Kind.PARTITION_SUPERVISOR):
        return True
    stack = list(child.children)
    while stack:
        below = stack.pop()
        if below.type == "supervisor" and (below.name or below.kind is Kind.REGISTRY):
            return True
        stack.extend(below.children)
    return False


def _by_strategy(
    children: Sequence[Child], position: int, strategy: str, crashed: Child, label: str
) -> Blast:
    if crashed.restart is None:
        return Blast((), (), (label,), "its restart type is not known statically")
    if crashed.restart == "temporary":
        return Blast((), (label,), (), "temporary: not restarted, and nothing else is")
    if strategy == "one_for_one" or strategy == "simple_one_for_one":
        return Blast((label,), (), (), "")
    if strategy == "one_for_all":
        affected = list(range(len(children)))
    elif strategy == "rest_for_one":
        affected = list(range(position, len(children)))
    else:
        return Blast((), (), (label,), f"strategy {strategy} is not known")
    restarts: list[str] = []
    stops: list[str] = []
    uncertain: list[str] = []
    reasons: list[str] = []
    for index in affected:
        sibling = children[index]
        sid = sibling.id or sibling.name or sibling.module or "?"
        if index != position and sibling.conditional:
            uncertain.append(sid)
            reasons.append(f"{sid} is started only under a condition")
        elif sibling.restart is None:
            uncertain.append(sid)
            reasons.append(f"{sid}'s restart type is not known statically")
        elif sibling.restart == "temporary":
            stops.append(sid)
        else:
            restarts.append(sid)
    return Blast(tuple(restarts), tuple(stops), tuple(uncertain), "; ".join(reasons))
