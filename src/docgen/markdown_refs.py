"""Every link, image, heading and id of a Markdown document, from ONE parse.

The link check needs, per page, the link targets (Markdown links and images,
autolinks, ``<a href>``/``<img src>`` in raw HTML) and the raw material of the
anchors (heading text, ``{#id}`` attribute lists, ``id``/``name`` in raw HTML),
each with a 1-based line and column. Both engines of :mod:`docgen.markdown` are
supported and must agree: markdown-it-pyrs gives byte offsets (converted here),
markdown-it-py gives no inline positions, so its inline rules are wrapped to
record where each link starts. Code spans and code blocks are never read.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from markdown_it import MarkdownIt as PyMarkdownIt
from markdown_it.rules_inline import StateInline

from docgen.markdown import ENGINE, Engine, commonmark_text, panicked, pyrs_inline_unsafe

try:  # which engine is installed is a property of the machine
    import markdown_it_pyrs as _pyrs
except ImportError:  # pragma: no cover
    _pyrs = None  # type: ignore[assignment]


class Ref(NamedTuple):
    """A link target: ``link`` (autolinks too), ``image``, ``html_link`` or ``html_image``."""

    kind: str
    url: str
    line: int
    column: int


class Heading(NamedTuple):
    """A heading's plain text (markup dropped, entities decoded, as ``toc`` sees it)."""

    level: int
    text: str
    line: int


class Anchor(NamedTuple):
    """An explicit id: ``html`` (raw HTML ``id``/``<a name>``) or ``attr`` (``{: #id}``).

    ``attr`` ids in prose carry line and column 0 (not tracked: nothing points at them).
    """

    kind: str
    id: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class DocumentRefs:
    """What one parse of a page yields, in document order."""

    links: tuple[Ref, ...]
    headings: tuple[Heading, ...]
    anchors: tuple[Anchor, ...]


# Raw HTML: comments are dropped first; a tag's attributes are read by one regex.
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# attr_list in prose: ``{: #id .class }`` / ``{#id}`` (ids only matter here).
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}#]+)")


def html_tags(fragment: str) -> Iterator[tuple[int, str, dict[str, str]]]:
    """(offset, lowercase tag, attributes) of each start tag in ``fragment``."""
    if "<!--" in fragment:
        fragment = _COMMENT.sub(lambda m: " " * len(m.group(0)), fragment)
    for match in _TAG.finditer(fragment):
        attrs: dict[str, str] = {}
        raw = match.group(2)
        if raw:
            for name, dq, sq, bare in _ATTR.findall(raw):
                attrs.setdefault(name.lower(), html.unescape(dq or sq or bare))
        yield match.start(), match.group(1).lower(), attrs


def attr_list_ids(text: str) -> list[str]:
    """Ids set by ``attr_list`` blocks (``{: #id }``) in a text fragment."""
    return [i for block in _ATTR_LIST.findall(text) for i in _ATTR_ID.findall(block)]


def document_refs(text: str, engine: Engine | None = None) -> DocumentRefs:
    """Links, headings and ids of the document ``text`` (lines count from 1)."""
    collector = _Collector(text)
    if (engine or ENGINE) == "pyrs" and not pyrs_inline_unsafe(text):
        try:
            _walk_pyrs(text, collector)
        except BaseException as error:  # a Rust panic is a BaseException (see docgen.markdown)
            if not panicked(error):
                raise
            collector = _Collector(text)
            _walk_py(text, collector)
    else:
        _walk_py(text, collector)
    return DocumentRefs(
        tuple(sorted(collector.links, key=_position)),
        tuple(collector.headings),
        tuple(sorted(collector.anchors, key=_position)),
    )


def _position(item: Ref | Anchor) -> tuple[int, int]:
    return item.line, item.column


