"""Parsing Elixir files with tree-sitter, cached by content, errors kept as data.

Everything the analyser reads goes through :func:`parse_source`, so this is the
one place that knows tree-sitter rows are 0-based (:func:`line_of`) and the one
place that decides what a broken file still offers: when a file has syntax
errors, each top-level ``defmodule`` chunk is re-parsed on its own so one broken
module does not swallow its neighbours. Parsed trees are cached by the SHA-256 of
the file's bytes; a repeat analysis of an unchanged tree parses nothing. The same
cache remembers what later stages derive from parsed files (:meth:`ParseCache.memo`),
under keys that carry the content hashes of their inputs. The small node helpers
at the end are shared by the index and the evaluator.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar, cast

import tree_sitter
import tree_sitter_elixir

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.textfile import bad_utf8

if TYPE_CHECKING:  # the index is built from parsed files; only its type is named here
    from docgen.elixir.index import ModuleInfo

Node = tree_sitter.Node
T = TypeVar("T")

SYNTAX_ERROR = "DG101"

_LANGUAGE = tree_sitter.Language(tree_sitter_elixir.language())
_TOP_LEVEL_MODULE = re.compile(rb"^defmodule\b", re.MULTILINE)
_OPENERS = {"(": ")", "[": "]", "{": "}", "do": "end", "fn": "end", "<<": ">>", "%{": "}"}
_CLOSERS = frozenset(_OPENERS.values())


def kinds(*names: str) -> frozenset[int]:
    """Every node kind id spelled ``names``: ``node.kind_id in kinds("call")`` is
    ``node.type == "call"``, without building the type's string on each test.

    A grammar may give one spelling several ids (aliases, named and anonymous
    ``nil``), so this is a set, never a single id.
    """
    return kinds_where(names.__contains__)


def kinds_where(test: Callable[[str], bool]) -> frozenset[int]:
    """Every node kind id whose spelling passes ``test`` (see :func:`kinds`)."""
    count = _LANGUAGE.node_kind_count
    return frozenset(i for i in range(count) if test(_LANGUAGE.node_kind_for_id(i) or ""))


def field_id(name: str) -> int:
    """The id of a field of the Elixir grammar, for ``Node.child_by_field_id``."""
    found = _LANGUAGE.field_id_for_name(name)
    if found is None:
        raise ValueError(f"the Elixir grammar has no field {name!r}")
    return found


# Node kinds and fields by id, for the hot paths here, in the index and the
# evaluator, which test one or two of them per node they visit.
_COMMENT = kinds("comment")
CALL = kinds("call")
DOT = kinds("dot")
ALIAS = kinds("alias")
ATOM = kinds("atom")
IDENTIFIER = kinds("identifier")
KEYWORDS = kinds("keywords")
BINARY = kinds("binary_operator")
UNARY = kinds("unary_operator")
LEFT = field_id("left")
RIGHT = field_id("right")
TARGET = field_id("target")
KEY = field_id("key")
VALUE = field_id("value")
OPERATOR = field_id("operator")
OPERAND = field_id("operand")


def line_of(node: Node) -> int:
    """The 1-based line a node starts on (tree-sitter counts rows from 0)."""
    return node.start_point.row + 1


def text_of(node: Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def named_children(node: Node) -> list[Node]:
    """Named children without comments, which may sit anywhere in a body."""
    # Called for nearly every node the analysis visits: compare ids, not type names.
    return [c for c in node.named_children if c.kind_id not in _COMMENT]


@dataclass(frozen=True, slots=True)
class Parsed:
    """The trees for one source text, the line of its first syntax error, its hash."""

    roots: tuple[Node, ...]
    error_line: int | None
    digest: str


@dataclass(frozen=True, slots=True)
class ParsedFile:
    """One parsed file: its root-relative POSIX path, trees and diagnostics.

    ``digest`` is the SHA-256 of the file's bytes (``None`` when it could not be
    read); results derived from the file are cached under it.
    """

    path: str
    roots: tuple[Node, ...]
    diagnostics: tuple[Diagnostic, ...]
    digest: str | None = None
    modules: tuple[ModuleInfo, ...] | None = None
    """The file's modules when a worker process parsed and indexed it (``roots``
    is then empty): :class:`~docgen.elixir.index.ModuleInfo` whose function and
    attribute statements are re-parsed one by one when asked for."""


Span = tuple[int, int, int, int, int, int]
"""A statement's place in its file: start and end byte, start row and column,
end row and column (tree-sitter's 0-based rows)."""


def span_of(node: Node) -> Span:
    start, end = node.start_point, node.end_point
    return (node.start_byte, node.end_byte, start.row, start.column, end.row, end.column)


class ParseCache:
    """Trees keyed by content hash, plus what was derived from them.

    ``parses`` counts real tree-sitter runs and ``hits`` cache answers, so tests
    (and curious users) can check that unchanged files are not parsed again.
    :meth:`memo` keeps derived results (a file's modules, an umbrella's trees);
    :meth:`known_file` answers for files whose ``stat`` has not changed. Each
    store drops its least recently used entries beyond its limit: ``limit``
    trees and files, and twice as many derived results (about two per file).
    """

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self.parses = 0
        self.hits = 0
        self._entries: OrderedDict[str, Parsed] = OrderedDict()
        self._memo: OrderedDict[Hashable, object] = OrderedDict()
        self._files: OrderedDict[tuple[str, str], tuple[Hashable, ParsedFile]] = OrderedDict()
        self._parser = tree_sitter.Parser(_LANGUAGE)
        self._snippet_parser = tree_sitter.Parser(_LANGUAGE)
        self.snippets = 0
        """Statements parsed on their own (see :meth:`snippet`), not counted in ``parses``."""

    def has_tree(self, digest: str) -> bool:
        return digest in self._entries

    def get(self, source: bytes, digest: str | None = None) -> Parsed:
        key = digest or hashlib.sha256(source).hexdigest()
        found = self._entries.get(key)
        if found is not None:
            self.hits += 1
            self._entries.move_to_end(key)
            return found
        self.parses += 1
        parsed = _parse(self._parser, source, key)
        self._entries[key] = parsed
        while len(self._entries) > self.limit:
            self._entries.popitem(last=False)
        return parsed

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, or what it returned before for ``key``.

        ``key`` must name everything the result depends on: a kind, paths, and the
        content hashes of the files it was computed from.
        """
        if key in self._memo:
            self._memo.move_to_end(key)
            # The key names the kind of result, so it holds what compute() returns.
            return cast(T, self._memo[key])
        value = compute()
        self._memo[key] = value
        while len(self._memo) > 2 * self.limit:
            self._memo.popitem(last=False)
        return value

    def recall(self, key: Hashable) -> object | None:
        """What :meth:`memo` keeps for ``key``, without computing it."""
        if key not in self._memo:
            return None
        self._memo.move_to_end(key)
        return self._memo[key]

    def snippet(self, source: bytes, digest: str, span: Span) -> Node | None:
        """The statement at ``span`` of ``source``, parsed on its own.

        Only that byte range is parsed (tree-sitter's included ranges), so nodes
        keep their places in the file. Remembered by digest and span.
        """

        def parse() -> Node | None:
            start, end, row, column, end_row, end_column = span
            self.snippets += 1
            parser = self._snippet_parser
            parser.included_ranges = [
                tree_sitter.Range((row, column), (end_row, end_column), start, end)
            ]
            root = parser.parse(source).root_node
            found = [c for c in root.named_children if c.kind_id not in _COMMENT]
            return found[0] if found else None

        return self.memo(("snippet", digest, span), parse)

    def known_file(self, path: str, rel: str, signature: Hashable) -> ParsedFile | None:
        """The file read from ``path`` as ``rel``, if its ``stat`` signature is the same."""
        found = self._files.get((path, rel))
        if found is None or found[0] != signature:
            return None
        self.hits += 1
        self._files.move_to_end((path, rel))
        return found[1]

    def remember_file(self, path: str, rel: str, signature: Hashable, parsed: ParsedFile) -> None:
        """Answer :meth:`known_file` with ``parsed`` while ``path`` keeps ``signature``."""
        self._files[(path, rel)] = (signature, parsed)
        self._files.move_to_end((path, rel))
        while len(self._files) > self.limit:
            self._files.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()
        self._memo.clear()
        self._files.clear()
        self.parses = 0
        self.hits = 0
        self.snippets = 0


DEFAULT_CACHE = ParseCache()


def parse_source(
    path: str, source: bytes, cache: ParseCache | None = None, digest: str | None = None
) -> ParsedFile:
    """Parse ``source`` (read from ``path``) through ``cache``; errors become DG101."""
    parsed = (cache or DEFAULT_CACHE).get(source, digest)
    diagnostics: tuple[Diagnostic, ...] = ()
    if parsed.error_line is not None:
        diagnostics = (
            Diagnostic(
                SYNTAX_ERROR,
                Severity.ERROR,
                Location(path, parsed.error_line),
                "syntax error; the rest of the file is still analysed",
                "fix the Elixir syntax (try `mix compile` or `mix format` on the file)",
            ),
        )
    bad = bad_utf8(source, path)  # parsed as bytes all the same; names read with U+FFFD
    if bad is not None:
        diagnostics = (bad, *diagnostics)
    return ParsedFile(path, parsed.roots, diagnostics, parsed.digest)


def _parse(parser: tree_sitter.Parser, source: bytes, digest: str) -> Parsed:
    tree = parser.parse(source)
    if not tree.root_node.has_error:
        return Parsed((tree.root_node,), None, digest)
    error_line = first_error_line(tree.root_node)
    starts = [m.start() for m in _TOP_LEVEL_MODULE.finditer(source)]
    if len(starts) < 2:
        return Parsed((tree.root_node,), error_line, digest)
    bounds = [0, *starts[1:], len(source)]
    roots: list[Node] = []
    for begin, end in itertools.pairwise(bounds):
        padding = b"\n" * source.count(b"\n", 0, begin)
        roots.append(parser.parse(padding + source[begin:end]).root_node)
    broken = [first_error_line(r) for r in roots if r.has_error]
    return Parsed(tuple(roots), broken[0] if broken else error_line, digest)


def _error_nodes(root: Node) -> Iterator[Node]:
    """ERROR and missing nodes under ``root``, outer before inner (iterative: a file
    may nest deeper than Python's recursion limit)."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            yield node
        stack.extend(c for c in reversed(node.children) if c.has_error or c.is_missing)


def first_error_line(root: Node) -> int | None:
    """Best 1-based line for the first syntax error under ``root``."""
    for node in _error_nodes(root):
        if node.is_missing:
            return line_of(node)
        if not any(c.has_error for c in node.children):
            return _unbalanced_line(node) or line_of(node)
    return line_of(root) if root.has_error else None


def _leaves(root: Node) -> Iterator[Node]:
    """Tokens under ``root`` in source order (strings whole), iteratively."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.child_count == 0 or node.type in ("string", "charlist", "sigil"):
            yield node
        else:
            stack.extend(reversed(node.children))


def _unbalanced_line(node: Node) -> int | None:
    """Where brackets or ``do``/``end`` inside an ERROR node stop matching."""
    stack: list[Node] = []
    for leaf in _leaves(node):
        token = leaf.type
        if leaf.type in ("string", "charlist") and not text_of(leaf).rstrip().endswith(
            text_of(leaf)[:1]
        ):
            return line_of(leaf)
        if token in _OPENERS:
            stack.append(leaf)
        elif token in _CLOSERS:
            if not stack or _OPENERS[stack[-1].type] != token:
                return line_of(stack[-1]) if stack else line_of(leaf)
            stack.pop()
    return line_of(stack[-1]) if stack else None


def operator_of(node: Node) -> str:
    """The operator of a ``binary_operator`` node (``"++"``, ``"|>"``...).

    The operator token's node type is its spelling (``not  in`` normalised to
    ``not in``), which is cheaper to read than its source text.
    """
    operator = node.child_by_field_id(OPERATOR)
    return operator.type if operator is not None else ""


def short_text(node: Node) -> str:
    """Source text on one line, cut to 60 characters, for notes."""
    text = " ".join(text_of(node).split())
    return text if len(text) <= 60 else text[:57] + "..."


def pattern_variables(pattern: Node) -> Iterator[Node]:
    """Variables a pattern binds (not ``_x``, not pinned ``^x``), in source order."""
    stack = [pattern]
    while stack:
        node = stack.pop()
        kind = node.kind_id
        if kind in IDENTIFIER:
            if not text_of(node).startswith("_"):
                yield node
        elif not (kind in UNARY and (node.text or b"").startswith(b"^")):
            stack.extend(reversed(named_children(node)))


def remote_calls(node: Node, names: Iterable[bytes]) -> list[tuple[Node, Node | None]]:
    """Calls under ``node`` (itself included) of a function spelled one of ``names``
    after a dot (``Mod.name(...)``, ``:mod.name ...``), with the piped-in left operand
    when piped (``x |> Mod.name()``).

    Calls come in source order, outer before inner. They are found from the
    source bytes: each place a name is written is looked up in the tree, which
    costs far less than visiting every node of a long body to find a few calls.
    """
    text = node.text or b""
    base, limit = node.start_byte, node.end_byte
    found: list[tuple[int, int, Node, Node | None]] = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            start, end = base + at, base + at + len(name)
            call = _call_of_name(node.descendant_for_byte_range(start, end), start, end)
            if call is not None and _within(call, node, base, limit):
                found.append((call.start_byte, -call.end_byte, call, _piped_into(call)))
            at = text.find(name, at + 1)
    found.sort(key=lambda entry: entry[:2])
    return [(call, piped) for _, _, call, piped in found]


def _call_of_name(ident: Node | None, start: int, end: int) -> Node | None:
    """The call whose ``target`` is ``left.ident``, when ``ident`` spans exactly ``start:end``."""
    if ident is None or ident.kind_id not in IDENTIFIER:
        return None
    if ident.start_byte != start or ident.end_byte != end:
        return None
    dot = ident.parent
    if dot is None or dot.kind_id not in DOT or dot.child_by_field_id(RIGHT) != ident:
        return None
    call = dot.parent
    if call is None or call.kind_id not in CALL or call.child_by_field_id(TARGET) != dot:
        return None
    return call


def _within(inner: Node, outer: Node, start: int, end: int) -> bool:
    """Whether ``inner`` is ``outer`` or below it (``start:end`` is ``outer``'s span)."""
    node: Node | None = inner
    while node is not None and start <= node.start_byte and node.end_byte <= end:
        if node == outer:
            return True
        node = node.parent
    return False


def _piped_into(call: Node) -> Node | None:
    """The left operand of ``left |> call``, if ``call`` is piped into."""
    parent = call.parent
    if parent is None or parent.kind_id not in BINARY or operator_of(parent) != "|>":
        return None
    if parent.child_by_field_id(RIGHT) != call:
        return None
    return parent.child_by_field_id(LEFT)
