"""Every module a project defines, so the evaluator can look across files.

Supervision trees span modules: the application names a supervisor, the
supervisor calls a helper in a third file. The index records, per ``defmodule``
(nested names prefixed by their parent), its file and line, ``use`` lines,
``@behaviour``, aliases, module attributes and function clauses by name/arity.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.syntax import (
    Node,
    ParsedFile,
    line_of,
    named_children,
    operator_of,
    text_of,
)

DUPLICATE_MODULE = "DG106"


@dataclass(frozen=True, slots=True)
class Clause:
    """One ``def``/``defp`` clause: its parameters and body statements."""

    name: str
    params: tuple[Node, ...]
    body: tuple[Node, ...]
    private: bool
    loc: Location

    @property
    def arity(self) -> int:
        return len(self.params)

    @property
    def defaults(self) -> int:
        return sum(
            1 for p in self.params if p.type == "binary_operator" and operator_of(p) == "\\\\"
        )


@dataclass(frozen=True, slots=True)
class ModuleInfo:
    """What the index knows about one ``defmodule``."""

    name: str
    loc: Location
    uses: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    attributes: tuple[tuple[str, Node], ...] = ()
    clauses: tuple[Clause, ...] = ()

    def resolve(self, alias: str) -> str:
        """Expand an alias as written in this module to the full module name."""
        head, _, rest = alias.partition(".")
        if head == "__MODULE__":
            return f"{self.name}.{rest}" if rest else self.name
        for short, full in reversed(self.aliases):
            if short == head:
                return f"{full}.{rest}" if rest else full
        return alias

    def attribute(self, name: str, before_line: int | None = None) -> Node | None:
        """The value node of ``@name``, the last definition before ``before_line``."""
        found: Node | None = None
        for attr, node in self.attributes:
            if attr != name:
                continue
            if found is not None and before_line is not None and line_of(node) > before_line:
                break
            found = node
        return found

    def function(self, name: str, arity: int) -> tuple[Clause, ...]:
        """Clauses callable as ``name/arity``, counting ``\\\\`` default arguments."""
        return tuple(
            c for c in self.clauses if c.name == name and c.arity - c.defaults <= arity <= c.arity
        )


@dataclass(frozen=True, slots=True)
class ModuleIndex:
    """Modules by name, plus diagnostics found while indexing."""

    modules: dict[str, ModuleInfo] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, name: str | None) -> ModuleInfo | None:
        return self.modules.get(name) if name else None


def build_index(files: Iterable[ParsedFile]) -> ModuleIndex:
    """Index the modules of ``files``; the first definition (by path) wins."""
    modules: dict[str, ModuleInfo] = {}
    diagnostics: list[Diagnostic] = []
    for parsed in sorted(files, key=lambda f: f.path):
        for root in parsed.roots:
            for info in modules_in(root, parsed.path):
                first = modules.get(info.name)
                if first is None:
                    modules[info.name] = info
                    continue
                diagnostics.append(
                    Diagnostic(
                        DUPLICATE_MODULE,
                        Severity.WARNING,
                        info.loc,
                        f"module {info.name} is also defined at {first.loc}; using that one",
                        "give each module a single definition",
                    )
                )
    return ModuleIndex(modules, tuple(diagnostics))


def call_name(node: Node) -> str | None:
    """``foo`` for ``foo(...)``/``foo ...``; ``None`` for remote or other nodes."""
    if node.type != "call":
        return None
    target = node.child_by_field_name("target")
    if target is None or target.type != "identifier":
        return None
    return text_of(target)


def call_arguments(node: Node) -> list[Node]:
    for child in named_children(node):
        if child.type == "arguments":
            return named_children(child)
    return []


def do_block(node: Node) -> Node | None:
    for child in named_children(node):
        if child.type == "do_block":
            return child
    return None


def block_statements(block: Node) -> tuple[Node, ...]:
    """Statements of a ``do`` block, stopping at ``else``/``rescue``/``after``."""
    out: list[Node] = []
    for child in named_children(block):
        if child.type.endswith("_block") or child.type == "stab_clause":
            break
        out.append(child)
    return tuple(out)


def keyword_value(keywords: Node, key: str) -> Node | None:
    for pair in named_children(keywords):
        k = pair.child_by_field_name("key")
        if pair.type == "pair" and k is not None and text_of(k).rstrip(": ") == key:
            return pair.child_by_field_name("value")
    return None


def body_of(node: Node) -> tuple[Node, ...] | None:
    """The body of a ``do ... end`` call or of its ``do:`` keyword form."""
    block = do_block(node)
    if block is not None:
        return block_statements(block)
    args = call_arguments(node)
    if args and args[-1].type == "keywords":
        value = keyword_value(args[-1], "do")
        if value is not None:
            return (value,)
    return None


def modules_in(root: Node, path: str, prefix: str = "") -> Iterator[ModuleInfo]:
    """Every ``defmodule`` under ``root`` (including inside ERROR recovery nodes)."""
    for node in _defmodules(root):
        yield from _module_tree(node, path, prefix)


def _module_tree(node: Node, path: str, prefix: str) -> Iterator[ModuleInfo]:
    args = call_arguments(node)
    if not args or args[0].type != "alias":
        return
    name = f"{prefix}{text_of(args[0])}"
    block = do_block(node)
    statements = _statements(block) if block is not None else []
    nested = [s for s in statements if call_name(s) == "defmodule"]
    yield _module(name, Location(path, line_of(node)), statements, nested)
    for child in nested:
        yield from _module_tree(child, path, f"{name}.")


def _defmodules(node: Node) -> Iterator[Node]:
    for child in named_children(node):
        if call_name(child) == "defmodule":
            yield child
        elif child.type in ("ERROR", "call", "do_block", "arguments"):
            yield from _defmodules(child)


def _statements(block: Node) -> list[Node]:
    out: list[Node] = []
    for child in named_children(block):
        if child.type == "ERROR":
            out.extend(_statements(child))
        else:
            out.append(child)
    return out


def _module(name: str, loc: Location, statements: list[Node], nested: list[Node]) -> ModuleInfo:
    aliases: list[tuple[str, str]] = []
    for inner in nested:
        args = call_arguments(inner)
        if args and args[0].type == "alias":
            short = text_of(args[0]).split(".")[0]
            aliases.append((short, f"{name}.{short}"))
    uses: list[str] = []
    behaviours: list[str] = []
    attributes: list[tuple[str, Node]] = []
    clauses: list[Clause] = []
    for statement in statements:
        head = call_name(statement)
        probe = ModuleInfo(name, loc, aliases=tuple(aliases))
        if head == "alias":
            aliases.extend(_alias_pairs(statement, probe))
        elif head == "use":
            args = call_arguments(statement)
            if args and args[0].type in ("alias", "atom"):
                uses.append(probe.resolve(text_of(args[0])))
        elif head in ("def", "defp"):
            clause = _clause(statement, head == "defp", loc.path)
            if clause is not None:
                clauses.append(clause)
        elif statement.type == "unary_operator" and text_of(statement).startswith("@"):
            attr = _attribute(statement)
            if attr is None:
                continue
            attr_name, value = attr
            if attr_name == "behaviour" and value.type in ("alias", "atom"):
                behaviours.append(probe.resolve(text_of(value)))
            attributes.append(attr)
    return ModuleInfo(
        name,
        loc,
        tuple(uses),
        tuple(behaviours),
        tuple(aliases),
        tuple(attributes),
        tuple(clauses),
    )


def _alias_pairs(statement: Node, module: ModuleInfo) -> list[tuple[str, str]]:
    args = call_arguments(statement)
    if not args:
        return []
    target = args[0]
    if target.type == "alias":
        full = module.resolve(text_of(target))
        short = full.rsplit(".", 1)[-1]
        if len(args) > 1 and args[1].type == "keywords":
            as_node = keyword_value(args[1], "as")
            if as_node is not None and as_node.type == "alias":
                short = text_of(as_node)
        return [(short, full)]
    if target.type == "dot":
        left = target.child_by_field_name("left")
        right = target.child_by_field_name("right")
        if left is None or right is None or right.type != "tuple":
            return []
        base = module.resolve(text_of(left))
        out: list[tuple[str, str]] = []
        for member in named_children(right):
            if member.type == "alias":
                full = f"{base}.{text_of(member)}"
                out.append((full.rsplit(".", 1)[-1], full))
        return out
    return []


def _attribute(statement: Node) -> tuple[str, Node] | None:
    operand = statement.child_by_field_name("operand")
    if operand is None or operand.type != "call":
        return None
    name = call_name(operand)
    args = call_arguments(operand)
    if name is None or len(args) != 1:
        return None
    return name, args[0]


def _clause(statement: Node, private: bool, path: str) -> Clause | None:
    args = call_arguments(statement)
    if not args:
        return None
    head = args[0]
    if head.type == "binary_operator":
        left = head.child_by_field_name("left")
        if left is None:
            return None
        head = left
    params: tuple[Node, ...] = ()
    if head.type == "identifier":
        name = text_of(head)
    elif head.type == "call" and call_name(head) is not None:
        name, params = call_name(head) or "", tuple(call_arguments(head))
    else:
        return None
    body = body_of(statement) or ()
    return Clause(name, params, body, private, Location(path, line_of(statement)))