class _Collector:
    """Shared by both engines: turns (line, content-column) into source columns."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.links: list[Ref] = []
        self.headings: list[Heading] = []
        self.anchors: list[Anchor] = []

    def column_of(self, line: int, content_line: str) -> int:
        """0-based column where ``content_line`` (block content) starts on ``line``."""
        source = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        tail = content_line.rstrip()
        stripped = source.rstrip()
        if tail and stripped.endswith(tail):
            return len(stripped) - len(tail)
        found = source.find(content_line.strip())
        return max(found, 0)

    def raw_html(self, content: str, line: int, column: int) -> None:
        """Refs and ids of a raw HTML fragment starting at (line, 1-based column)."""
        if "<" not in content:
            return
        for offset, tag, attrs in html_tags(content):
            before = content.count("\n", 0, offset)
            if before:
                start = content.rfind("\n", 0, offset) + 1
                col = self.column_of(line + before, content[start:].split("\n", 1)[0])
                col += offset - start + 1
            else:
                col = column + offset
            where = (line + before, col)
            if tag == "a" and "href" in attrs:
                self.links.append(Ref("html_link", attrs["href"], *where))
            elif tag == "img" and "src" in attrs:
                self.links.append(Ref("html_image", attrs["src"], *where))
            if "id" in attrs:
                self.anchors.append(Anchor("html", attrs["id"], *where))
            if tag == "a" and "name" in attrs:
                self.anchors.append(Anchor("html", attrs["name"], *where))

    def prose(self, content: str) -> None:
        if "{" in content:
            for anchor_id in attr_list_ids(content):
                self.anchors.append(Anchor("attr", anchor_id, 0, 0))


# --------------------------------------------------------------------- pyrs engine
# Building a Python node per token costs more than parsing; instead the page is
# rendered in Rust with `sourcepos` (every Markdown element carries its line and
# column) and the HTML is read with a few regular expressions. Raw HTML is copied
# verbatim into the output, without positions: each tag is found in the source.
@cache
def _rs() -> Any:
    return _pyrs.MarkdownIt("commonmark").enable("sourcepos")


_SP_REF = re.compile(r'<(a|img) data-sourcepos="(\d+):(\d+)-[^"]*" (?:href|src)="([^"]*)"')
_SP_HEADING = re.compile(r'<h([1-6]) data-sourcepos="(\d+):[^"]*">(.*?)</h\1>', re.DOTALL)
_RAW_TAG = re.compile(
    r"<[A-Za-z][A-Za-z0-9-]*\s(?![^<>]*data-sourcepos)[^<>]*\b(?:href|src|id|name)\s*=[^<>]*>"
)
_TAGS = re.compile(r"<[^>]*>")
_NOT_PROSE = re.compile(r"<(pre|code|h[1-6])\b.*?</\1>", re.DOTALL)


def _walk_pyrs(text: str, out: _Collector) -> None:
    text = commonmark_text(text)
    rendered = _rs().render(text)
    unescape = html.unescape
    for match in _SP_REF.finditer(rendered):
        kind = "link" if match.group(1) == "a" else "image"
        url = match.group(4)
        out.links.append(
            Ref(
                kind, unescape(url) if "&" in url else url, int(match.group(2)), int(match.group(3))
            )
        )
    for match in _SP_HEADING.finditer(rendered):
        plain = unescape(_TAGS.sub("", match.group(3)))
        out.headings.append(
            Heading(int(match.group(1)), " ".join(plain.split()), int(match.group(2)))
        )
    if "<" in text and "=" in text:
        _raw_tags_pyrs(text, rendered, out)
    if any(not line.lstrip().startswith("#") for line in _PROSE_HINT.findall(text)):
        out.prose(unescape(_TAGS.sub(" ", _NOT_PROSE.sub(" ", rendered))))


def _raw_tags_pyrs(text: str, rendered: str, out: _Collector) -> None:
    if "<!--" in rendered:
        rendered = _COMMENT.sub(lambda m: " " * len(m.group(0)), rendered)
    raw = list(_RAW_TAG.finditer(rendered))
    if not raw:
        return
    cursor = 0
    for match in raw:
        tag = match.group(0)
        mark = rendered.rfind(' data-sourcepos="', 0, match.start())
        if mark >= 0:  # not before the start of the enclosing/previous element
            floor = int(rendered[mark + 17 : rendered.index(":", mark + 17)])
            if text.count("\n", 0, cursor) + 1 < floor:
                cursor = _line_start(text, floor)
        found = text.find(tag, cursor)
        if found < 0:
            found = text.find(tag.split("\n", 1)[0], cursor)
        if found < 0:
            continue
        cursor = found + 1
        line_start = text.rfind("\n", 0, found) + 1
        out.raw_html(tag, text.count("\n", 0, found) + 1, found - line_start + 1)


def _line_start(text: str, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = text.find("\n", offset) + 1
        if offset == 0:
            return len(text)
    return offset


_PROSE_HINT = re.compile(r"^.*\{:?[ \t]*[^{}\n]*#.*$", re.MULTILINE)  # lines with `{ #id }`


# ---------------------------------------------------------------------- py engine
_POSITIONED = ("link", "image", "autolink", "html_inline")
_OPENERS = frozenset({"link_open", "image", "html_inline"})


def _positioned(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and not silent:
            # ``push`` may flush pending text first: mark the rule's own token.
            for token in state.tokens[count:]:
                if token.type in _OPENERS:
                    token.meta["srcpos"] = start
                    break
        return found

    return wrapped


@cache
def _py() -> PyMarkdownIt:
    md = PyMarkdownIt("commonmark")
    for rule in md.inline.ruler.__rules__:
        if rule.name in _POSITIONED:
            md.inline.ruler.at(rule.name, _positioned(rule.fn))
    return md


def _walk_py(text: str, out: _Collector) -> None:
    tokens = _py().parse(text)
    heading_level = 0
    for token in tokens:
        kind = token.type
        first = (token.map[0] + 1) if token.map else 1
        if kind == "heading_open":
            heading_level = int(token.tag[1])
        elif kind == "html_block":
            out.raw_html(token.content, first, out.column_of(first, _first(token.content)) + 1)
        elif kind == "inline":
            content = token.content
            content_lines = content.split("\n")
            columns = [out.column_of(first + i, cl) for i, cl in enumerate(content_lines)]
            starts = [0]
            for cl in content_lines[:-1]:
                starts.append(starts[-1] + len(cl) + 1)

            def where(
                pos: int,
                starts: list[int] = starts,
                columns: list[int] = columns,
                first: int = first,
            ) -> tuple[int, int]:
                index = bisect.bisect_right(starts, pos) - 1
                return first + index, columns[index] + pos - starts[index] + 1

            in_heading = heading_level > 0
            if in_heading:
                text = _py_heading_text(token.children or [])
                out.headings.append(Heading(heading_level, text, first))
                heading_level = 0
            _py_inline(token.children or [], where, out, prose=not in_heading)


def _first(content: str) -> str:
    return content.split("\n", 1)[0]


def _py_inline(
    children: list[Any], where: Callable[[int], tuple[int, int]], out: _Collector, prose: bool
) -> None:
    for child in children:
        pos = child.meta.get("srcpos", 0)
        kind = child.type
        if kind == "link_open":
            out.links.append(Ref("link", str(child.attrGet("href") or ""), *where(pos)))
        elif kind == "image":
            out.links.append(Ref("image", str(child.attrGet("src") or ""), *where(pos)))
        elif kind == "html_inline":
            out.raw_html(child.content, *where(pos))
        elif prose and kind == "text" and "{" in child.content:
            out.prose(child.content)


def _py_heading_text(children: list[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "text_special"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


__all__ = [
    "Anchor",
    "DocumentRefs",
    "Heading",
    "Ref",
    "attr_list_ids",
    "document_refs",
    "html_tags",
]
