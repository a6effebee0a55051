"""What a plan says about its own state, in words: declarations and follow-up sections.

Real plans say they are done in prose as often as in a checklist: a Status section's
``- [x] Phase 3 complete``, a line ``Status: Complete``, front matter ``status: done``,
a completion summary's "Phase 3 is complete.". And their last section often holds
work for afterwards ("Immediate Next Actions After Phase 3", "Next Steps",
"Follow-ups", "Out of scope for this phase"), which is the next phase's, not this one's.

:func:`declarations` finds the first kind in a block's text (conditional clauses such
as "once Phase 3 is complete" and negations are not declarations);
:func:`is_follow_up` tells the second kind of heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

COMPLETE = "complete"
IN_PROGRESS = "in progress"
NOT_STARTED = "not started"
STATES = (COMPLETE, IN_PROGRESS, NOT_STARTED)


@dataclass(frozen=True, slots=True)
class Declaration:
    """A statement of a plan's (or a phase's) state.

    ``phase`` is the phase number the text names (``None``: "this phase", or a
    status line without one); ``strength`` orders sources: 3 a checked Status-section
    claim, 2 front matter, 1 a ``Status:`` line or a Status section's text, 0 a
    sentence in the prose.
    """

    state: str
    line: int
    text: str
    phase: int | None = None
    strength: int = 0
    follow_up: bool = False
    """Written inside a follow-up section (then it is about later work)."""


_WORDS = {
    COMPLETE: r"complete|completed|done|finished|closed|delivered|shipped|✅|✔️?",
    IN_PROGRESS: r"in[\s-]progress|active|ongoing|underway|wip|started|🚧",
    NOT_STARTED: r"not[\s-]started|planned|planning|todo|to[\s-]do|pending|proposed|draft|⏳",
}
_STATE_OF = [
    (state, re.compile(rf"^(?:{words})(?![\w-])", re.I)) for state, words in _WORDS.items()
]

_SUBJECT = r"(?:phase\s*(?P<n>\d+)|(?P<this>this|the)\s+phase)"
_SENTENCE = re.compile(
    rf"\b{_SUBJECT}\s+(?:(?:is|has\s+been|was|now\s+is)\s+(?:now\s+)?"
    r"(?:fully\s+|officially\s+|functionally\s+)?"
    r"(?P<word>complete|completed|done|finished|closed|delivered)|"
    r"(?:has\s+)?(?P<verb>completed|finished|wrapped\s+up|shipped|concluded))\b",
    re.I,
)
_CONDITION_AFTER = re.compile(
    r"^\s*(?:only\s+)?(?:when|whenever|if|once|after|until|unless|as\s+long\s+as|provided)\b",
    re.I,
)
"""What makes "Phase 2 is complete" a definition, not a declaration: "… only when:"."""
_CONDITIONAL = re.compile(
    r"\b(?:once|when|whenever|until|till|after|before|if|unless|as\s+soon\s+as|by\s+the\s+time|"
    r"so\s+that|until|assuming|whether|will|would|should|must|can|to\s+ensure)\b[^.;:!?]*$",
    re.I,
)
_STATUS_LINE = re.compile(
    r"^\W*(?:phase\s*(?P<n>\d+)\s*)?(?:current\s+)?status\W*\s*[:=–—-]\s*\W*(?P<rest>.+)$", re.I
)
_PHASE_DONE = re.compile(
    r"^\W*phase\s*(?P<n>\d+)\s+(?:is\s+)?(?:complete|completed|done|finished)\W*$", re.I
)
_PHASE_STATE = re.compile(r"^\W*phase\s*(?P<n>\d+)\s*[:–—-]\s*\W*(?P<rest>.+)$", re.I)

DECLARING_WORDS = (
    "complete|done|finish|closed|deliver|shipped|status|progress|started|active|planned|"
    "pending|draft|\u2705|\u2714|\U0001f6a7"
)
DECLARING = re.compile(DECLARING_WORDS, re.I)
"""Words without which a block declares no state ("Phase 3 is complete."): the
paragraphs the Markdown outline hands plans for it, a cheap test before the full one."""

_FOLLOW_UP = re.compile(
    r"\b(?:next\s+(?:steps?|phases?|up)|follow[\s-]*ups?|followups?|later|"
    r"afterwards?|out\s+of\s+scope|future\s+(?:work|phases?|steps?|ideas?|improvements?)|"
    r"deferred|backlog|after\s+(?:phase\s*\d+|this\s+phase|the\s+phase)|post[\s-]*phase|"
    r"parking\s+lot|not\s+in\s+(?:this\s+)?phase|hand[\s-]*off\s+to|carry[\s-]*over|"
    r"leftovers?)\b",
    re.I,
)


def is_follow_up(title: str) -> bool:
    """Whether a heading holds work for after the phase ("Next Steps", "Follow-ups",
    "Immediate Next Actions After Phase 3", "Out of scope for this phase"…). A
    heading that reads as code (``server.listen([port][, backlog])``) never does."""
    if any(c in title for c in "[{=<`") or re.search(r"\w\(", title):
        return False
    return _FOLLOW_UP.search(" ".join(title.split())) is not None


def state_word(text: str) -> str | None:
    """The state a short status text starts with (``Complete (2024-05-01)`` →
    complete), or ``None``."""
    text = text.strip().strip("*_`").strip()
    text = re.sub(r"^(?:phase\s*\d+|this\s+phase)\s+(?:is\s+)?", "", text, flags=re.I)
    for state, pattern in _STATE_OF:
        if pattern.match(text):
            if state == COMPLETE and re.match(r"^(?:not|in)complete", text, re.I):
                continue
            return state
    if re.match(r"^(?:not\s+(?:yet\s+)?(?:complete|done)|incomplete)\b", text, re.I):
        return IN_PROGRESS
    return None


def declarations(text: str, line: int, in_status: bool = False) -> list[Declaration]:
    """The declarations in one block's text (a paragraph, a list item, a heading).

    ``in_status``: the block is in a section titled Status, where a bare state
    ("Complete", "✅ Done") is a declaration too.
    """
    out: list[Declaration] = []
    for offset, raw in enumerate(text.split("\n")):
        plain = " ".join(raw.replace("**", "").replace("__", "").split())
        if not plain:
            continue
        where = line + offset
        found = _STATUS_LINE.match(plain)
        if found is not None:
            state = state_word(found.group("rest"))
            if state is not None:
                n = found.group("n")
                out.append(Declaration(state, where, plain, int(n) if n else None, 1))
                continue
        found = _PHASE_DONE.match(plain)
        if found is not None:
            out.append(Declaration(COMPLETE, where, plain, int(found.group("n")), 1))
            continue
        found = _PHASE_STATE.match(plain)
        if found is not None:
            state = state_word(found.group("rest"))
            if state is not None and _short(found.group("rest")):
                out.append(Declaration(state, where, plain, int(found.group("n")), 1))
                continue
        if in_status and _short(plain):
            state = state_word(plain)
            if state is not None:
                out.append(Declaration(state, where, plain, None, 1))
                continue
        for match in _SENTENCE.finditer(plain):
            before = plain[: match.start()]
            sentence = re.split(r"[.;!?]\s", before)[-1]
            if _CONDITIONAL.search(sentence) or _CONDITION_AFTER.search(plain[match.end() :]):
                continue
            n = match.group("n")
            start = match.start() - len(sentence)
            stop = re.search(r"[.;!?](?:\s|$)", plain[match.end() - 1 :])
            end = len(plain) if stop is None else match.end() + stop.start()
            said = plain[start:end].strip()
            out.append(Declaration(COMPLETE, where, said, int(n) if n else None, 0))
    return out


def _short(text: str) -> bool:
    """A status, not a sentence that happens to start with a state word."""
    return len(text.split()) <= 8


def front_matter_declaration(value: object, line: int) -> Declaration | None:
    """``status: complete`` (or ``state:``) in a plan's front matter."""
    if not isinstance(value, str):
        return None
    state = state_word(value)
    return None if state is None else Declaration(state, line, f"status: {value}", None, 2)
