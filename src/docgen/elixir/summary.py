"""Files parsed by a worker process, as plain data the analysing process can use.

A cold analysis of a big umbrella spends most of its time in tree-sitter, and
trees cannot leave the process that parsed them. So with two cores a forked
worker parses part of the files and sends back, per file, its diagnostics and
a :class:`ModuleSummary` per module: what indexing reads (name, ``use`` lines,
``@behaviour``, aliases) plus where each ``def``/``defp`` and ``@attribute``
statement is. The analysing process rebuilds :class:`~docgen.elixir.index.ModuleInfo`
from that; when the evaluator asks for a function or an attribute, only that
statement is parsed (:meth:`~docgen.elixir.syntax.ParseCache.snippet`), which
is a few percent of the file. Most functions are never asked for.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

from docgen.diagnostics import Diagnostic, Location
from docgen.elixir.index import (
    Definition,
    ModuleInfo,
    _attribute,
    _Body,
    _definition,
    file_modules,
)
from docgen.elixir.syntax import Node, ParseCache, ParsedFile, Span, parse_source, span_of


@dataclass(frozen=True, slots=True)
class ModuleSummary:
    """A module as indexing sees it, with its statements' places instead of nodes."""

    name: str
    loc: Location
    uses: tuple[str, ...]
    behaviours: tuple[str, ...]
    aliases: tuple[tuple[str, str], ...]
    use_options: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    defs: tuple[tuple[str, bool, Span], ...]
    """``(function name, defp, span)`` of each ``def``/``defp`` statement, in order."""
    attributes: tuple[tuple[str, Span], ...]
    """``(attribute name, span)`` of each ``@name value`` statement, in order."""


@dataclass(frozen=True, slots=True)
class FileSummary:
    diagnostics: tuple[Diagnostic, ...]
    modules: tuple[ModuleSummary, ...]


def summarise_sources(items: Sequence[tuple[str, bytes]]) -> list[FileSummary]:
    """Parse and summarise ``(relative path, bytes)`` pairs (in a worker process)."""
    cache = ParseCache(limit=1)  # nothing here is asked for twice
    return [summarise(parse_source(rel, source, cache)) for rel, source in items]


def summarise(parsed: ParsedFile) -> FileSummary:
    return FileSummary(parsed.diagnostics, tuple(_summary(m) for m in file_modules(parsed)))


def _summary(info: ModuleInfo) -> ModuleSummary:
    body = info.body
    defs: list[tuple[str, bool, Span]] = []
    for statement, private in zip(body.def_nodes, body.def_private, strict=True):
        definition = _definition(statement)
        if definition is not None:
            defs.append((definition[0], private, span_of(statement)))
    attributes = [
        (attr[0], span_of(node))
        for node in body.attribute_nodes
        if (attr := _attribute(node)) is not None
    ]
    return ModuleSummary(
        info.name,
        info.loc,
        info.uses,
        info.behaviours,
        info.aliases,
        info.use_options,
        tuple(defs),
        tuple(attributes),
    )


def parsed_file(
    rel: str, source: bytes, digest: str, summary: FileSummary, cache: ParseCache
) -> ParsedFile:
    """The :class:`ParsedFile` of a file a worker summarised: no trees, its modules."""
    modules = tuple(
        ModuleInfo(
            m.name,
            m.loc,
            m.uses,
            m.behaviours,
            m.aliases,
            _SnippetBody(source, digest, m.defs, m.attributes, cache),
            m.use_options,
        )
        for m in summary.modules
    )
    return ParsedFile(rel, (), summary.diagnostics, digest, modules)


class _SnippetBody(_Body):
    """A module body whose statements are parsed one at a time, when asked for."""

    __slots__ = ("_cache", "_defs", "_digest", "_named", "_source")

    def __init__(
        self,
        source: bytes,
        digest: str,
        defs: tuple[tuple[str, bool, Span], ...],
        attributes: tuple[tuple[str, Span], ...],
        cache: ParseCache,
    ) -> None:
        super().__init__()
        self._source = source
        self._digest = digest
        self._defs = defs
        self._named = attributes
        # Weak: the cache holds this body (through its file), and a cycle would keep
        # a dropped cache's trees alive until the next full garbage collection.
        self._cache = weakref.ref(cache)

    def _node(self, span: Span) -> Node | None:
        cache = self._cache()
        if cache is None:  # the cache was dropped: parse without remembering
            cache = ParseCache(limit=1)
        return cache.snippet(self._source, self._digest, span)

    def attributes(self, name: str | None = None) -> tuple[tuple[str, Node], ...]:
        found: list[tuple[str, Node]] = []
        for attr, span in self._named:
            if name is not None and attr != name:
                continue
            node = self._node(span)
            pair = _attribute(node) if node is not None else None
            if pair is not None:
                found.append(pair)
        return tuple(found)

    def definitions(self, name: str | None = None) -> dict[str, tuple[Definition, ...]]:
        found: dict[str, list[Definition]] = {}
        for function, private, span in self._defs:
            if name is not None and function != name:
                continue
            statement = self._node(span)
            definition = _definition(statement) if statement is not None else None
            if statement is not None and definition is not None and definition[0] == function:
                found.setdefault(function, []).append((statement, definition[1], private))
        return {function: tuple(clauses) for function, clauses in found.items()}
