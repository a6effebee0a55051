"""A small symbolic evaluator for the Elixir that builds children lists.

Children lists are rarely one literal: they are bound to variables, kept in
module attributes, returned by helpers, concatenated, piped through
``Enum.reject(&is_nil/1)`` and guarded by ``if Mix.env() == :prod``. The
evaluator follows exactly those idioms over tree-sitter nodes and answers
:class:`~docgen.elixir.values.Unknown` with a reason for anything else, so the
caller can show it instead of silently dropping it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docgen.diagnostics import Location
from docgen.elixir import values as v
from docgen.elixir.index import (
    ModuleIndex,
    ModuleInfo,
    block_statements,
    body_of,
    call_arguments,
    call_name,
    do_block,
    keyword_value,
)
from docgen.elixir.syntax import (
    Node,
    calls_in,
    line_of,
    named_children,
    operator_of,
    pattern_variables,
    short_text,
    text_of,
)

MAX_DEPTH = 24
_LITERALS = frozenset({"integer", "float", "string", "charlist", "sigil", "char"})
_CONFIG_READS = frozenset(
    {"get_env", "fetch_env", "fetch_env!", "compile_env", "compile_env!", "get_all_env"}
)
_PASS_THROUGH_PREDICATES = frozenset(
    {"&is_nil/1", "& &1", "&(&1)", "&Function.identity/1", "&(!is_nil(&1))"}
)


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
    ) -> None:
        self.index = index
        self.module = module
        self.env: dict[str, v.Value] = dict(env or {})
        self.stack = stack

    def loc(self, node: Node) -> Location:
        return Location(self.module.loc.path, line_of(node))

    def unknown(self, node: Node, reason: str, module: str | None = None) -> v.Unknown:
        return v.Unknown(reason, self.loc(node), module)

    def child(self, env: dict[str, v.Value] | None = None) -> Evaluator:
        return Evaluator(self.index, self.module, self.env if env is None else env, self.stack)

    def bind_params(self, params: Sequence[Node], args: Sequence[v.Value]) -> None:
        """Bind clause parameters; patterns bind their variables to Unknown."""
        for i, param in enumerate(params):
            default = None
            if param.type == "binary_operator" and operator_of(param) == "\\\\":
                default = param.child_by_field_name("right")
                param = param.child_by_field_name("left") or param
            if i < len(args):
                value: v.Value = args[i]
            elif default is not None:
                value = self.eval(default)
            else:
                value = self.unknown(param, f"`{text_of(param)}` is a function argument")
            if param.type == "identifier":
                self.env[text_of(param)] = value
            else:
                self.bind_pattern(param)

    def bind_pattern(self, pattern: Node, value: v.Value | None = None) -> None:
        """Bind a pattern's variables to the parts of ``value`` it matches, else Unknown."""
        parts = named_children(pattern)
        if value is not None and pattern.type == "identifier":
            self.env[text_of(pattern)] = value
        elif (
            isinstance(value, v.Tuple)
            and pattern.type == "tuple"
            and len(parts) == len(value.elements)
        ):
            for part, element in zip(parts, value.elements, strict=True):
                self.bind_pattern(part, element)
        else:
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
        for statement in statements:
            for call, piped in calls_in(statement):
                target = self.remote(call)
                if target is None or target not in wanted:
                    continue
                args = [self.eval(piped)] if piped is not None else []
                args.extend(self.eval(a) for a in call_arguments(call))
                found.append(Found(target[0], target[1], tuple(args), self.loc(call)))
            self.eval(statement)
        return found

    def remote(self, call: Node) -> tuple[str, str] | None:
        """``("Supervisor", "start_link")`` for ``Supervisor.start_link(...)``."""
        if call.type != "call":
            return None
        target = call.child_by_field_name("target")
        if target is None or target.type != "dot":
            return None
        left = target.child_by_field_name("left")
        right = target.child_by_field_name("right")
        if left is None or right is None or right.type != "identifier":
            return None
        if left.type == "alias":
            return self.module.resolve(text_of(left)), text_of(right)
        if left.type == "atom":
            return text_of(left), text_of(right)
        if left.type == "identifier" and text_of(left) == "__MODULE__":
            return self.module.name, text_of(right)
        return None

    def eval(self, node: Node) -> v.Value:
        kind = node.type
        loc = self.loc(node)
        if kind == "alias":
            return v.Mod(self.module.resolve(text_of(node)), loc)
        if kind == "atom":
            return v.Atom(text_of(node)[1:], loc)
        if kind == "quoted_atom":
            return v.Atom(text_of(node)[2:-1], loc)
        if kind == "boolean":
            return v.Atom(text_of(node), loc)
        if kind == "nil":
            return v.Nil(loc)
        if kind in _LITERALS:
            return v.Literal(text_of(node), loc)
        if kind == "identifier":
            return self._identifier(node)
        if kind == "list":
            return self._list(node)
        if kind == "keywords":
            return self._keywords(node)
        if kind == "tuple":
            return v.Tuple(tuple(self.eval(c) for c in named_children(node)), loc, text_of(node))
        if kind == "map":
            return self._map(node)
        if kind == "binary_operator":
            return self._binary(node)
        if kind == "unary_operator":
            return self._unary(node)
        if kind == "call":
            return self._call(node)
        if kind == "anonymous_function":
            return _function(node, loc)
        if kind == "block":
            return self.child().run(named_children(node))
        if kind == "access_call":
            return self._access(node)
        if kind == "dot" and text_of(node).startswith("__MODULE__."):
            return v.Mod(self.module.resolve(text_of(node)), loc)
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _identifier(self, node: Node) -> v.Value:
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

    def _list(self, node: Node) -> v.Value:
        items: list[v.Item] = []
        children = named_children(node)
        if len(children) == 1 and children[0].type == "keywords":
            return self._keywords(children[0])
        for child in children:
            if child.type == "binary_operator" and operator_of(child) == "|":
                items.extend(self._cons(child))
            else:
                items.append(v.Item(self.eval(child)))
        return v.ListOf(tuple(items), self.loc(node))

    def _cons(self, node: Node) -> list[v.Item]:
        """``[head | tail]``: the head, then the tail's items."""
        head, tail = node.child_by_field_name("left"), node.child_by_field_name("right")
        if head is None or tail is None:
            return [v.Item(self.unknown(node, "incomplete list"))]
        first = v.Item(self.eval(head))
        rest = self.eval(tail)
        return [first, *(rest.items if isinstance(rest, v.ListOf) else (v.Item(rest),))]

    def _keywords(self, node: Node) -> v.Keywords:
        pairs: list[tuple[str, v.Value]] = []
        for pair in named_children(node):
            key = pair.child_by_field_name("key")
            value = pair.child_by_field_name("value")
            if key is not None and value is not None:
                pairs.append((text_of(key).strip().rstrip(":").strip('"'), self.eval(value)))
        return v.Keywords(tuple(pairs), self.loc(node), text_of(node))

    def _map(self, node: Node) -> v.Value:
        pairs: list[tuple[str, v.Value]] = []
        for content in named_children(node):
            if content.type == "struct":
                return v.Literal(text_of(node), self.loc(node))
            for entry in named_children(content):
                if entry.type == "keywords":
                    pairs.extend(self._keywords(entry).pairs)
                elif entry.type == "binary_operator" and operator_of(entry) == "=>":
                    key = entry.child_by_field_name("left")
                    value = entry.child_by_field_name("right")
                    if key is not None and value is not None and key.type == "atom":
                        pairs.append((text_of(key)[1:], self.eval(value)))
        return v.MapOf(tuple(pairs), self.loc(node))

    def _binary(self, node: Node) -> v.Value:
        op = operator_of(node)
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        loc = self.loc(node)
        if left is None or right is None:
            return self.unknown(node, "incomplete expression")
        if op == "=":
            value = self.eval(right)
            self.bind_pattern(left, value)
            return value
        if op == "++":
            items = v.flatten(self.eval(left)) + v.flatten(self.eval(right))
            return v.ListOf(items, loc)
        if op == "|>":
            return self._pipe(self.eval(left), right)
        if op in ("&&", "and"):
            return v.Branches((self.child().eval(right), v.Nil(loc)), loc)
        if op in ("||", "or"):
            first = self.eval(left)
            if isinstance(first, v.Nil) or (isinstance(first, v.Atom) and first.name == "false"):
                return self.eval(right)
            if isinstance(first, v.Unknown | v.Branches):
                return v.Branches((first, self.child().eval(right)), loc)
            return first
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _unary(self, node: Node) -> v.Value:
        operand = node.child_by_field_name("operand")
        op = text_of(node)[:1]
        if operand is None:
            return self.unknown(node, "incomplete expression")
        if op == "@" and operand.type in ("call", "identifier"):
            name = call_name(operand) or text_of(operand)
            if operand.type == "call" and call_arguments(operand):
                return self.unknown(node, f"`@{name}` is defined here, not read")
            value = self.module.attribute(name, line_of(node))
            if value is None:
                return self.unknown(node, f"module attribute @{name} is not defined")
            return Evaluator(self.index, self.module, {}, self.stack).eval(value)
        if op == "&":
            if operand.type == "binary_operator" and operator_of(operand) == "/":
                return v.Function((), operand, self.loc(node))
            return v.Function(("&1", "&2", "&3"), operand, self.loc(node))
        return self.unknown(node, f"`{short_text(node)}` is not understood statically")

    def _access(self, node: Node) -> v.Value:
        children = named_children(node)
        if len(children) == 2 and children[1].type == "atom":
            container = self.eval(children[0])
            if isinstance(container, v.Keywords | v.MapOf):
                found = container.get(text_of(children[1])[1:])
                return found if found is not None else v.Nil(self.loc(node))
        return self.unknown(node, f"`{short_text(node)}` is read at runtime")

    def _pipe(self, first: v.Value, call: Node) -> v.Value:
        if call.type != "call":
            return self.unknown(call, f"`{short_text(call)}` cannot be piped into statically")
        args = [first, *(self.eval(a) for a in call_arguments(call))]
        return self._apply(call, args)

    def _call(self, node: Node) -> v.Value:
        name = call_name(node)
        if name in ("if", "unless"):
            return self._if(node, negate=name == "unless")
        if name in ("case", "cond"):
            return self._clauses(node)
        if name == "for":
            return self._for(node)
        if name in ("alias", "require", "import", "use"):
            return v.Nil(self.loc(node))
        return self._apply(node, [self.eval(a) for a in call_arguments(node)])

    def _apply(self, node: Node, args: list[v.Value]) -> v.Value:
        name = call_name(node)
        if name is not None:
            if self.module.function(name, len(args)):
                return self.call_local(self.module, name, args, node)
            return self.unknown(node, f"`{name}/{len(args)}` is not a function of this module")
        target = self.remote(node)
        if target is None:
            return self.unknown(node, f"`{short_text(node)}` is a dynamic call")
        return self._remote(node, target[0], target[1], args)

    def _remote(self, node: Node, module: str, fun: str, args: list[v.Value]) -> v.Value:
        loc = self.loc(node)
        call = f"{module}.{fun}/{len(args)}"
        if (module, fun) == ("Supervisor", "child_spec") and len(args) == 2:
            overrides = args[1] if isinstance(args[1], v.Keywords) else v.Keywords((), loc)
            return v.ChildSpecOf(args[0], overrides, loc)
        if module in ("Application", "Mix.Project") and fun in _CONFIG_READS | {"config"}:
            return v.Unknown(f"read from application config at runtime: {short_text(node)}", loc)
        if (module, fun) == ("Mix", "env"):
            return v.Unknown("Mix.env() is only known at build time", loc)
        if module in ("Enum", "List", "Keyword", "Function"):
            handled = self._library(node, module, fun, args)
            if handled is not None:
                return handled
        info = self.index.get(module)
        if info is not None and info.function(fun, len(args)):
            return self.call_local(info, fun, args, node)
        if fun == "child_spec" and len(args) == 1:
            return v.Tuple((v.Mod(module, loc), args[0]), loc, text_of(node))
        return v.Unknown(f"call to {call} is not evaluated statically", loc)

    def _library(self, node: Node, module: str, fun: str, args: list[v.Value]) -> v.Value | None:
        loc = self.loc(node)
        if (module, fun) == ("List", "flatten") and len(args) == 1:
            return v.ListOf(v.flatten(args[0]), loc)
        if (module, fun) == ("List", "wrap") and len(args) == 1:
            return v.ListOf(v.flatten(args[0]), loc)
        if (module, fun) == ("Enum", "concat"):
            items: tuple[v.Item, ...] = ()
            for arg in args:
                items += v.flatten(arg)
            return v.ListOf(items, loc)
        if (module, fun) in (("Enum", "reject"), ("Enum", "filter")) and len(args) == 2:
            predicate = args[1]
            text = (
                text_of(predicate.body.parent)
                if isinstance(predicate, v.Function)
                and (predicate.body is not None and predicate.body.parent is not None)
                else ""
            )
            sure = " ".join(text.split()) in _PASS_THROUGH_PREDICATES
            items = tuple(
                v.Item(i.value, i.conditional or not sure, i.repeated) for i in v.flatten(args[0])
            )
            return v.ListOf(items, loc)
        if (module, fun) in (("Enum", "map"), ("Enum", "flat_map")) and len(args) == 2:
            body = self.apply_function(args[1], node)
            return v.ListOf((v.Item(body, repeated=f"repeated: built by Enum.{fun}"),), loc)
        if (module, fun) == ("Keyword", "get") and len(args) == 3:
            opts, key, default = args
            if isinstance(opts, v.Keywords) and isinstance(key, v.Atom):
                found = opts.get(key.name)
                return found if found is not None else default
            reason = f"`{short_text(node)}` is read at runtime"
            return v.Branches((v.Unknown(reason, loc), default), loc)
        if (module, fun) == ("Keyword", "pop") and len(args) in (2, 3):
            default = args[2] if len(args) == 3 else v.Nil(loc)
            return _keyword_pop(node, loc, args[0], args[1], default)
        if (module, fun) == ("Function", "identity") and len(args) == 1:
            return args[0]
        return None

    def apply_function(self, fun: v.Value, node: Node) -> v.Value:
        """The value of an anonymous function body with unknown arguments."""
        if not isinstance(fun, v.Function) or fun.body is None:
            return self.unknown(node, "the mapped function is not literal")
        body = fun.body
        if body.type == "binary_operator" and operator_of(body) == "/" and not fun.params:
            ref = body.child_by_field_name("left")
            if ref is not None and ref.type == "identifier":
                unknowns: list[v.Value] = [self.unknown(node, "element of an enumerable")]
                return self._apply_named(text_of(ref), unknowns, node)
            return self.unknown(node, f"`&{short_text(body)}` is not evaluated statically")
        inner = self.child(dict(self.env))
        for param in fun.params:
            inner.env[param] = inner.unknown(node, "element of an enumerable")
        if body.type == "stab_clause":
            left = body.child_by_field_name("left")
            if left is not None:
                inner.bind_pattern(left)
            right = body.child_by_field_name("right")
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
        if len(clauses) != 1:
            return self.unknown(
                node, f"`{module.name}.{name}/{len(args)}` has several clauses chosen at runtime"
            )
        clause = clauses[0]
        inner = Evaluator(self.index, module, {}, (*self.stack, key))
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
                if part.type == "else_block":
                    else_value = self.child(dict(self.env)).run(named_children(part))
        else:
            args = call_arguments(node)
            if args and args[-1].type == "keywords":
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
        for clause in named_children(block):
            if clause.type != "stab_clause":
                continue
            inner = self.child(dict(self.env))
            left = clause.child_by_field_name("left")
            if left is not None:
                inner.bind_pattern(left)
            right = clause.child_by_field_name("right")
            if right is None:
                options.append(v.Nil(inner.loc(clause)))
            else:
                options.append(inner.run(named_children(right)))
        return v.Branches(tuple(options), self.loc(node))

    def _for(self, node: Node) -> v.Value:
        inner = self.child(dict(self.env))
        body: v.Value | None = None
        for arg in call_arguments(node):
            if arg.type == "binary_operator" and operator_of(arg) == "<-":
                pattern = arg.child_by_field_name("left")
                if pattern is not None:
                    inner.bind_pattern(pattern)
            elif arg.type == "keywords":
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


def _function(node: Node, loc: Location) -> v.Value:
    clauses = [c for c in named_children(node) if c.type == "stab_clause"]
    if len(clauses) != 1:
        return v.Function((), None, loc)
    return v.Function((), clauses[0], loc)


def _keyword_pop(
    node: Node, loc: Location, opts: v.Value, key: v.Value, default: v.Value
) -> v.Value:
    """``Keyword.pop(opts, key, default)``: ``{value, rest}`` as far as it is known."""
    text = text_of(node)
    if isinstance(key, v.Atom) and isinstance(opts, v.Keywords):
        found = opts.get(key.name)
        rest = v.Keywords(tuple(p for p in opts.pairs if p[0] != key.name), opts.loc)
        return v.Tuple((default if found is None else found, rest), loc, text)
    if isinstance(opts, v.ListOf) and not opts.items:
        return v.Tuple((default, opts), loc, text)
    unknown = v.Unknown(f"`{short_text(node)}` is read at runtime", loc)
    return v.Tuple((v.Branches((unknown, default), loc), unknown), loc, text)
