"""Building supervision trees: application ``start/2`` down to the leaves.

Given the module index of a project, this finds the children list handed to
``Supervisor.start_link/2`` (or ``Supervisor.init/2`` in a module-based
supervisor), evaluates it, turns each item into a :class:`Child`, and recurses
into project supervisors. Registered names missing from a spec are read from the
module's own ``start_link`` (``use Ecto.Repo`` and ``use Phoenix.Endpoint``
register under the module name). Cycles are cut and reported, never followed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir import values as v
from docgen.elixir.evaluator import Evaluator, Found, Nesting
from docgen.elixir.index import Clause, ModuleIndex, ModuleInfo
from docgen.elixir.models import Child, Kind
from docgen.elixir.restarts import (
    DEFAULT_MAX_RESTARTS,
    DEFAULT_MAX_SECONDS,
    SpecFacts,
    blast_radii,
    intensity,
    kind_type,
    map_facts,
    overridden,
    use_facts,
)
from docgen.elixir.specs import USE_KINDS, Spec, interpret, module_kind, name_from, option

SUPERVISOR_CYCLE = "DG104"
NO_SUPERVISOR = "DG105"
TOO_DEEP_TREE = "DG110"
DUPLICATE_CHILD_ID = "DG112"
MAX_TREE_DEPTH = 32
"""Supervisors nested deeper than this under an application are not expanded
(real trees are a handful of levels deep; each level costs Python frames)."""

_START_LINKS = frozenset(
    {
        ("GenServer", "start_link"),
        ("GenServer", "start"),
        ("Supervisor", "start_link"),
        ("DynamicSupervisor", "start_link"),
        ("PartitionSupervisor", "start_link"),
        ("Agent", "start_link"),
        ("Task", "start_link"),
        ("GenStage", "start_link"),
        (":gen_server", "start_link"),
        (":gen_statem", "start_link"),
    }
)
_NAMED_BY_MODULE = frozenset({Kind.REPO, Kind.ENDPOINT})
_SUPERVISOR_START = frozenset({("Supervisor", "start_link")})
_SUPERVISOR_INIT = frozenset({("Supervisor", "init")})
_DYNAMIC_INIT = frozenset({("DynamicSupervisor", "init")})
_LIBRARY_INTENSITY = frozenset({"DynamicSupervisor", "Task.Supervisor", "PartitionSupervisor"})
"""Library supervisors whose options set their own intensity (3 in 5 s by default)."""


@dataclass(frozen=True, slots=True)
class Tree:
    """What a supervisor starts: strategy, registered name and children."""

    strategy: str | None = None
    name: str | None = None
    children: tuple[Child, ...] = ()
    notes: tuple[str, ...] = ()
    max_restarts: int | None = None
    max_seconds: int | None = None


class Supervision:
    """Evaluates supervisors of one project (an umbrella or a single app)."""

    def __init__(self, index: ModuleIndex) -> None:
        self.index = index
        self._diagnostics: list[Diagnostic] = []
        self.nesting = Nesting()
        """Shared by every evaluation here: where expressions were too deep to read."""
        self._trees: dict[str, Tree] = {}
        # Calls that start a project supervisor; computed once, not per application.
        self._supervisor_starts = _SUPERVISOR_START | frozenset(
            (name, "start_link")
            for name, info in index.modules.items()
            if module_kind(info) is Kind.SUPERVISOR
        )

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """What was found so far: cycles, unreadable supervisors, too-deep expressions."""
        return [*self._diagnostics, *self.nesting.diagnostics()]

    def application(self, module: ModuleInfo) -> tuple[Location, Tree]:
        """The top supervisor an application module's ``start/2`` starts."""
        clauses = module.function("start", 2)
        if not clauses:
            self._warn(module.loc, f"{module.name} has no start/2", "define start/2")
            return module.loc, Tree()
        clause = clauses[0]
        evaluator = Evaluator(self.index, module, nesting=self.nesting)
        evaluator.bind_params(clause.params, [])
        for found in evaluator.scan(clause.body, self._supervisor_starts):
            info = self.index.get(found.module)
            if found.module != "Supervisor" and info is not None:
                top = self.tree(found.module, found.loc, ())
                name = top.name or self.registered_name(info, _arg(found, 0))
                return clause.loc, dataclasses.replace(top, name=name)
            inline = self._from_call(found, ())
            if inline is not None:
                return clause.loc, inline
        self._warn(
            clause.loc,
            f"{module.name}.start/2 starts no supervisor docgen can read",
            "return Supervisor.start_link(children, opts) from start/2",
        )
        return clause.loc, Tree()

    def tree(self, module: str, loc: Location, stack: tuple[str, ...]) -> Tree:
        """The tree of the project supervisor ``module``; cycles are cut."""
        if module in stack:
            cycle = " → ".join((*stack[stack.index(module) :], module))
            self._diagnostics.append(
                Diagnostic(
                    SUPERVISOR_CYCLE,
                    Severity.ERROR,
                    loc,
                    f"supervisor cycle: {cycle}",
                    f"a supervisor cannot (indirectly) start itself; remove {module} here",
                )
            )
            return Tree(notes=(f"cycle: {module} is already an ancestor; not expanded",))
        if len(stack) >= MAX_TREE_DEPTH:
            self._diagnostics.append(
                Diagnostic(
                    TOO_DEEP_TREE,
                    Severity.WARNING,
                    loc,
                    f"supervision tree deeper than {MAX_TREE_DEPTH} levels; "
                    f"{module} and what it starts are not expanded",
                    "a generated or unusually deep tree: document it from a running node",
                )
            )
            return Tree(notes=(f"deeper than {MAX_TREE_DEPTH} levels: not expanded",))
        if module not in self._trees:
            self._trees[module] = self._tree(module, (*stack, module))
        return self._trees[module]

    def _tree(self, module: str, stack: tuple[str, ...]) -> Tree:
        info = self.index.get(module)
        if info is None:
            return Tree()
        if module_kind(info) is Kind.DYNAMIC_SUPERVISOR:
            for found in self._scan(info, "init", 1, _DYNAMIC_INIT):
                opts = _arg(found, 0)
                most, seconds = intensity(opts)
                strategy = v.render_atom(option(opts, "strategy"))
                return Tree(strategy=strategy, max_restarts=most, max_seconds=seconds)
            return Tree(max_restarts=DEFAULT_MAX_RESTARTS, max_seconds=DEFAULT_MAX_SECONDS)
        for found in self._scan(info, "init", 1, _SUPERVISOR_INIT):
            tree = self._from_call(found, stack)
            if tree is not None:
                return tree
        for arity in (1, 0, 2):
            for found in self._scan(info, "start_link", arity, _SUPERVISOR_START):
                tree = self._from_call(found, stack)
                if tree is not None:
                    return tree
        return Tree(notes=("children not found statically",))

    def _scan(
        self, info: ModuleInfo, name: str, arity: int, wanted: frozenset[tuple[str, str]]
    ) -> list[Found]:
        out: list[Found] = []
        for clause in info.function(name, arity):
            out.extend(
                _evaluator(self.index, info, clause, None, self.nesting).scan(clause.body, wanted)
            )
        return out

    def _from_call(self, found: Found, stack: tuple[str, ...]) -> Tree | None:
        first = _arg(found, 0)
        if first is None or isinstance(first, v.Mod):
            if isinstance(first, v.Mod) and self.index.get(first.name) is not None:
                inner = self.tree(first.name, found.loc, stack)
                name = name_from(option(_arg(found, 2), "name")) or inner.name
                return dataclasses.replace(inner, name=name)
            return None
        opts = _arg(found, 1)
        strategy = v.render_atom(option(opts, "strategy"))
        children = self.children(first, stack)
        self._duplicate_ids(children)
        most, seconds = intensity(opts)
        return Tree(
            strategy,
            name_from(option(opts, "name")),
            blast_radii(children, strategy),
            max_restarts=most,
            max_seconds=seconds,
        )

    def children(self, value: v.Value, stack: tuple[str, ...]) -> tuple[Child, ...]:
        """The children a (children list) value stands for, in source order."""
        out: list[Child] = []
        for item in v.flatten(value):
            spec = interpret(item.value, self.index, item.repeated)
            if spec is None:
                continue
            if item.conditional and item.when:
                spec = dataclasses.replace(spec, notes=(*spec.notes, item.when))
            child = self.child(spec, item.conditional, stack)
            if child.conditional and any(_same(child, seen) for seen in out):
                continue
            out.append(child)
        return tuple(out)

    def child(self, spec: Spec, conditional: bool, stack: tuple[str, ...]) -> Child:
        name = spec.name
        info = self.index.get(spec.module)
        if name is None and info is not None:
            name = self.registered_name(info, spec.arg)
        if name is None and info is not None and spec.kind in _NAMED_BY_MODULE:
            name = info.name
        strategy = spec.strategy
        notes = list(spec.notes)
        children: tuple[Child, ...] = ()
        facts = spec.facts
        if spec.custom and info is not None:
            facts = overridden(self.custom_facts(info, spec.arg), spec.overrides)
        child_type = facts.type or kind_type(spec.kind)
        most: int | None = None
        seconds: int | None = None
        if child_type == "supervisor" and spec.module in _LIBRARY_INTENSITY:
            most, seconds = intensity(spec.arg)
        if info is not None and _expandable(info) and spec.module is not None:
            tree = self.tree(spec.module, spec.loc, stack)
            strategy = tree.strategy or strategy
            name = name or tree.name
            children = tree.children
            notes.extend(tree.notes)
            most, seconds = tree.max_restarts, tree.max_seconds
        if spec.partition is not None:
            children = self.children(spec.partition, stack)
            children = tuple(_with_note(c, "repeated: one per partition") for c in children)
        return Child(
            spec.module,
            name,
            spec.kind,
            spec.loc,
            conditional,
            strategy,
            "; ".join(n for n in notes if n),
            children,
            id=facts.id,
            restart=facts.restart,
            shutdown=facts.shutdown,
            type=child_type,
            max_restarts=most,
            max_seconds=seconds,
        )

    def custom_facts(self, info: ModuleInfo, arg: v.Value | None) -> SpecFacts:
        """What a project module's own ``child_spec/1`` returns, when it is literal:
        a map, or ``Supervisor.child_spec(super(arg) or a spec, overrides)``."""
        for clause in info.function("child_spec", 1):
            given = arg if arg is not None else v.ListOf((), clause.loc)
            value = _evaluator(self.index, info, clause, given, self.nesting).run(clause.body)
            if isinstance(value, v.MapOf):
                return map_facts(value)
            if isinstance(value, v.ChildSpecOf):
                inner = interpret(value.spec, self.index)
                own = inner is None or inner.kind is Kind.UNKNOWN or inner.module == info.name
                base = None if own else inner.facts  # type: ignore[union-attr]
                if base is None:  # `super(arg)`: what `use` generates
                    kind = module_kind(info) or Kind.UNKNOWN
                    behaviours = [u for u in info.uses if u in USE_KINDS]
                    options = [(u, o) for u, o in info.use_options if u in USE_KINDS]
                    base = use_facts(info.name, kind, behaviours, options)
                return overridden(base, value.overrides.pairs)
            return SpecFacts()
        return SpecFacts()

    def _duplicate_ids(self, children: tuple[Child, ...]) -> None:
        """Two unconditional children with one id: the supervisor would not start."""
        seen: dict[str, Child] = {}
        for child in children:
            if child.id is None or child.conditional:
                continue
            first = seen.get(child.id)
            if first is None:
                seen[child.id] = child
                continue
            self._diagnostics.append(
                Diagnostic(
                    DUPLICATE_CHILD_ID,
                    Severity.ERROR,
                    child.location,
                    f"duplicate child id {child.id} (also at line {first.location.line}): "
                    f"the supervisor would refuse to start with "
                    f"{{:duplicate_child_name, {child.id}}}",
                    "give one of them its own id: Supervisor.child_spec(spec, id: ...) "
                    "or a distinct name:",
                )
            )

    def registered_name(self, info: ModuleInfo, arg: v.Value | None) -> str | None:
        """The name ``info.start_link`` registers under, when it is literal."""
        for arity in (1, 0):
            for clause in info.function("start_link", arity):
                given = arg if arg is not None else v.ListOf((), clause.loc)
                evaluator = _evaluator(self.index, info, clause, given, self.nesting)
                for found in evaluator.scan(clause.body, _START_LINKS):
                    name = _name_in_start(found)
                    if name is not None:
                        return name
        return None

    def _warn(self, loc: Location, message: str, hint: str) -> None:
        self._diagnostics.append(Diagnostic(NO_SUPERVISOR, Severity.WARNING, loc, message, hint))


