"""A small symbolic evaluator for the Elixir that builds children lists.

Children lists are rarely one literal: they are bound to variables, kept in
module attributes, returned by helpers, concatenated, piped through
``Enum.reject(&is_nil/1)`` and guarded by ``if Mix.env() == :prod``. The
evaluator follows exactly those idioms over tree-sitter nodes and answers
:class:`~docgen.elixir.values.Unknown` with a reason for anything else, so the
caller can show it instead of silently dropping it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir import values as v
from docgen.elixir.index import (
    Clause,
    ModuleIndex,
    ModuleInfo,
    block_statements,
    body_of,
    call_arguments,
    call_name,
    do_block,
    keyword_value,
)
from docgen.elixir.library_calls import library_call
from docgen.elixir.syntax import (
    ALIAS,
    ATOM,
    BINARY,
    CALL,
    DOT,
    IDENTIFIER,
    KEY,
    KEYWORDS,
    LEFT,
    OPERAND,
    RIGHT,
    TARGET,
    VALUE,
    Node,
    kinds,
    line_of,
    named_children,
    operator_of,
    pattern_variables,
    remote_calls,
    short_text,
    text_of,
)

MAX_DEPTH = 24
TOO_DEEP = "DG109"
MAX_NESTING = 100
"""Expressions nested deeper than this are not evaluated (each level costs a few
Python frames; generated code may nest thousands deep): the value there is
unknown, and the place is kept in :attr:`Nesting.cut` for a diagnostic."""


@dataclass
class Nesting:
    """How deep one evaluation is, shared by the evaluators it calls into."""

    depth: int = 0
    cut: list[Location] = field(default_factory=list)
    """Where :data:`MAX_NESTING` was reached, first occurrence of each place."""

    def diagnostics(self) -> list[Diagnostic]:
        """One ``DG109`` warning for each place the evaluation stopped."""
        return [
            Diagnostic(
                TOO_DEEP,
                Severity.WARNING,
                loc,
                f"expression nested more than {MAX_NESTING} levels deep; what it holds "
                "from here on is not analysed (the rest of the file is)",
                "generated code: move the data out of the code docgen reads "
                "(a file read at runtime, or a module attribute outside start/2 and init/1)",
            )
            for loc in self.cut
        ]


_LITERALS = ("integer", "float", "string", "charlist", "sigil", "char")
_EVALUATED = (
    *("alias", "atom", "quoted_atom", "boolean", "nil", "identifier", "list", "keywords"),
    *("tuple", "map", "binary_operator", "unary_operator", "call", "anonymous_function"),
    *("block", "access_call"),
)

# Node kinds and fields by id: the evaluator tests one or two per node it visits.
_CALL_OR_IDENTIFIER = CALL | IDENTIFIER
_TUPLE = kinds("tuple")
_STRUCT = kinds("struct")
_STAB_CLAUSE = kinds("stab_clause")
_NUMBER = kinds("integer")
_ELSE_BLOCK = kinds("else_block")


def _alternatives(clauses: Sequence[Clause]) -> bool:
    """Whether clauses share one head without guards (compile-time alternatives)."""
    heads = set()
    for clause in clauses:
        args = call_arguments(clause.node)
        head = text_of(args[0]) if args else ""
        if " when " in head:
            return False
        heads.add(head)
    return len(heads) == 1


def _head(clause: Clause) -> str:
    args = call_arguments(clause.node)
    text = " ".join(text_of(args[0]).split()) if args else clause.name
    return text if len(text) <= 60 else text[:57] + "..."


def _possible_clauses(clauses: Sequence[Clause], args: Sequence[v.Value]) -> list[Clause]:
    """The clauses a call with ``args`` may take, in order: a clause whose patterns
    cannot match is skipped; one that surely matches (no guard) ends the list."""
    out: list[Clause] = []
    for clause in clauses:
        guarded = " when " in _head(clause)
        verdicts = [_may_match(p, a) for p, a in zip(clause.params, args, strict=False)]
        if False in verdicts:
            continue
        out.append(clause)
        if not guarded and all(verdicts):
            break
    return out


def _may_match(param: Node, value: v.Value) -> bool | None:
    """Whether ``value`` matches the pattern ``param``: surely, surely not, or ``None``."""
    if param.kind_id in BINARY and operator_of(param) == "\\\\":
        param = param.child_by_field_id(LEFT) or param
    if param.kind_id in IDENTIFIER:
        return True
    if isinstance(value, v.Unknown | v.Branches):
        return None
    text = text_of(param)
    if param.kind_id in ATOM and text.startswith(":") and not text.startswith(':"'):
        if isinstance(value, v.Atom):
            return value.name == text[1:]
        return False if isinstance(value, v.Mod | v.Literal | v.Nil | v.Tuple) else None
    if param.kind_id in ALIAS:
        if isinstance(value, v.Mod):
            return value.name == text or value.name.endswith("." + text)
        return False if isinstance(value, v.Atom | v.Literal | v.Nil) else None
    if param.kind_id in _NUMBER:
        if isinstance(value, v.Literal):
            return value.text.replace("_", "") == text.replace("_", "")
        return False if isinstance(value, v.Atom | v.Mod | v.Nil | v.Tuple) else None
    return None


def _has_do(node: Node, args: list[Node]) -> bool:
    """Whether a call takes a ``do`` block or a ``do:`` keyword."""
    if do_block(node) is not None:
        return True
    return bool(args) and args[-1].kind_id in KEYWORDS and keyword_value(args[-1], "do") is not None


@dataclass(frozen=True, slots=True)
class Found:
    """A call the caller asked :meth:`Evaluator.scan` to look for."""

    module: str
    function: str
    args: tuple[v.Value, ...]
    loc: Location


class Evaluator:
    """Evaluates expressions of one module body with local variable bindings."""

    def __init__(
        self,
        index: ModuleIndex,
        module: ModuleInfo,
        env: dict[str, v.Value] | None = None,
        stack: tuple[tuple[str, str, int], ...] = (),
        nesting: Nesting | None = None,
    ) -> None:
        self.index = index
        self.module = module
        self.env: dict[str, v.Value] = dict(env or {})
        self.stack = stack
        self.nesting = nesting if nesting is not None else Nesting()

    def loc(self, node: Node) -> Location:
        return self.module.location(line_of(node))

    def unknown(self, node: Node, reason: str, module: str | None = None) -> v.Unknown:
        return v.Unknown(reason, self.loc(node), module)

    def child(self, env: dict[str, v.Value] | None = None) -> Evaluator:
        env = self.env if env is None else env
        return Evaluator(self.index, self.module, env, self.stack, self.nesting)

    def bind_params(self, params: Sequence[Node], args: Sequence[v.Value]) -> None:
        """Bind clause parameters; patterns bind their variables to Unknown."""
        for i, param in enumerate(params):
            default = None
            if param.kind_id in BINARY and operator_of(param) == "\\\\":
                default = param.child_by_field_id(RIGHT)
                param = param.child_by_field_id(LEFT) or param
            if i < len(args):
                value: v.Value = args[i]
            elif default is not None:
                value = self.eval(default)
            else:
                value = self.unknown(param, f"`{text_of(param)}` is a function argument")
            if param.kind_id in IDENTIFIER:
                self.env[text_of(param)] = value
            else:
                self.bind_pattern(param)

    def bind_pattern(self, pattern: Node, value: v.Value | None = None) -> None:
        """Bind a pattern's variables to the parts of ``value`` it matches, else Unknown."""
        if value is not None and pattern.kind_id in IDENTIFIER:
            self.env[text_of(pattern)] = value
            return
        if isinstance(value, v.Tuple) and pattern.kind_id in _TUPLE:
            parts = named_children(pattern)
            if len(parts) == len(value.elements):
                for part, element in zip(parts, value.elements, strict=True):
                    self.bind_pattern(part, element)
                return
        for name_node in pattern_variables(pattern):
            name = text_of(name_node)
            self.env[name] = self.unknown(name_node, f"`{name}` is bound by a pattern match")

    def run(self, statements: Sequence[Node]) -> v.Value:
        """Evaluate statements in order; the value of the last one."""
        result: v.Value | None = None
        for statement in statements:
            result = self.eval(statement)
        if result is None:
            return v.Nil(self.module.loc)
        return result

    def scan(self, statements: Sequence[Node], wanted: frozenset[tuple[str, str]]) -> list[Found]:
        """Run ``statements``; report each call to ``(Module, fun)`` in ``wanted``.

        Arguments are evaluated with the bindings in force at that statement,
        and piped calls (``children |> Supervisor.start_link(opts)``) count too.
        """
        found: list[Found] = []
        names = _function_names(wanted)
        for statement in statements:
            # A statement without `=` binds nothing: running it would only compute
            # a value that is thrown away (its wanted calls' arguments are above).
            for call, piped in remote_calls(statement, names):
                target = self.remote(call)
                if target is None or target not in wanted:
                    continue
                args = [self.eval(piped)] if piped is not None else []
                args.extend(self.eval(a) for a in call_arguments(call))
                found.append(Found(target[0], target[1], tuple(args), self.loc(call)))
            if b"=" in (statement.text or b""):
                self.eval(statement)
        return found

    def remote(self, call: Node) -> tuple[str, str] | None:
        """``("Supervisor", "start_link")`` for ``Supervisor.start_link(...)``."""
        if call.kind_id not in CALL:
            return None
        target = call.child_by_field_id(TARGET)
        if target is None or target.kind_id not in DOT:
            return None
        left = target.child_by_field_id(LEFT)
        right = target.child_by_field_id(RIGHT)
        if left is None or right is None or right.kind_id not in IDENTIFIER:
            return None
        kind = left.kind_id
        if kind in ALIAS:
            return self.module.resolve(text_of(left)), text_of(right)
        if kind in ATOM:
            return text_of(left), text_of(right)
        if kind in IDENTIFIER and text_of(left) == "__MODULE__":
            return self.module.name, text_of(right)
        return None

    def eval(self, node: Node) -> v.Value:
        nesting = self.nesting
        if nesting.depth >= MAX_NESTING:
            loc = self.loc(node)
            if loc not in nesting.cut:
                nesting.cut.append(loc)
            return v.Unknown(f"nested more than {MAX_NESTING} levels deep; not analysed", loc)
        handler = _EVAL.get(node.kind_id)
        nesting.depth += 1
        try:
            return self._other(node) if handler is None else handler(self, node)
        finally:
            nesting.depth -= 1

    def _eval_alias(self, node: Node) -> v.Value:
        return v.Mod(self.module.resolve(text_of(node)), self.loc(node))

    def _eval_atom(self, node: Node) -> v.Value:
        return v.Atom(text_of(node)[1:], self.loc(node))

    def _eval_quoted_atom(self, node: Node) -> v.Value:
        return v.Atom(text_of(node)[2:-1], self.loc(node))

    def _eval_boolean(self, node: Node) -> v.Value:
        return v.Atom(text_of(node), self.loc(node))

    def _eval_nil(self, node: Node) -> v.Value:
        return v.Nil(self.loc(node))

    def _literal(self, node: Node) -> v.Value:
        return v.Literal(text_of(node), self.loc(node))

    def _eval_tuple(self, node: Node) -> v.Value:
        loc = self.loc(node)
        return v.Tuple(tuple(self.eval(c) for c in named_children(node)), loc, text_of(node))

    def _eval_anonymous_function(self, node: Node) -> v.Value:
        clauses = [c for c in named_children(node) if c.kind_id in _STAB_CLAUSE]
        return v.Function((), clauses[0] if len(clauses) == 1 else None, self.loc(node))

    def _eval_block(self, node: Node) -> v.Value:
        return self.child().run(named_children(node))

    def _other(self, node: Node) -> v.Value:
        if node.kind_id in DOT and text_of(node).startswith("__MODULE__."):
            return v.Mod(self.module.resolve(text_of(node)), self.loc(node))
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _eval_identifier(self, node: Node) -> v.Value:
        name = text_of(node)
        if name == "__MODULE__":
            return v.Mod(self.module.name, self.loc(node))
        if name in self.env:
            found = self.env[name]
            if isinstance(found, v.Unknown):
                return v.Unknown(found.reason, self.loc(node), found.module)
            return found
        if self.module.function(name, 0):
            return self.call_local(self.module, name, [], node)
        return self.unknown(node, f"variable `{name}` is not bound here")

    def _eval_list(self, node: Node) -> v.Value:
        items: list[v.Item] = []
        children = named_children(node)
        if len(children) == 1 and children[0].kind_id in KEYWORDS:
            return self._eval_keywords(children[0])
        for child in children:
            if child.kind_id in BINARY and operator_of(child) == "|":
                items.extend(self._cons(child))
            else:
                items.append(v.Item(self.eval(child)))
        return v.ListOf(tuple(items), self.loc(node))

    def _cons(self, node: Node) -> list[v.Item]:
        """``[head | tail]``: the head, then the tail's items."""
        head, tail = node.child_by_field_id(LEFT), node.child_by_field_id(RIGHT)
        if head is None or tail is None:
            return [v.Item(self.unknown(node, "incomplete list"))]
        first = v.Item(self.eval(head))
        rest = self.eval(tail)
        return [first, *(rest.items if isinstance(rest, v.ListOf) else (v.Item(rest),))]

    def _eval_keywords(self, node: Node) -> v.Keywords:
        pairs: list[tuple[str, v.Value]] = []
        for pair in named_children(node):
            key = pair.child_by_field_id(KEY)
            value = pair.child_by_field_id(VALUE)
            if key is not None and value is not None:
                pairs.append((text_of(key).strip().rstrip(":").strip('"'), self.eval(value)))
        return v.Keywords(tuple(pairs), self.loc(node), text_of(node))

    def _eval_map(self, node: Node) -> v.Value:
        pairs: list[tuple[str, v.Value]] = []
        for content in named_children(node):
            if content.kind_id in _STRUCT:
                return v.Literal(text_of(node), self.loc(node))
            for entry in named_children(content):
                if entry.kind_id in KEYWORDS:
                    pairs.extend(self._eval_keywords(entry).pairs)
                elif entry.kind_id in BINARY and operator_of(entry) == "=>":
                    key = entry.child_by_field_id(LEFT)
                    value = entry.child_by_field_id(RIGHT)
                    if key is not None and value is not None and key.kind_id in ATOM:
                        pairs.append((text_of(key)[1:], self.eval(value)))
        return v.MapOf(tuple(pairs), self.loc(node))

    def _eval_binary_operator(self, node: Node) -> v.Value:
        op = operator_of(node)
        left = node.child_by_field_id(LEFT)
        right = node.child_by_field_id(RIGHT)
        if left is None or right is None:
            return self.unknown(node, "incomplete expression")
        if op == "=":
            value = self.eval(right)
            self.bind_pattern(left, value)
            return value
        if op == "++":
            items = v.flatten(self.eval(left)) + v.flatten(self.eval(right))
            return v.ListOf(items, self.loc(node))
        if op == "|>":
            return self._pipe(self.eval(left), right)
        if op in ("&&", "and"):
            return v.Branches((self.child().eval(right), v.Nil(self.loc(node))), self.loc(node))
        if op in ("||", "or"):
            first = self.eval(left)
            if isinstance(first, v.Nil) or (isinstance(first, v.Atom) and first.name == "false"):
                return self.eval(right)
            if isinstance(first, v.Unknown | v.Branches):
                return v.Branches((first, self.child().eval(right)), self.loc(node))
            return first
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _eval_unary_operator(self, node: Node) -> v.Value:
        operand = node.child_by_field_id(OPERAND)
        if operand is None:
            return self.unknown(node, "incomplete expression")
        op = (node.text or b"")[:1]  # the operator: unary operators come first
        if op == b"@" and operand.kind_id in _CALL_OR_IDENTIFIER:
            name = call_name(operand) or text_of(operand)
            if operand.kind_id in CALL and call_arguments(operand):
                return self.unknown(node, f"`@{name}` is defined here, not read")
            value = self.module.attribute(name, line_of(node))
            if value is None:
                return self.unknown(node, f"module attribute @{name} is not defined")
            return Evaluator(self.index, self.module, {}, self.stack, self.nesting).eval(value)
        if op == b"&":
            if operand.kind_id in BINARY and operator_of(operand) == "/":
                return v.Function((), operand, self.loc(node))
            return v.Function(("&1", "&2", "&3"), operand, self.loc(node))
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _eval_access_call(self, node: Node) -> v.Value:
        children = named_children(node)
        if len(children) == 2 and children[1].kind_id in ATOM:
            container = self.eval(children[0])
            if isinstance(container, v.Keywords | v.MapOf):
                found = container.get(text_of(children[1])[1:])
                return found if found is not None else v.Nil(self.loc(node))
        return self.unknown(node, f"`{short_text(node)}` is read at runtime")

    def _pipe(self, first: v.Value, call: Node) -> v.Value:
        if call.kind_id not in CALL:
            return self.unknown(call, f"`{short_text(call)}` cannot be piped into statically")
        args = [first, *(self.eval(a) for a in call_arguments(call))]
        return self._apply(call, call_name(call), args)

    def _eval_call(self, node: Node) -> v.Value:
        name = call_name(node)
        if name in ("if", "unless"):
            return self._if(node, negate=name == "unless")
        if name in ("case", "cond"):
            return self._clauses(node)
        if name == "for":
            return self._for(node)
        if name in ("alias", "require", "import", "use"):
            return v.Nil(self.loc(node))
        args = call_arguments(node)
        if name is not None and _has_do(node, args) and not self.module.function(name, len(args)):
            # A macro from `use`/`import` taking do/else blocks (`on_ee do … end`,
            # `if_enabled(:x, do: …)`): its blocks are code that may or may not be
            # compiled in, so read it like an `if`.
            return self._if(node, negate=False)
        return self._apply(node, name, [self.eval(a) for a in args])

    def _apply(self, node: Node, name: str | None, args: list[v.Value]) -> v.Value:
        """Call ``node`` (named ``name`` when local) with evaluated ``args``."""
        if name is not None:
            return self._apply_named(name, args, node)
        target = self.remote(node)
        if target is None:
            return self.unknown(node, f"`{short_text(node)}` is a dynamic call")
        return self._remote(node, target[0], target[1], args)

    def _remote(self, node: Node, module: str, fun: str, args: list[v.Value]) -> v.Value:
        loc = self.loc(node)
        handled = library_call(node, loc, module, fun, args, self.apply_function)
        if handled is not None:
            return handled
        info = self.index.get(module)
        if info is not None and info.function(fun, len(args)):
            return self.call_local(info, fun, args, node)
        if fun == "child_spec" and len(args) == 1:
            return v.Tuple((v.Mod(module, loc), args[0]), loc, text_of(node))
        return v.Unknown(f"call to {module}.{fun}/{len(args)} is not evaluated statically", loc)

    def apply_function(self, fun: v.Value, node: Node) -> v.Value:
        """The value of an anonymous function body with unknown arguments."""
        if not isinstance(fun, v.Function) or fun.body is None:
            return self.unknown(node, "the mapped function is not literal")
        body = fun.body
        if body.kind_id in BINARY and operator_of(body) == "/" and not fun.params:
            ref = body.child_by_field_id(LEFT)
            if ref is not None and ref.kind_id in IDENTIFIER:
                unknowns: list[v.Value] = [self.unknown(node, "element of an enumerable")]
                return self._apply_named(text_of(ref), unknowns, node)
            return self.unknown(node, f"`&{short_text(body)}` is not evaluated statically")
        inner = self.child(dict(self.env))
        for param in fun.params:
            inner.env[param] = inner.unknown(node, "element of an enumerable")
        if body.kind_id in _STAB_CLAUSE:
            left = body.child_by_field_id(LEFT)
            if left is not None:
                inner.bind_pattern(left)
            right = body.child_by_field_id(RIGHT)
            return inner.run(named_children(right)) if right is not None else v.Nil(fun.loc)
        return inner.eval(body)

    def _apply_named(self, name: str, args: list[v.Value], node: Node) -> v.Value:
        if self.module.function(name, len(args)):
            return self.call_local(self.module, name, args, node)
        return self.unknown(node, f"`{name}/{len(args)}` is not a function of this module")

    def call_local(self, module: ModuleInfo, name: str, args: list[v.Value], node: Node) -> v.Value:
        """Evaluate ``module.name(args)`` when it has one clause we can follow."""
        key = (module.name, name, len(args))
        clauses = module.function(name, len(args))
        if key in self.stack or len(self.stack) >= MAX_DEPTH:
            return self.unknown(node, f"`{name}/{len(args)}` is recursive")
        if len(clauses) > 1 and _alternatives(clauses):
            # Same head, no guard: only one of them is compiled (`if Mix.env() …`
            # around the definitions), which one is decided at compile time.
            options = tuple(self._call_clause(module, c, key, args) for c in clauses)
            return v.Branches(options, self.loc(node))
        if len(clauses) == 1:
            return self._call_clause(module, clauses[0], key, args)
        possible = _possible_clauses(clauses, args)
        if not possible:
            return self.unknown(node, f"no clause of `{name}/{len(args)}` matches these arguments")
        if len(possible) == 1:
            return self._call_clause(module, possible[0], key, args)
        # Chosen at runtime (a value only known then, a guard): every clause it may take.
        options = tuple(self._call_clause(module, c, key, args) for c in possible)
        labels = tuple(
            f"when {name}/{len(args)} takes its clause `{_head(c)}` (line {c.loc.line})"
            for c in possible
        )
        return v.Branches(options, self.loc(node), labels)

    def _call_clause(
        self, module: ModuleInfo, clause: Clause, key: tuple[str, str, int], args: list[v.Value]
    ) -> v.Value:
        inner = Evaluator(self.index, module, {}, (*self.stack, key), self.nesting)
        inner.bind_params(clause.params, args)
        return inner.run(clause.body)

    def _if(self, node: Node, negate: bool) -> v.Value:
        loc = self.loc(node)
        then_value: v.Value = v.Nil(loc)
        else_value: v.Value = v.Nil(loc)
        block = do_block(node)
        if block is not None:
            then_value = self.child(dict(self.env)).run(block_statements(block))
            for part in named_children(block):
                if part.kind_id in _ELSE_BLOCK:
                    else_value = self.child(dict(self.env)).run(named_children(part))
        else:
            args = call_arguments(node)
            if args and args[-1].kind_id in KEYWORDS:
                do_node = keyword_value(args[-1], "do")
                else_node = keyword_value(args[-1], "else")
                if do_node is not None:
                    then_value = self.child(dict(self.env)).eval(do_node)
                if else_node is not None:
                    else_value = self.child(dict(self.env)).eval(else_node)
        options = (else_value, then_value) if negate else (then_value, else_value)
        return v.Branches(options, loc)

    def _clauses(self, node: Node) -> v.Value:
        block = do_block(node)
        if block is None:
            return self.unknown(node, f"`{short_text(node)}` has no clauses")
        options: list[v.Value] = []
        labels: list[str] = []
        what = call_name(node) or "case"
        for clause in named_children(block):
            if clause.kind_id not in _STAB_CLAUSE:
                continue
            inner = self.child(dict(self.env))
            left = clause.child_by_field_id(LEFT)
            if left is not None:
                inner.bind_pattern(left)
            right = clause.child_by_field_id(RIGHT)
            if right is None:
                options.append(v.Nil(inner.loc(clause)))
            else:
                options.append(inner.run(named_children(right)))
            pattern = " ".join(text_of(left).split()) if left is not None else ""
            pattern = pattern if len(pattern) <= 40 else pattern[:37] + "..."
            labels.append(f"in the `{pattern} ->` branch of the {what} at line {line_of(clause)}")
        return v.Branches(tuple(options), self.loc(node), tuple(labels))

    def _for(self, node: Node) -> v.Value:
        inner = self.child(dict(self.env))
        body: v.Value | None = None
        for arg in call_arguments(node):
            if arg.kind_id in BINARY and operator_of(arg) == "<-":
                pattern = arg.child_by_field_id(LEFT)
                if pattern is not None:
                    inner.bind_pattern(pattern)
            elif arg.kind_id in KEYWORDS:
                if keyword_value(arg, "into") is not None or keyword_value(arg, "reduce"):
                    return self.unknown(node, "a `for` with into:/reduce: is not evaluated")
                do_node = keyword_value(arg, "do")
                if do_node is not None:
                    body = inner.eval(do_node)
        statements = body_of(node)
        if body is None and statements is not None:
            body = inner.run(statements)
        if body is None:
            return self.unknown(node, "a `for` without a body")
        loc = self.loc(node)
        return v.ListOf((v.Item(body, repeated="repeated: built by a `for` comprehension"),), loc)


# eval() dispatches on the node kind to the method named after it.
_EVAL: dict[int, Callable[[Evaluator, Node], v.Value]] = {
    **{kind: Evaluator._literal for name in _LITERALS for kind in kinds(name)},
    **{kind: getattr(Evaluator, f"_eval_{name}") for name in _EVALUATED for kind in kinds(name)},
}


@functools.lru_cache(maxsize=64)
def _function_names(wanted: frozenset[tuple[str, str]]) -> tuple[bytes, ...]:
    """The function names of ``wanted`` calls, as they appear in source bytes."""
    return tuple(sorted({fun.encode() for _, fun in wanted}))
