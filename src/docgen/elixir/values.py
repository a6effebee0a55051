"""The symbolic values the evaluator computes from Elixir expressions.

The analyser never runs Elixir, so an expression evaluates to what the source
says about it: a module, an atom, a list whose items may be conditional or
repeated, a set of alternatives from ``if``/``case``, or :class:`Unknown` with a
reason a reader can act on. Every value remembers where it was written, which is
where a child spec built from it is reported.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypeAlias

from docgen.diagnostics import Location
from docgen.elixir.syntax import Node, text_of


@dataclass(frozen=True, slots=True)
class Mod:
    """A module name: an alias (``MyApp.Repo``) or ``__MODULE__``, resolved."""

    name: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Atom:
    """An atom without its colon (``one_for_one``); ``true``/``false`` too."""

    name: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Nil:
    loc: Location


@dataclass(frozen=True, slots=True)
class Literal:
    """Any other literal (number, string, ...) kept as source text."""

    text: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Keywords:
    """A keyword list ``[key: value, ...]``."""

    pairs: tuple[tuple[str, Value], ...]
    loc: Location
    text: str = ""

    def get(self, key: str) -> Value | None:
        for k, v in self.pairs:
            if k == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Item:
    """One element of a list, with how sure we are that it is there."""

    value: Value
    conditional: bool = False
    repeated: str = ""
    when: str = ""
    """For a conditional item: which clause or branch starts it (``when …``)."""


@dataclass(frozen=True, slots=True)
class ListOf:
    items: tuple[Item, ...]
    loc: Location


@dataclass(frozen=True, slots=True)
class Tuple:
    elements: tuple[Value, ...]
    loc: Location
    text: str


@dataclass(frozen=True, slots=True)
class MapOf:
    """A map with atom keys (``%{id: ..., start: ...}``)."""

    pairs: tuple[tuple[str, Value], ...]
    loc: Location

    def get(self, key: str) -> Value | None:
        for k, v in self.pairs:
            if k == key:
                return v
        return None


@dataclass(frozen=True, slots=True)
class Branches:
    """One of several values, chosen at runtime (``if``, ``case``, ``cond``...)."""

    options: tuple[Value, ...]
    loc: Location
    labels: tuple[str, ...] = ()
    """Per option, when it is the one taken (``when listeners/1 takes its clause at
    line 12``); empty when the options need no words."""


@dataclass(frozen=True, slots=True)
class Repeated:
    """A list built by a comprehension: any number of ``body`` values."""

    body: Value
    how: str
    loc: Location


@dataclass(frozen=True, slots=True)
class Unknown:
    """Something a static read cannot decide; ``reason`` says why."""

    reason: str
    loc: Location
    module: str | None = None


@dataclass(frozen=True, slots=True)
class Function:
    """An anonymous function or capture, kept as syntax with its parameters."""

    params: tuple[str, ...]
    body: Node | None
    loc: Location


@dataclass(frozen=True, slots=True)
class ChildSpecOf:
    """``Supervisor.child_spec(spec, overrides)``."""

    spec: Value
    overrides: Keywords
    loc: Location


Value: TypeAlias = (
    Mod
    | Atom
    | Nil
    | Literal
    | Keywords
    | ListOf
    | Tuple
    | MapOf
    | Branches
    | Repeated
    | Unknown
    | Function
    | ChildSpecOf
)


def shape(value: object) -> object:
    """A hashable key for ``value`` that ignores where it was written."""
    if isinstance(value, tuple):
        return tuple(shape(x) for x in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value if isinstance(value, str | int | bool | None) else repr(type(value))
    parts: list[object] = [type(value).__name__]
    for f in dataclasses.fields(value):
        if f.name not in ("loc", "text", "body"):
            parts.append(shape(getattr(value, f.name)))
    if isinstance(value, Tuple | Keywords):
        parts.append(" ".join(value.text.split()))
    if isinstance(value, Function) and value.body is not None:
        parts.append(" ".join(text_of(value.body).split()))
    return tuple(parts)


def render_name(value: Value | None) -> str | None:
    """A registered name as docgen shows it: module, ``:atom`` or source text."""
    if isinstance(value, Mod):
        return value.name
    if isinstance(value, Atom):
        return f":{value.name}"
    if isinstance(value, Tuple):
        return value.text
    if isinstance(value, Literal):
        return value.text
    return None


def render_atom(value: Value | None) -> str | None:
    """An atom option such as a strategy, without its colon."""
    if isinstance(value, Atom):
        return value.name
    return None


def flatten(value: Value, conditional: bool = False, repeated: str = "") -> tuple[Item, ...]:
    """The items a value contributes to a children list, nested lists flattened.

    ``nil`` contributes nothing (it is what ``Enum.reject(&is_nil/1)`` drops);
    an item of :class:`Branches` is conditional unless every alternative has it.
    """
    if isinstance(value, Nil):
        return ()
    if isinstance(value, Atom) and value.name == "false":
        return ()
    if isinstance(value, ListOf):
        out: list[Item] = []
        for item in value.items:
            inner = flatten(item.value, conditional or item.conditional, repeated or item.repeated)
            if item.when:
                inner = tuple(
                    Item(i.value, i.conditional, i.repeated, i.when or item.when) for i in inner
                )
            out.extend(inner)
        return tuple(out)
    if isinstance(value, Keywords) and not value.pairs:
        return ()
    if isinstance(value, Branches):
        per_option = [
            [(shape(i.value), i) for i in flatten(option, conditional, repeated)]
            for option in value.options
        ]
        seen: dict[object, Item] = {}
        labels = value.labels
        for n, items in enumerate(per_option):
            for key, item in items:
                if key in seen:
                    continue
                everywhere = all(any(key == k for k, _ in other) for other in per_option)
                when = item.when
                if not everywhere and n < len(labels):
                    takers = [
                        labels[m]
                        for m, other in enumerate(per_option)
                        if m < len(labels) and any(key == k for k, _ in other)
                    ]
                    when = "; ".join(x for x in (" or ".join(takers), item.when) if x)
                seen[key] = Item(
                    item.value, item.conditional or not everywhere, item.repeated, when
                )
        return tuple(seen.values())
    if isinstance(value, Repeated):
        return flatten(value.body, conditional, repeated or value.how)
    return (Item(value, conditional, repeated),)
