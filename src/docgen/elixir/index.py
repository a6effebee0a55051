"""Every module a project defines, so the evaluator can look across files.

Supervision trees span modules: the application names a supervisor, the
supervisor calls a helper in a third file. The index records, per ``defmodule``
(nested names prefixed by their parent), its file and line, ``use`` lines,
``@behaviour``, aliases, module attributes and function clauses by name/arity.

Indexing is one pass over the top-level statements of each module body that reads
only ``use``, ``alias`` and ``@behaviour``; attributes and function clauses are read
when the evaluator first asks for them by name (most never are), and with a cache
the modules of each file are remembered by path and content hash, so a warm
analysis builds its index without walking a single tree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.syntax import (
    ALIAS,
    BINARY,
    CALL,
    IDENTIFIER,
    KEY,
    KEYWORDS,
    LEFT,
    OPERAND,
    OPERATOR,
    TARGET,
    UNARY,
    VALUE,
    Node,
    ParseCache,
    ParsedFile,
    kinds,
    kinds_where,
    line_of,
    named_children,
    operator_of,
    text_of,
)

DUPLICATE_MODULE = "DG106"

_ALIAS_OR_ATOM = kinds("alias", "atom")
_ARGUMENTS = kinds("arguments")
_DO_BLOCK = kinds("do_block")
_PAIR = kinds("pair")
_LIST = kinds("list")
_ERROR = kinds("ERROR")
_BODY_END = kinds_where(lambda kind: kind.endswith("_block") or kind == "stab_clause")
_INTO_DEFMODULE = kinds("ERROR", "call", "do_block", "arguments")


@dataclass(frozen=True, slots=True)
class Clause:
    """One ``def``/``defp`` clause: its parameters and body statements."""

    name: str
    params: tuple[Node, ...]
    node: Node
    private: bool
    loc: Location
    defaults: int = 0
    """How many parameters have a ``\\\\`` default."""

    @property
    def arity(self) -> int:
        return len(self.params)

    @property
    def body(self) -> tuple[Node, ...]:
        """The body statements, read from the ``def`` node when asked for."""
        return body_of(self.node) or ()


Definition = tuple[Node, Node, bool]
"""A ``def``/``defp`` statement, its head (``name(params)`` or ``name``), ``defp``."""


class _Body:
    """The ``def``/``defp`` and ``@`` statements of a module body, read on first use.

    Indexing reads only what every module needs (``use``, ``alias``,
    ``@behaviour``); attributes and functions are read when the evaluator asks,
    and most functions of a project are never asked for.
    """

    __slots__ = ("_attributes", "attribute_nodes", "def_nodes", "def_private")

    def __init__(
        self,
        def_nodes: tuple[Node, ...] = (),
        def_private: tuple[bool, ...] = (),
        attribute_nodes: tuple[Node, ...] = (),
    ) -> None:
        self.def_nodes = def_nodes
        self.def_private = def_private
        self.attribute_nodes = attribute_nodes
        self._attributes: tuple[tuple[str, Node], ...] | None = None

    def attributes(self, name: str | None = None) -> tuple[tuple[str, Node], ...]:
        """``(name, node of `name value`)`` of each ``@name value``; only ``name``'s when given."""
        if self._attributes is None:
            self._attributes = tuple(
                attr for node in self.attribute_nodes if (attr := _attribute(node)) is not None
            )
        if name is None:
            return self._attributes
        return tuple(attr for attr in self._attributes if attr[0] == name)

    def definitions(self, name: str | None = None) -> dict[str, tuple[Definition, ...]]:
        """Clauses by function name, in source order; only ``name``'s when given.

        A statement that defines ``name`` spells it, so with a name only the
        statements whose text contains it are read (unless the name holds a
        replacement character, which stands for bytes that are not UTF-8).
        """
        spelled = name.encode() if name is not None and "\ufffd" not in name else b""
        found: dict[str, list[Definition]] = {}
        for statement, private in zip(self.def_nodes, self.def_private, strict=True):
            if spelled not in (statement.text or b""):
                continue
            definition = _definition(statement)
            if definition is not None and name in (None, definition[0]):
                function, function_head = definition
                found.setdefault(function, []).append((statement, function_head, private))
        return {function: tuple(clauses) for function, clauses in found.items()}


