"""Markdown plan files → :class:`~docgen.plans.models.Plan`.

Built on the block tree of :mod:`docgen.markdown` (markdown-it), which gives exact
1-based lines. Task markers are only recognised in list items outside code blocks
and block quotes, as GitHub renders them.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path

from docgen.frontmatter import front_matter_lines, split_front_matter
from docgen.markdown import Engine, plain_text, task_outline
from docgen.plans.models import BadMarker, Plan, Section, TaskItem, walk_sections
from docgen.plans.status import (
    DECLARING,
    Declaration,
    declarations,
    front_matter_declaration,
    is_follow_up,
)
from docgen.textfile import outside_root, read_or_report

_TASK = re.compile(r"^\[([ xX])\]\s+")
_PHASE_TITLE = re.compile(r"\bphase[\s_-]*(\d+)\b(?:[\s:–—-]*(.*))?", re.IGNORECASE)
_PHASE_FILE = re.compile(r"phase[_-]?(\d+)", re.IGNORECASE)
_CLAIM = re.compile(r"\bphase\s*(\d+)\s+(active|complete|completed|done)\b", re.IGNORECASE)

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
    follow_up: bool = False

    def freeze(self) -> Section:
        return Section(
            self.title,
            self.level,
            self.line,
            tuple(self.items),
            tuple(s.freeze() for s in self.subsections),
            self.blocks,
            self.follow_up,
        )


def parse_plan(text: str, path: str, engine: Engine | None = None) -> Plan:
    """Parse one plan; ``path`` is only recorded (and used to guess the phase)."""
    body, first_line = plan_body(text)
    preamble: list[TaskItem] = []
    roots: list[_OpenSection] = []
    stack: list[_OpenSection] = []
    bad: list[BadMarker] = []
    said: list[Declaration] = []
    items = preamble

    def declare(raw: str, line: int) -> None:
        if DECLARING.search(raw) is None:
            return
        here = stack[-1] if stack else None
        in_status = here is not None and "status" in here.title.lower()
        later = here is not None and here.follow_up
        for found in declarations(plain_text(raw, engine), line, in_status):
            said.append(dataclasses.replace(found, follow_up=later) if later else found)

    for row in task_outline(body, first_line, engine, TaskItem):
        if row.__class__ is TaskItem:  # a well-formed one-line task item
            items.append(row)
            continue
        kind = row[0]
        if kind == "block":
            if stack:
                stack[-1].blocks += 1
        elif kind == "heading":
            _, line, level, raw = row
            section = _OpenSection(plain_text(raw, engine), level, line)
            while stack and stack[-1].level >= level:
                stack.pop()
            section.follow_up = (bool(stack) and stack[-1].follow_up) or is_follow_up(section.title)
            (stack[-1].subsections if stack else roots).append(section)
            stack.append(section)
            items = section.items
            if DECLARING.search(section.title) is not None:
                for found in declarations(section.title, line):
                    if found.strength:  # "## Status: Complete", not a sentence
                        said.append(dataclasses.replace(found, follow_up=section.follow_up))
        elif kind == "item":
            _, line, raw, depth = row
            match = _TASK.match(raw)
            if match is not None:
                text_ = raw[match.end() :].split("\n", 1)[0].strip()
                items.append(TaskItem(text_, match.group(1) in "xX", line, depth))
                if "\n" in raw:
                    bad.extend(_bad_lines(raw, line, first_is_item=False))
            else:
                if "[" in raw:
                    bad.extend(_bad_lines(raw, line, first_is_item=True))
                declare(raw, line)
        else:  # a paragraph with a `[` in it, or words that may declare a state
            _, line, raw = row
            if "[" in raw:
                bad.extend(_bad_lines(raw, line, first_is_item=False))
            declare(raw, line)

    sections = tuple(s.freeze() for s in roots)
    title = _title(sections, path)
    phase, phase_name = _phase(title, path)
    if first_line > 1 and re.search(r"(?im)^(?:status|state)\s*:", text[: text.find("\n---", 3)]):
        meta, _, _ = split_front_matter(text)
        stated = front_matter_declaration(meta.get("status", meta.get("state")), 1)
        if stated is not None:
            said.append(stated)
    return Plan(
        path=path,
        title=title,
        phase=phase,
        phase_name=phase_name,
        preamble=tuple(preamble),
        sections=sections,
        claims=_claims(sections, phase),
        bad_markers=tuple(bad),
        source=text,
        declarations=tuple(said),
    )


def count_items(text: str) -> tuple[int, int]:
    """``(done, total)`` task items of a plan text, as :func:`parse_plan` counts them."""
    body, first_line = plan_body(text)
    done = total = 0
    for row in task_outline(body, first_line, item=TaskItem):
        if row.__class__ is TaskItem:
            total += 1
            done += row[1]
        elif row[0] == "item":
            match = _TASK.match(row[2])
            if match is not None:
                total += 1
                done += match.group(1) != " "
    return done, total


def load_plan(file: Path, root: Path) -> Plan:
    """Read and parse ``file``; the recorded path is relative to ``root``.

    Never raises for the file: one that is not UTF-8 is read on (``DG001``); one
    that is gone or unreadable is an empty plan with ``DG002``; a symlink to outside
    ``root`` is refused (``DG002``), as the repository is all docgen reads.
    """
    try:
        rel = file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        rel = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.as_posix()
        return dataclasses.replace(parse_plan("", rel), problems=(outside_root(rel),))
    decoded = read_or_report(file, rel)
    plan = parse_plan(decoded.text, rel)
    problems = decoded.problems()
    return dataclasses.replace(plan, problems=problems) if problems else plan


def _bad_lines(raw: str, first: int, first_is_item: bool) -> list[BadMarker]:
    found: list[BadMarker] = []
    for n, line in enumerate(raw.split("\n")):
        text = line.strip()
        candidates = _BAD_MARKERS if (n == 0 and first_is_item) else _BAD_MARKERS[:1]
        for pattern, hint in candidates:
            if pattern.match(text):
                found.append(BadMarker(first + n, text, hint))
                break
    return found


def plan_body(text: str) -> tuple[str, int]:
    """The Markdown after any YAML front matter, and the file line it starts on."""
    n = front_matter_lines(text)
    return ("\n".join(text.split("\n")[n:]) if n else text), n + 1


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
    for section in walk_sections(sections):
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
