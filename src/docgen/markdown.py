"""Markdown block structure for docgen, from markdown-it.

docgen only needs the block skeleton of a page (headings, list items, paragraphs,
code, quotes) with exact lines, plus the inline parts of short fragments. This
module gives the skeleton as a flat *outline* (:class:`Entry` rows in document
order), built by one of two markdown-it engines:

* **markdown-it-pyrs** (the Rust port of markdown-it) when it is installed: about
  1.6 ms for a 12 kB plan, which is what lets 500 plans parse in under a second;
* **markdown-it-py** otherwise (e.g. a Python without pyrs wheels): the same
  CommonMark parse, about ten times slower.

Both are CommonMark parsers of the same design; tests run the same documents
through both and require identical trees. Lines are 1-based and converted here
only.

markdown-it-pyrs 0.4 (markdown-it 0.6 in Rust) panics on some inline input, such
as an unclosed ``[`` before a lone backtick (``a [ b ` c``). A document that can
trigger it (a backtick run with no partner of its length, and a ``[``) goes to
markdown-it-py directly; any other panic of the Rust engine is caught
(:func:`_panicked`) and that one document is parsed again by markdown-it-py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal, NamedTuple

from markdown_it import MarkdownIt as PyMarkdownIt

from docgen.plans.status import DECLARING, DECLARING_WORDS

try:  # which engine is installed is a property of the machine
    import markdown_it_pyrs as _pyrs
except ImportError:  # pragma: no cover
    _pyrs = None  # type: ignore[assignment]

Engine = Literal["pyrs", "py"]
ENGINE: Engine = "pyrs" if _pyrs is not None else "py"

_NEWLINE = re.compile(b"\n")
_MARKUP = re.compile(r"[`*_\[\]<>&\\!]")
_LIST_KINDS = ("bullet_list", "ordered_list")


class Entry(NamedTuple):
    """One block of the outline, in document order.

    ``kind`` is ``heading``, ``list``, ``item`` (a list item; ``raw`` is its leading
    text), ``paragraph``, ``quote``, ``code`` or ``block`` (hr, html…). ``depth``
    counts the lists around the entry (0: a top-level list's items). ``top`` is
    true for direct children of the document. Nothing inside a quote or a code
    block is listed: such text is quoted or shown, never a claim of the page.
    """

    kind: str
    line: int
    raw: str
    level: int
    depth: int
    top: bool


@dataclass(frozen=True, slots=True)
class InlineParts:
    """A fragment's inline code spans, local link targets and remaining prose."""

    code: tuple[str, ...]
    links: tuple[str, ...]
    prose: str


def outline(text: str, first_line: int = 1, engine: Engine | None = None) -> list[Entry]:
    """The outline of ``text``; ``first_line`` is the file line of its first line."""
    if (engine or ENGINE) == "pyrs":
        try:
            return _outline_pyrs(text, first_line)
        except BaseException as error:  # a Rust panic is a BaseException
            if not panicked(error):
                raise
    return _outline_py(text, first_line)


_TICKS = re.compile("`+")


def pyrs_inline_unsafe(text: str) -> bool:
    """Whether markdown-it-pyrs's inline parse may panic on ``text``: a ``[`` and a
    backtick run whose length occurs an odd number of times (one has no partner)."""
    if "`" not in text or "[" not in text:
        return False
    runs: dict[int, int] = {}
    for run in _TICKS.findall(text):
        runs[len(run)] = runs.get(len(run), 0) + 1
    return any(n % 2 for n in runs.values())


def panicked(error: BaseException) -> bool:
    """Whether ``error`` is a panic inside a Rust extension (pyo3's PanicException)."""
    return type(error).__name__ == "PanicException"


def inline_parts(text: str, engine: Engine | None = None) -> InlineParts:
    """Code spans, link targets and prose of a Markdown fragment (all its lines)."""
    return _parts(_inline_nodes(text, engine or ENGINE, 1, fragment=True))


def inline_parts_by_line(
    text: str, first_line: int = 1, engine: Engine | None = None
) -> dict[int, InlineParts]:
    """The inline parts of every line of a document, from one parse of it."""
    by_line: dict[int, list[tuple[int, str, str]]] = {}
    for node in _inline_nodes(text, engine or ENGINE, first_line):
        by_line.setdefault(node[0], []).append(node)
    return {line: _parts(nodes) for line, nodes in by_line.items()}


def _parts(nodes: Iterable[tuple[int, str, str]]) -> InlineParts:
    code: list[str] = []
    links: list[str] = []
    prose: list[str] = []
    for _, kind, content in nodes:
        if kind == "code_inline":
            code.append(content.strip())
        elif kind == "link":
            links.append(content)
        elif kind == "text" and content:
            prose.append(content)
    return InlineParts(tuple(code), tuple(links), " ".join(prose))


def plain_text(raw: str, engine: Engine | None = None) -> str:
    """A heading's text with inline markup dropped (code spans keep their text)."""
    if not _MARKUP.search(raw):
        return raw.strip()
    nodes = _inline_nodes(raw, engine or ENGINE, 1, fragment=True)
    parts = [c for _, kind, c in nodes if kind in ("text", "code")]
    return "".join(parts).strip() or raw.strip()


# --------------------------------------------------------------------- pyrs engine
# Block rules only: inline content stays one text node per paragraph, which is all
# the block tree needs and several times faster to hand over from Rust.
_BLOCK_RULES = [
    "blockquote",
    "code",
    "fence",
    "heading",
    "hr",
    "lheading",
    "list",
    "paragraph",
    "reference",
    "html_block",
]


@cache
def _rs() -> Any:
    return _pyrs.MarkdownIt("commonmark")


@cache
def _rs_fragments() -> Any:
    rules = [
        "paragraph",
        "backticks",
        "emphasis",
        "entity",
        "escape",
        "image",
        "link",
        "autolink",
        "html_inline",
        "newline",
    ]
    return _pyrs.MarkdownIt("zero").enable_many(rules)  # type: ignore[arg-type]


@cache
def _rs_blocks() -> Any:
    return _pyrs.MarkdownIt("zero").enable_many(_BLOCK_RULES)  # type: ignore[arg-type]


def _outline_pyrs(text: str, first_line: int) -> list[Entry]:
    # Hot path of every plan parse: one pass over the pre-order walk, containers
    # tracked by their end offsets. A heading or list item is emitted when its
    # leading text arrives (the next node), so no entry is ever rewritten.
    # Node starts never decrease in a pre-order walk, so lines are counted forward.
    text = commonmark_text(text)
    data = text.encode("utf-8")
    count = data.count
    seen, line_at_seen = 0, first_line
    entries: list[Entry] = []
    ends: list[int] = []
    list_ends: list[int] = []
    pending: tuple[str, int, int, int, bool] | None = None  # kind, line, level, depth, top
    hidden_until = -1
    for node in _rs_blocks().tree(text).walk(include_self=False):
        name = node.name
        if name == "definition":
            continue  # a link reference definition: markdown-it-py has no token for it
        span = node.srcmap
        if span is None:
            continue
        start = span[0]
        while ends and start >= ends[-1]:
            ends.pop()
        while list_ends and start >= list_ends[-1]:
            list_ends.pop()
        if start < hidden_until:
            continue
        if pending is not None:
            kind, line, level, depth, top = pending
            pending = None
            if name == "text" or (name == "paragraph" and kind == "item"):
                entries.append(Entry(kind, line, _raw(data, start, span[1]), level, depth, top))
                if name == "paragraph":
                    ends.append(span[1])
                    hidden_until = span[1]
                continue
            entries.append(Entry(kind, line, "", level, depth, top))
        line_at_seen += count(b"\n", seen, start)
        seen = start
        line = line_at_seen
        top = not ends
        depth = len(list_ends) - 1 if list_ends else 0
        ends.append(span[1])
        if name == "text":
            # A tight list item's paragraph after its first block: markdown-it-py
            # keeps a (hidden) paragraph for it, pyrs only its text.
            entries.append(Entry("paragraph", line, _raw(data, start, span[1]), 0, depth, top))
            ends.pop()
        elif name in _LISTS:
            entries.append(Entry("list", line, "", 0, len(list_ends), top))
            list_ends.append(span[1])
        elif name == "list_item" or name in _HEADINGS:
            level = int(node.meta.get("level", 0)) if name != "list_item" else 0
            pending = ("item" if name == "list_item" else "heading", line, level, depth, top)
        elif name == "paragraph":
            entries.append(Entry("paragraph", line, _raw(data, start, span[1]), 0, depth, top))
            hidden_until = span[1]
        else:
            kind = _KINDS.get(name, "block")
            entries.append(Entry(kind, line, "", 0, depth, top))
            if name in _HIDING:
                hidden_until = span[1]
    if pending is not None:
        kind, line, level, depth, top = pending
        entries.append(Entry(kind, line, "", level, depth, top))
    return entries


# ------------------------------------------------------------------ task outline
# What plan parsing reads of a document, in document order: ``("heading", line,
# level, raw)`` for each top-level heading, ``("block",)`` for each other
# top-level block, ``("item", line, raw, depth)`` for a list item and
# ``("paragraph", line, raw)`` for a paragraph holding a ``[`` or a word that may
# declare a plan's state ("complete", "status"…). A one-line item
# that starts with a well-formed box (``[ ]``, ``[x]``, ``[X]`` and a space) is
# given instead as ``item(text, checked, line, depth)``, built by the caller's
# type, as the task item it certainly is.
TaskRow = tuple[Any, ...]

_BOXES = {b"[ ] ": False, b"[x] ": True, b"[X] ": True}
_BOXES.update({box[:3] + b"\t": checked for box, checked in list(_BOXES.items())})


def task_outline(
    text: str,
    first_line: int = 1,
    engine: Engine | None = None,
    item: Callable[[str, bool, int, int], TaskRow] = lambda *row: row,
) -> list[TaskRow]:
    """The rows plan parsing needs (see above), from one parse of ``text``."""
    if (engine or ENGINE) == "pyrs":
        try:
            return _task_outline_pyrs(text, first_line, item)
        except BaseException as error:  # a Rust panic is a BaseException
            if not panicked(error):
                raise
    rows: list[TaskRow] = []
    for entry in outline(text, first_line, engine):
        if entry.kind == "heading":
            if entry.top:
                rows.append(("heading", entry.line, entry.level, entry.raw))
            continue
        if entry.top:
            rows.append(_BLOCK)
        if entry.kind == "item":
            rows.append(("item", entry.line, entry.raw, entry.depth))
        elif entry.kind == "paragraph" and ("[" in entry.raw or DECLARING.search(entry.raw)):
            rows.append(("paragraph", entry.line, entry.raw))
    return rows


_BLOCK: TaskRow = ("block",)
_DECLARING_BYTES = re.compile(DECLARING_WORDS.encode(), re.I)  # DECLARING, on UTF-8


def commonmark_text(text: str) -> str:
    """``text`` as CommonMark reads it: U+0000 becomes U+FFFD and a CR or CRLF line
    end becomes LF (markdown-it-py does this itself; markdown-it-pyrs does not, and
    docgen counts lines by LF, so the pyrs paths call this first)."""
    if "\x00" in text:
        text = text.replace("\x00", "\ufffd")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _task_outline_pyrs(
    text: str, first_line: int, item: Callable[[str, bool, int, int], TaskRow]
) -> list[TaskRow]:
    # The walk of :func:`_outline_pyrs`, fused with what plans need so that the
    # hundred thousand items of a large repository cost one step each.
    text = commonmark_text(text)
    data = text.encode("utf-8")
    count = data.count
    find = data.find
    seen, line_at_seen = 0, first_line
    rows: list[TaskRow] = []
    ends: list[int] = []
    list_ends: list[int] = []
    pending: tuple[str, int, int, bool] | None = None  # kind, line, level or depth, top
    hidden_until = -1
    for node in _rs_blocks().tree(text).walk(include_self=False):
        name = node.name
        if name == "definition":
            continue
        span = node.srcmap
        if span is None:
            continue
        start, end = span
        if start < hidden_until:
            continue
        if name != "text":  # text never opens a container: its nesting is not needed
            while ends and start >= ends[-1]:
                ends.pop()
            while list_ends and start >= list_ends[-1]:
                list_ends.pop()
        if pending is not None:
            kind, line, number, top = pending
            pending = None
            if name == "text" or (name == "paragraph" and kind == "item"):
                if name == "paragraph":
                    ends.append(end)
                    hidden_until = end
                if kind == "heading":
                    if top:
                        rows.append(("heading", line, number, _raw(data, start, end)))
                    continue
                checked = _BOXES.get(data[start : start + 4])
                if checked is not None and find(b"\n", start, end) < 0:
                    rows.append(item(data[start + 4 : end].decode().strip(), checked, line, number))
                else:
                    rows.append(("item", line, _raw(data, start, end), number))
                continue
            if kind == "heading":
                if top:
                    rows.append(("heading", line, number, ""))
            else:
                rows.append(("item", line, "", number))
        if name == "text":  # a tight list item's later paragraph (see _outline_pyrs)
            if find(b"[", start, end) >= 0:
                line_at_seen += count(b"\n", seen, start)
                seen = start
                rows.append(("paragraph", line_at_seen, _raw(data, start, end)))
            continue
        line_at_seen += count(b"\n", seen, start)
        seen = start
        top = not ends
        ends.append(end)
        if name == "list_item":
            pending = ("item", line_at_seen, len(list_ends) - 1, top)
            continue
        if name in _HEADINGS:
            pending = ("heading", line_at_seen, int(node.meta.get("level", 0)), top)
            continue
        if top:
            rows.append(_BLOCK)
        if name in _LISTS:
            list_ends.append(end)
        elif name == "paragraph":
            hidden_until = end
            if find(b"[", start, end) >= 0 or _DECLARING_BYTES.search(data, start, end):
                rows.append(("paragraph", line_at_seen, _raw(data, start, end)))
        elif name in _HIDING:
            hidden_until = end
    if pending is not None:
        kind, line, number, top = pending
        if kind == "heading":
            if top:
                rows.append(("heading", line, number, ""))
        else:
            rows.append(("item", line, "", number))
    return rows


_HEADINGS = frozenset({"heading", "lheading"})
_LISTS = frozenset({"bullet_list", "ordered_list"})
_HIDING = frozenset({"blockquote", "fence", "code_block", "html_block"})
_KINDS = {
    "heading": "heading",
    "lheading": "heading",
    "paragraph": "paragraph",
    "list_item": "item",
    "bullet_list": "list",
    "ordered_list": "list",
    "blockquote": "quote",
    "fence": "code",
    "code_block": "code",
}


def _raw(data: bytes, start: int, end: int) -> str:
    chunk = data[start:end].decode("utf-8", errors="replace")
    return _tidy(chunk) if "\n" in chunk.rstrip("\n") else chunk.strip()


def _rs_inline(text: str, first_line: int, fragment: bool) -> Iterator[tuple[int, str, str]]:
    text = commonmark_text(text)
    data = text.encode("utf-8")
    starts = [0, *(m.end() for m in _NEWLINE.finditer(data))]
    base = first_line - 1
    inside_code = -1
    parser = _rs_fragments() if fragment else _rs()
    # Escapes and entities are `text_special` nodes between text nodes: joined
    # with the text they touch, as markdown-it-py's `text_join` rule does.
    joined: list[str] = []
    joined_line, joined_end = 0, -1
    for node in parser.tree(text).walk():
        span = node.srcmap
        if span is None or span[0] < inside_code:
            continue
        name = node.name
        if name == "image":  # its alt text is not text of the line (as in markdown-it-py)
            inside_code = span[1]
            continue
        if name not in _INLINE:
            continue
        if name == "text" or name == "text_special":
            content = str(node.meta.get("content", ""))
            if joined and span[0] == joined_end:
                joined.append(content)
            else:
                if joined:
                    yield joined_line, "text", "".join(joined)
                joined = [content]
                joined_line = bisect.bisect_right(starts, span[0]) + base
            joined_end = span[1]
            continue
        if joined:
            yield joined_line, "text", "".join(joined)
            joined = []
        line = bisect.bisect_right(starts, span[0]) + base
        if name == "code_inline":
            content = "".join(str(c.meta.get("content", "")) for c in node.children)
            inside_code = span[1]
            yield line, "code_inline", content
            yield line, "code", content
        else:
            yield line, "link", str(node.meta.get("url", ""))
    if joined:
        yield joined_line, "text", "".join(joined)


_INLINE = frozenset({"text", "text_special", "code_inline", "link", "autolink"})


# ---------------------------------------------------------------------- py engine
@cache
def _py() -> PyMarkdownIt:
    return PyMarkdownIt("commonmark")


@cache
def _py_blocks() -> PyMarkdownIt:
    return PyMarkdownIt("commonmark").disable("inline")


def _outline_py(text: str, first_line: int) -> list[Entry]:
    entries: list[Entry] = []
    open_: list[tuple[str, int]] = []  # (token type, index of its entry)
    lists = 0
    hidden = 0
    for token in _py_blocks().parse(text):
        line = (token.map[0] if token.map else 0) + first_line
        kind = token.type
        if hidden:
            hidden += (
                token.nesting if kind == "blockquote_open" or kind == "blockquote_close" else 0
            )
            continue
        top = not open_
        if kind in ("bullet_list_open", "ordered_list_open"):
            entries.append(Entry("list", line, "", 0, lists, top))
            lists += 1
            open_.append((kind, -1))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
            open_.pop()
        elif kind == "blockquote_open":
            entries.append(Entry("quote", line, "", 0, max(lists - 1, 0), top))
            hidden = 1
        elif kind in ("fence", "code_block", "html_block", "hr"):
            code = kind in ("fence", "code_block")
            entries.append(Entry("code" if code else "block", line, "", 0, max(lists - 1, 0), top))
        elif kind in ("heading_open", "list_item_open", "paragraph_open", "table_open"):
            name = kind.removesuffix("_open")
            if (
                name == "paragraph"
                and open_
                and open_[-1][0] == "list_item_open"
                and open_[-1][1] == len(entries) - 1
                and not entries[-1].raw
            ):
                open_.append((kind, open_[-1][1]))
                continue
            level = int(token.tag[1]) if name == "heading" else 0
            entry_kind = {"list_item": "item", "table": "block"}.get(name, name)
            entries.append(Entry(entry_kind, line, "", level, max(lists - 1, 0), top))
            open_.append((kind, len(entries) - 1))
        elif token.nesting == -1:
            open_.pop()
        elif kind == "inline" and open_:
            index = open_[-1][1]
            if index >= 0 and not entries[index].raw:
                entries[index] = entries[index]._replace(raw=_tidy(token.content))
    return entries


def _py_inline(text: str, first_line: int, fragment: bool) -> Iterator[tuple[int, str, str]]:
    tokens = _py().parseInline(text) if fragment else _py().parse(text)
    for token in tokens:
        if token.type != "inline":
            continue
        line = (token.map[0] if token.map else 0) + first_line
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "text":
                yield line, "text", child.content
            elif child.type == "code_inline":
                yield line, "code_inline", child.content
                yield line, "code", child.content
            elif child.type == "link_open":
                yield line, "link", str(child.attrGet("href") or "")


def _tidy(raw: str) -> str:
    # Continuation lines: the engines differ on keeping their indentation.
    return "\n".join(line.strip() for line in raw.strip("\n").split("\n"))


def _inline_nodes(
    text: str, engine: Engine, first_line: int, fragment: bool = False
) -> Iterator[tuple[int, str, str]]:
    """(line, kind, content) of every text, code span and link, in document order.

    A ``fragment`` (an item's or heading's text) is read as inline content only,
    so ``2. Setup`` stays text instead of becoming a list.
    """
    if engine == "pyrs" and not pyrs_inline_unsafe(text):
        try:
            return iter(list(_rs_inline(text, first_line, fragment)))
        except BaseException as error:  # a Rust panic is a BaseException
            if not panicked(error):
                raise
    return _py_inline(text, first_line, fragment)


# ------------------------------------------------------------ code blocks and tables
class CodeBlock(NamedTuple):
    """A fenced or indented code block: ``line`` is its first line (the opening
    fence), ``first`` the file line of ``content``'s first line."""

    line: int
    first: int
    info: str
    content: str
    fenced: bool


class TableRow(NamedTuple):
    """One row of a pipe table (the header row too), cells as raw Markdown."""

    line: int
    cells: tuple[str, ...]
    header: bool


class Table(NamedTuple):
    """A pipe table (GFM), header row first; the delimiter row is not a row."""

    line: int
    rows: tuple[TableRow, ...]


class PageBlocks(NamedTuple):
    code: tuple[CodeBlock, ...]
    tables: tuple[Table, ...]


def code_and_tables(text: str, first_line: int = 1, engine: Engine | None = None) -> PageBlocks:
    """Every code block and pipe table of a document, from one parse.

    As in :func:`outline`, nothing inside a quote is listed. Table cells are split
    from the source lines here (``\\|`` stays escaped, cells are stripped), so both
    engines give the same cells; the engines only say where code and tables are.
    """
    lines = text.split("\n")
    code: list[CodeBlock] = []
    rows: list[tuple[int, int, bool]] = []  # (table index, 0-based line, header)
    starts: list[int] = []
    done = False
    if (engine or ENGINE) == "pyrs":
        try:
            _blocks_pyrs(text, code, rows, starts)
            done = True
        except BaseException as error:  # a Rust panic is a BaseException
            if not panicked(error):
                raise
            code.clear()
            rows.clear()
            starts.clear()
    if not done:
        _blocks_py(text, code, rows, starts)
    shift = first_line - 1
    tables: list[list[TableRow]] = [[] for _ in starts]
    for index, line, header in rows:
        tables[index].append(TableRow(line + first_line, _cells(lines[line]), header))
    return PageBlocks(
        tuple(b._replace(line=b.line + shift, first=b.first + shift) for b in code),
        tuple(Table(start + first_line, tuple(t)) for start, t in zip(starts, tables, strict=True)),
    )


_TABLE_RULES: Any = [*_BLOCK_RULES, "table"]


@cache
def _rs_tables() -> Any:
    return _pyrs.MarkdownIt("zero").enable_many(_TABLE_RULES)


def _blocks_pyrs(
    text: str, code: list[CodeBlock], rows: list[tuple[int, int, bool]], starts: list[int]
) -> None:
    text = commonmark_text(text)
    data = text.encode("utf-8")
    line_of = [0, *(m.end() for m in _NEWLINE.finditer(data))]
    quoted_until = -1
    header = False
    for node in _rs_tables().tree(text).walk(include_self=False):
        span = node.srcmap
        if span is None or span[0] < quoted_until:
            continue
        name = node.name
        line = bisect.bisect_right(line_of, span[0])  # 1-based
        if name == "blockquote":
            quoted_until = span[1]
        elif name in ("fence", "code_block"):
            fenced = name == "fence"
            info = str(node.meta.get("info", "")) if fenced else ""
            content = str(node.meta.get("content", ""))
            code.append(CodeBlock(line, line + fenced, info.strip(), content, fenced))
        elif name == "table":
            starts.append(line - 1)
        elif name in ("thead", "tbody"):
            header = name == "thead"
        elif name == "trow":
            rows.append((len(starts) - 1, line - 1, header))


@cache
def _py_tables() -> PyMarkdownIt:
    return PyMarkdownIt("commonmark").enable("table").disable("inline")


def _blocks_py(
    text: str, code: list[CodeBlock], rows: list[tuple[int, int, bool]], starts: list[int]
) -> None:
    quoted = 0
    header = False
    for token in _py_tables().parse(text):
        kind = token.type
        if kind in ("blockquote_open", "blockquote_close"):
            quoted += token.nesting
            continue
        if quoted or token.map is None:
            continue
        line = token.map[0] + 1
        if kind in ("fence", "code_block"):
            fenced = kind == "fence"
            info = token.info.strip() if fenced else ""
            code.append(CodeBlock(line, line + fenced, info, token.content, fenced))
        elif kind == "table_open":
            starts.append(line - 1)
        elif kind in ("thead_open", "tbody_open"):
            header = kind == "thead_open"
        elif kind == "tr_open":
            rows.append((len(starts) - 1, line - 1, header))


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(line: str) -> tuple[str, ...]:
    row = line.strip()
    row = row.removeprefix("|")
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    return tuple(cell.strip() for cell in _CELL_SPLIT.split(row))


__all__ = [
    "ENGINE",
    "CodeBlock",
    "Entry",
    "InlineParts",
    "PageBlocks",
    "Table",
    "TableRow",
    "code_and_tables",
    "inline_parts",
    "inline_parts_by_line",
    "outline",
    "plain_text",
]
