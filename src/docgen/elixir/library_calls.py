"""Calls into Elixir's standard library that children lists are built with.

The evaluator follows calls into project modules by reading their source; calls
into Elixir itself (``Enum.reject``, ``Keyword.get``, ``Supervisor.child_spec``,
``Application.get_env``...) have no source to read, so this module knows what the
usual ones do to a symbolic value. It sits below :mod:`docgen.elixir.evaluator`
and never imports it: the one thing it needs from the evaluator, running an
anonymous function body, is passed in as ``apply_function``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docgen.diagnostics import Location
from docgen.elixir import values as v
from docgen.elixir.syntax import Node, short_text, text_of

ApplyFunction = Callable[[v.Value, Node], v.Value]
"""Evaluates a function value's body with unknown arguments (``Enum.map``)."""

_CONFIG_READS = frozenset(
    {"get_env", "fetch_env", "fetch_env!", "compile_env", "compile_env!", "get_all_env"}
)
_CONFIG_MODULES = frozenset({"Application", "Mix.Project"})
_COLLECTIONS = frozenset({"Enum", "List", "Keyword", "Function"})
_PASS_THROUGH_PREDICATES = frozenset(
    {"&is_nil/1", "& &1", "&(&1)", "&Function.identity/1", "&(!is_nil(&1))"}
)


def library_call(
    node: Node,
    loc: Location,
    module: str,
    fun: str,
    args: Sequence[v.Value],
    apply_function: ApplyFunction,
) -> v.Value | None:
    """The value of ``module.fun(args)`` written at ``node``; ``None`` when not known here.

    Configuration reads and ``Mix.env()`` are :class:`~docgen.elixir.values.Unknown`
    with the reason, whatever module defines them.
    """
    if (module, fun) == ("Supervisor", "child_spec") and len(args) == 2:
        overrides = args[1] if isinstance(args[1], v.Keywords) else v.Keywords((), loc)
        return v.ChildSpecOf(args[0], overrides, loc)
    if module in _CONFIG_MODULES and (fun in _CONFIG_READS or fun == "config"):
        return v.Unknown(f"read from application config at runtime: {short_text(node)}", loc)
    if (module, fun) == ("Mix", "env"):
        return v.Unknown("Mix.env() is only known at build time", loc)
    if module in _COLLECTIONS:
        return _collection_call(node, loc, module, fun, args, apply_function)
    return None


def _collection_call(
    node: Node,
    loc: Location,
    module: str,
    fun: str,
    args: Sequence[v.Value],
    apply_function: ApplyFunction,
) -> v.Value | None:
    """``Enum``, ``List``, ``Keyword`` and ``Function`` calls."""
    if (module, fun) in (("List", "flatten"), ("List", "wrap")) and len(args) == 1:
        return v.ListOf(v.flatten(args[0]), loc)
    if (module, fun) == ("Enum", "concat"):
        items: tuple[v.Item, ...] = ()
        for arg in args:
            items += v.flatten(arg)
        return v.ListOf(items, loc)
    if (module, fun) in (("Enum", "reject"), ("Enum", "filter")) and len(args) == 2:
        return _filtered(args[0], args[1], loc)
    if (module, fun) in (("Enum", "map"), ("Enum", "flat_map")) and len(args) == 2:
        body = apply_function(args[1], node)
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


def _filtered(items: v.Value, predicate: v.Value, loc: Location) -> v.ListOf:
    """``Enum.reject``/``Enum.filter``: items stay sure only for a nil-dropping predicate."""
    text = (
        text_of(predicate.body.parent)
        if isinstance(predicate, v.Function)
        and (predicate.body is not None and predicate.body.parent is not None)
        else ""
    )
    sure = " ".join(text.split()) in _PASS_THROUGH_PREDICATES
    return v.ListOf(
        tuple(v.Item(i.value, i.conditional or not sure, i.repeated) for i in v.flatten(items)),
        loc,
    )


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