def _evaluator(
    index: ModuleIndex, info: ModuleInfo, clause: Clause, arg: v.Value | None, nesting: Nesting
) -> Evaluator:
    evaluator = Evaluator(index, info, nesting=nesting)
    evaluator.bind_params(clause.params, [arg] if arg is not None else [])
    return evaluator


def _expandable(info: ModuleInfo) -> bool:
    """Whether ``info`` is a supervisor whose children the source spells out."""
    uses = set(info.uses) | set(info.behaviours)
    return bool(uses & {"Supervisor", "DynamicSupervisor", ":supervisor"})


def _arg(found: Found, i: int) -> v.Value | None:
    return found.args[i] if i < len(found.args) else None


def _name_in_start(found: Found) -> str | None:
    if found.module.startswith(":"):
        first = _arg(found, 0)
        if isinstance(first, v.Tuple) and len(first.elements) == 2:
            return name_from(first.elements[1])
        return None
    last = found.args[-1] if found.args else None
    return name_from(option(last, "name"))


def _same(a: Child, b: Child) -> bool:
    return (a.module, a.name, a.kind, a.strategy, a.note, a.conditional) == (
        b.module,
        b.name,
        b.kind,
        b.strategy,
        b.note,
        b.conditional,
    )


def _with_note(child: Child, note: str) -> Child:
    joined = f"{note}; {child.note}" if child.note else note
    return dataclasses.replace(child, note=joined)
