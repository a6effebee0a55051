"""Markdown plan files → :class:`~docgen.plans.models.Plan`, via markdown-it-py.

Token line maps give exact 1-based source lines. Task markers are only recognised
in list items outside code blocks and block quotes, as GitHub renders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from docgen.plans.models import BadMarker, Plan, Section, TaskItem

_TASK = re.compile(r"^\[([ xX])\]\s+")
_PHASE_TITLE = re.compile(r"\bphase[\s_-]*(\d+)\b(?:[\s:–—-]*(.*))?", re.IGNORECASE)
_PHASE_FILE = re.compile(r"phase[_-]?(\d+)", re.IGNORECASE)
_CLAIM = re.compile(r"\bphase\s*(\d+)\s+(active|complete|completed|done)\b", re.IGNORECASE)

_MD = MarkdownIt("commonmark")
_BLOCKS = frozenset(
    {
        "paragraph_open",
        "bullet_list_open",
        "ordered_list_open",
        "fence",
        "code_block",
        "table_open",
        "html_block",
        "blockquote_open",
        "hr",
    }
)
# Near misses GitHub does not render as task items, each with the fix.
_BAD_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^\s*(?:[-*+]|\d+[.)])\[[ xX]?\]"),
        "put a space after the list marker: `- [x] …`",
    ),
    (
        re.compile(r"^\[(?: [xX]|[xX] |\s{2,}|)\]"),
        "write the box as `[ ]` or `[x]`, without extra spaces",
    ),
    (re.compile(r"^\[[^\]\sxX]\]"), "only `[ ]`, `[x]` and `[X]` are task markers"),
    (re.compile(r"^\[[ xX]\](?=\S)"), "put a space between the box and the text: `[x] text`"),
)


@dataclass
class _OpenSection:
    title: str
    level: int
    line: int
    items: list[TaskItem] = field(default_factory=list)
    subsections: list[_OpenSection] = field(default_factory=list)
    blocks: int = 0

    def freeze(self) -> Section:
        return Section(
            self.title,
            self.level,
            self.line,
            tuple(self.items),
            tuple(s.freeze() for s in self.subsections),
            self.blocks,
        )


def parse_plan(text: str, path: str) -> Plan:
    """Parse one plan; ``path`` is only recorded (and used to guess the phase)."""
    tokens = _MD.parse(_strip_front_matter(text))
    offset = _front_matter_lines(text)
    preamble: list[TaskItem] = []
    roots: list[_OpenSection] = []
    stack: list[_OpenSection] = []
    list_depth = 0
    quote_depth = 0
    bad: list[BadMarker] = []

    for i, tok in enumerate(tokens):
        if stack and tok.type in _BLOCKS and tok.level == 0:
            stack[-1].blocks += 1
        if tok.type == "inline" and quote_depth == 0:
            bad.extend(_bad_markers(tokens, i, offset))
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif tok.type == "heading_open" and quote_depth == 0:
            level = int(tok.tag[1])
            section = _OpenSection(_inline_text(tokens[i + 1]), level, _line(tok, offset))
            while stack and stack[-1].level >= level:
                stack.pop()
            (stack[-1].subsections if stack else roots).append(section)
            stack.append(section)
        elif tok.type == "list_item_open" and quote_depth == 0:
            item = _task_item(tokens, i, list_depth - 1, offset)
            if item is not None:
                (stack[-1].items if stack else preamble).append(item)

    sections = tuple(s.freeze() for s in roots)
    title = _title(sections, path)
    phase, phase_name = _phase(title, path)
    return Plan(
        path=path,
        title=title,
        phase=phase,
        phase_name=phase_name,
        preamble=tuple(preamble),
        sections=sections,
        claims=_claims(sections, phase),
        bad_markers=tuple(bad),
    )


def load_plan(file: Path, root: Path) -> Plan:
    """Read and parse ``file``; the recorded path is relative to ``root``."""
    rel = file.resolve().relative_to(root.resolve()).as_posix()
    return parse_plan(file.read_text(encoding="utf-8"), rel)


def _task_item(tokens: list[Token], index: int, depth: int, offset: int) -> TaskItem | None:
    # A list item's first child is a paragraph whose inline token holds the marker.
    if index + 2 >= len(tokens):
        return None
    para, inline = tokens[index + 1], tokens[index + 2]
    if para.type != "paragraph_open" or inline.type != "inline":
        return None
    match = _TASK.match(inline.content)
    if match is None:
        return None
    text = inline.content[match.end() :].split("\n", 1)[0].strip()
    return TaskItem(
        text=text,
        checked=match.group(1) in "xX",
        line=_line(tokens[index], offset),
        depth=depth,
    )


def _bad_markers(tokens: list[Token], index: int, offset: int) -> list[BadMarker]:
    token = tokens[index]
    in_item = index >= 2 and tokens[index - 2].type == "list_item_open"
    first = _line(token, offset)
    found: list[BadMarker] = []
    for n, line in enumerate(token.content.split("\n")):
        text = line.strip()
        if n == 0 and in_item and _TASK.match(text):
            continue
        candidates = _BAD_MARKERS if (n == 0 and in_item) else _BAD_MARKERS[:1]
        for pattern, hint in candidates:
            if pattern.match(text):
                found.append(BadMarker(first + n, text, hint))
                break
    return found


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts).strip() or token.content.strip()


def _line(token: Token, offset: int) -> int:
    return (token.map[0] if token.map else 0) + 1 + offset


def _strip_front_matter(text: str) -> str:
    n = _front_matter_lines(text)
    return "\n".join(text.split("\n")[n:]) if n else text


def _front_matter_lines(text: str) -> int:
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() in ("---", "..."):
            return n + 1
    return 0


def _title(sections: tuple[Section, ...], path: str) -> str:
    for s in sections:
        if s.level == 1:
            return s.title
    stem = Path(path).stem
    return stem.replace("_", " ").replace("-", " ").title()


def _phase(title: str, path: str) -> tuple[int | None, str | None]:
    match = _PHASE_TITLE.search(title)
    if match:
        name = (match.group(2) or "").strip() or None
        return int(match.group(1)), name
    file_match = _PHASE_FILE.search(Path(path).stem)
    if file_match:
        return int(file_match.group(1)), None
    return None, None


def _claims(sections: tuple[Section, ...], phase: int | None) -> tuple[tuple[str, bool], ...]:
    found: dict[str, bool] = {}
    for section in _walk(sections):
        if section.title.strip().lower() != "status":
            continue
        for item in section.all_items():
            match = _CLAIM.search(item.text)
            if match is None or (phase is not None and int(match.group(1)) != phase):
                continue
            word = match.group(2).lower()
            key = "active" if word == "active" else "complete"
            found[key] = found.get(key, False) or item.checked
    return tuple(sorted(found.items()))


def _walk(sections: tuple[Section, ...]) -> list[Section]:
    out: list[Section] = []
    for s in sections:
        out.append(s)
        out.extend(_walk(s.subsections))
    return out