@dataclass(frozen=True, slots=True)
class ModuleInfo:
    """What the index knows about one ``defmodule``.

    Most attributes and functions of a project are never evaluated, so indexing
    keeps only their names and nodes; values and clauses are read when asked for.
    """

    name: str
    loc: Location
    uses: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()
    body: _Body = field(default_factory=_Body, repr=False, compare=False)
    """The body's top-level statements; attributes and functions are read from it."""
    use_options: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
    """Per ``use Module, key: value`` line, its literal options as source text
    (``("GenServer", (("restart", ":temporary"),))``): they shape ``child_spec/1``."""
    _clauses: dict[str, tuple[Clause, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _locations: dict[int, Location] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def attribute_calls(self) -> tuple[tuple[str, Node], ...]:
        """``("name", node of `name value`)`` for each ``@name value``, in source order."""
        return self.body.attributes()

    @property
    def definitions(self) -> dict[str, tuple[Definition, ...]]:
        """Each function's clauses by name, in source order (read on each access)."""
        return self.body.definitions()

    def location(self, line: int) -> Location:
        """``Location(path, line)`` in this module's file, one object per line."""
        found = self._locations.get(line)
        if found is None:
            found = self._locations[line] = Location(self.loc.path, line)
        return found

    def resolve(self, alias: str) -> str:
        """Expand an alias as written in this module to the full module name."""
        return _resolve(self.name, self.aliases, alias)

    def attribute(self, name: str, before_line: int | None = None) -> Node | None:
        """The value node of ``@name``, the last definition before ``before_line``."""
        found: Node | None = None
        for _, call in self.body.attributes(name):
            node = _single_argument(call)
            if node is None:
                continue
            if found is not None and before_line is not None and line_of(node) > before_line:
                break
            found = node
        return found

    def function(self, name: str, arity: int) -> tuple[Clause, ...]:
        """Clauses callable as ``name/arity``, counting ``\\\\`` default arguments."""
        clauses = self._clauses.get(name)
        if clauses is None:  # first lookup: read the clauses and keep them
            definitions = self.body.definitions(name).get(name, ())
            clauses = tuple(
                _clause(name, statement, head, private, self.loc.path)
                for statement, head, private in definitions
            )
            self._clauses[name] = clauses
        return tuple(c for c in clauses if c.arity - c.defaults <= arity <= c.arity)


@dataclass(frozen=True, slots=True)
class ModuleIndex:
    """Modules by name, plus diagnostics found while indexing."""

    modules: dict[str, ModuleInfo] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()

    def get(self, name: str | None) -> ModuleInfo | None:
        return self.modules.get(name) if name else None


def build_index(files: Iterable[ParsedFile], cache: ParseCache | None = None) -> ModuleIndex:
    """Index the modules of ``files``; the first definition (by path) wins."""
    modules: dict[str, ModuleInfo] = {}
    diagnostics: list[Diagnostic] = []
    for parsed in sorted(files, key=lambda f: f.path):
        for info in file_modules(parsed, cache):
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


def file_modules(parsed: ParsedFile, cache: ParseCache | None = None) -> tuple[ModuleInfo, ...]:
    """Every module ``parsed`` defines, in source order; remembered in ``cache``."""

    if parsed.modules is not None:  # indexed by a worker process
        return parsed.modules

    def walk() -> tuple[ModuleInfo, ...]:
        return tuple(m for root in parsed.roots for m in modules_in(root, parsed.path))

    if cache is None or parsed.digest is None:
        return walk()
    return cache.memo(("modules", parsed.path, parsed.digest), walk)


def call_name(node: Node) -> str | None:
    """``foo`` for ``foo(...)``/``foo ...``; ``None`` for remote or other nodes."""
    if node.kind_id not in CALL:
        return None
    target = node.child_by_field_id(TARGET)
    if target is None or target.kind_id not in IDENTIFIER:
        return None
    return text_of(target)


def call_arguments(node: Node) -> list[Node]:
    for child in node.named_children:
        if child.kind_id in _ARGUMENTS:
            return named_children(child)
    return []


def do_block(node: Node) -> Node | None:
    for child in node.named_children:
        if child.kind_id in _DO_BLOCK:
            return child
    return None


def block_statements(block: Node) -> tuple[Node, ...]:
    """Statements of a ``do`` block, stopping at ``else``/``rescue``/``after``."""
    out: list[Node] = []
    for child in named_children(block):
        if child.kind_id in _BODY_END:
            break
        out.append(child)
    return tuple(out)


def keyword_value(keywords: Node, key: str) -> Node | None:
    for pair in named_children(keywords):
        k = pair.child_by_field_id(KEY)
        if pair.kind_id in _PAIR and k is not None and text_of(k).rstrip(": ") == key:
            return pair.child_by_field_id(VALUE)
    return None


def body_of(node: Node) -> tuple[Node, ...] | None:
    """The body of a ``do ... end`` call or of its ``do:`` keyword form."""
    block = do_block(node)
    if block is not None:
        return block_statements(block)
    args = call_arguments(node)
    if args and args[-1].kind_id in KEYWORDS:
        value = keyword_value(args[-1], "do")
        if value is not None:
            return (value,)
    return None


def modules_in(root: Node, path: str, prefix: str = "") -> Iterator[ModuleInfo]:
    """Every ``defmodule`` under ``root`` (including inside ERROR recovery nodes),
    each before the modules nested in it. Iterative, like every walk of the syntax
    tree here: generated code may nest deeper than Python's recursion limit."""
    pending = [(node, prefix) for node in reversed(list(_defmodules(root)))]
    while pending:
        node, outer = pending.pop()
        args = call_arguments(node)
        if not args or args[0].kind_id not in ALIAS:
            continue
        name = f"{outer}{text_of(args[0])}"
        block = do_block(node)
        statements: list[tuple[Node, str | None]] = []
        if block is not None:
            _statements(block, statements)
        nested = [s for s, head in statements if head == "defmodule"]
        yield _module(name, Location(path, line_of(node)), statements, nested)
        pending.extend((child, f"{name}.") for child in reversed(nested))


def _defmodules(root: Node) -> Iterator[Node]:
    stack = [iter(named_children(root))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
        elif call_name(child) == "defmodule":
            yield child
        elif child.kind_id in _INTO_DEFMODULE:
            stack.append(iter(named_children(child)))


def _statements(block: Node, out: list[tuple[Node, str | None]]) -> None:
    """A module body's statements and their call names, compile-time wrappers' too.

    ``if Mix.env() == :test do def … end`` or a project macro such as
    ``on_ee do defp … end`` define functions conditionally: their bodies are read
    as part of the module (function bodies and ``quote`` blocks are not). A
    wrapper's statements come right after it, before its next sibling.
    """
    stack = [iter(named_children(block))]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        kind = child.kind_id
        if kind in _ERROR or kind in _ELSE_BLOCK:
            stack.append(iter(named_children(child)))
            continue
        head = call_name(child) if kind in CALL else None
        out.append((child, head))
        if head not in _NOT_WRAPPERS:
            inner = do_block(child)
            if inner is not None:
                stack.append(iter(named_children(inner)))


_ELSE_BLOCK = kinds("else_block")
# Calls whose do-blocks are not module-level code of this module.
_NOT_WRAPPERS = frozenset(
    {
        None,
        "def",
        "defp",
        "defmacro",
        "defmacrop",
        "defmodule",
        "defimpl",
        "defprotocol",
        "defdelegate",
        "defguard",
        "defguardp",
        "defn",
        "defnp",
        "quote",
        "for",
        "case",
        "cond",
        "with",
        "fn",
        "try",
        "receive",
        "schema",
        "embedded_schema",
    }
)


def _resolve(module: str, aliases: Sequence[tuple[str, str]], alias: str) -> str:
    head, _, rest = alias.partition(".")
    if head == "__MODULE__":
        return f"{module}.{rest}" if rest else module
    for short, full in reversed(aliases):
        if short == head:
            return f"{full}.{rest}" if rest else full
    return alias


def _module(
    name: str, loc: Location, statements: list[tuple[Node, str | None]], nested: list[Node]
) -> ModuleInfo:
    """One pass over the module body; aliases apply from where they are written."""
    aliases: list[tuple[str, str]] = []
    for inner in nested:
        args = call_arguments(inner)
        if args and args[0].type == "alias":
            short = text_of(args[0]).split(".")[0]
            aliases.append((short, f"{name}.{short}"))
    uses: list[str] = []
    use_options: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    behaviours: list[str] = []
    def_nodes: list[Node] = []
    def_private: list[bool] = []
    attribute_nodes: list[Node] = []
    for statement, head in statements:
        if head == "def" or head == "defp":
            def_nodes.append(statement)
            def_private.append(head == "defp")
        elif head == "alias":
            aliases.extend(_alias_pairs(statement, name, aliases))
        elif head == "use":
            args = call_arguments(statement)
            if args and args[0].kind_id in _ALIAS_OR_ATOM:
                uses.append(_resolve(name, aliases, text_of(args[0])))
                if len(args) > 1:
                    use_options.append((uses[-1], _literal_options(args[1])))
        elif head is None and statement.kind_id in UNARY:
            attribute_nodes.append(statement)
            # Only `@behaviour` is read now; its text must name it.
            if b"behaviour" not in (statement.text or b""):
                continue
            attr = _attribute(statement)
            if attr is not None and attr[0] == "behaviour":
                value = _single_argument(attr[1])
                if value is not None and value.kind_id in _ALIAS_OR_ATOM:
                    behaviours.append(_resolve(name, aliases, text_of(value)))
    body = _Body(tuple(def_nodes), tuple(def_private), tuple(attribute_nodes))
    return ModuleInfo(
        name, loc, tuple(uses), tuple(behaviours), tuple(aliases), body, tuple(use_options)
    )


def _literal_options(node: Node) -> tuple[tuple[str, str], ...]:
    """``key: value`` pairs of a keyword list (``[...]`` or bare) as source text."""
    if node.kind_id in _LIST:
        inner = named_children(node)
        node = inner[-1] if inner else node
    pairs: list[tuple[str, str]] = []
    for pair in named_children(node):
        key, value = pair.child_by_field_id(KEY), pair.child_by_field_id(VALUE)
        if pair.kind_id in _PAIR and key is not None and value is not None:
            pairs.append((text_of(key).strip().rstrip(":").strip(), text_of(value).strip()))
    return tuple(pairs)


def _alias_pairs(
    statement: Node, module: str, aliases: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    args = call_arguments(statement)
    if not args:
        return []
    target = args[0]
    if target.type == "alias":
        full = _resolve(module, aliases, text_of(target))
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
        base = _resolve(module, aliases, text_of(left))
        out: list[tuple[str, str]] = []
        for member in named_children(right):
            if member.type == "alias":
                full = f"{base}.{text_of(member)}"
                out.append((full.rsplit(".", 1)[-1], full))
        return out
    return []


def _attribute(statement: Node) -> tuple[str, Node] | None:
    """``("name", node of `name value`)`` for ``@name value``; else ``None``."""
    operator = statement.child_by_field_id(OPERATOR)
    operand = statement.child_by_field_id(OPERAND)
    if operator is None or operator.type != "@" or operand is None:
        return None
    name = call_name(operand)
    return (name, operand) if name is not None else None


def _single_argument(call: Node) -> Node | None:
    args = call_arguments(call)
    return args[0] if len(args) == 1 else None


def _definition(statement: Node) -> tuple[str, Node] | None:
    """The function name and head of a ``def``/``defp`` statement."""
    args = call_arguments(statement)
    if not args:
        return None
    head = args[0]
    if head.kind_id in BINARY:
        left = head.child_by_field_id(LEFT)
        if left is None:
            return None
        head = left
    if head.kind_id in IDENTIFIER:
        return text_of(head), head
    name = call_name(head)
    return (name, head) if name is not None else None


def _clause(name: str, statement: Node, head: Node, private: bool, path: str) -> Clause:
    params = tuple(call_arguments(head)) if head.kind_id in CALL else ()
    defaults = sum(1 for p in params if p.kind_id in BINARY and operator_of(p) == "\\\\")
    return Clause(name, params, statement, private, Location(path, line_of(statement)), defaults)
