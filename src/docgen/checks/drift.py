"""Hand-written supervision trees in the docs, compared with the code (DG40x).

READMEs and architecture pages often carry a tree drawn by hand::

    shop_core (ShopCore.Application, one_for_one)
    |-- ShopCore.Cache
    `-- ShopCore.Workers.Supervisor (rest_for_one)
        `-- {Registry, name: ShopCore.Workers.Registry}

Such a tree is a claim about the code that nothing keeps true. This check finds
them in code blocks (fenced with no language, ``text``, ``txt``, ``none``,
``ascii``, ``plain`` or ``tree``, or indented) whose lines use the connectors
``|--``/`` `-- ``/``+--`` or ``├──``/``└──``, and whose root line names an OTP app,
an application module, an application's supervisor or a supervisor child of the
analysed code (a root naming none of these, e.g. ``umbrella``, is looked through
to its children). Findings:

======  ========  ==============================================================
DG401   error     the tree lists a child the code does not start under that parent
DG402   warning   the tree lacks a child the code starts (at the block's first line)
DG403   error     the tree draws a child under another parent than the code's
DG404   warning   the tree is drawn deeper than 64 levels and is not compared
======  ========  ==============================================================

Every finding's hint is a unified diff from the drawn tree to the tree the code
implies, drawn in the same style. Rules that keep the check quiet where the doc
is right:

* a label is matched to a child by registered name, then by module, and only as a
  fallback by the last alias segment when exactly one child there has it;
* a node drawn without children is *collapsed*: its subtree is not compared;
* children drawn under a dynamic, task or partition supervisor are processes
  started on demand, never reported as invented; so are children drawn under a
  library supervisor the analysis cannot look into (``Finch``), and children
  marked dynamic (``Worker (dynamic)``, "started on demand") under a supervisor
  whose children are partly computed at runtime;
* lines naming no module or atom ("...", "workers") are kept, never judged;
* a doc may list a conditional child; lacking one is DG402 with a note;
* children the code computes at runtime (no module) cannot be drawn: not asked for;
* one drawn line covers repeated unnamed children of the same module;
* a single node under an app root naming the app's supervisor or application
  module is taken as the app's top supervisor;
* a tree none of whose lines matches a child of the code is about something else
  (a file layout, another project) and skipped, as are blocks with macro calls
  (``{{ … }}``): those are generated.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.models import Analysis, Application, Child, Kind
from docgen.markdown import CodeBlock, code_and_tables
from docgen.project import Project
from docgen.render.text import describe
from docgen.textfile import read_or_report

INVENTED = "DG401"
MISSING = "DG402"
MISPLACED = "DG403"
TOO_DEEP = "DG404"
MAX_DRAWN_DEPTH = 64
"""Hand-written trees deeper than this are not compared (each level costs Python
frames in the comparison, and no supervision tree worth drawing is that deep)."""

_TREE_LANGS = frozenset({"", "text", "txt", "none", "ascii", "plain", "plaintext", "tree"})
_CONNECTOR = re.compile(
    r"^(?P<lead>(?:[ \t│┃]|\|(?!-))*)(?P<glyph>[|`+\\]--|[├└┣┗][─━])[-─━]*[ \t]?(?P<label>.*)$"
)
_DECORATION = re.compile(r"^[\s|│┃]*$")
_ANY_CONNECTOR = re.compile(r"^(?:[ \t│┃>]|\|(?!-))*(?:[|`+\\]--|[├└┣┗][─━])", re.MULTILINE)
"""A page without a line like this draws no tree: it is not parsed for code blocks."""
_COMMENT = re.compile(r"\s(?:#|--|—|<-|←|//)\s|^#|\s#")
IDENT = re.compile(r"(?<![\w.:])(:[a-z_][\w@]*[?!]?|(?>[A-Z]\w*(?:\.[A-Z]\w*)*))(?![\w*]|\.\*)")
"""A module alias or an atom; ``Foo.*`` (a namespace glob) is no name."""
_WORD = re.compile(r"(?<![\w./-])([a-z][a-z0-9_]*)(?![\w./-])")
DYNAMIC = re.compile(r"\bdynamic\b|on[- ]demand|\bruntime\b|\bone per\b|×|\.\.\.|…", re.I)
ON_DEMAND = frozenset({Kind.DYNAMIC_SUPERVISOR, Kind.TASK_SUPERVISOR, Kind.PARTITION_SUPERVISOR})
_MACRO = re.compile(r"\{\{-?\s*[A-Za-z_][\w.]*\s*[(|}\[]|\{%")


# ------------------------------------------------------------------ shared helpers
def markdown_pages(project: Project) -> Iterator[tuple[str, str]]:
    """(root-relative path, text) of every Markdown page under the docs dir."""
    docs = project.docs_dir
    if not docs.is_dir():
        return
    for page in sorted(docs.rglob("*.md")):
        rel = page.relative_to(project.root).as_posix()
        decoded = read_or_report(page, rel)  # DG001 and DG002 are the links check's
        if decoded.unreadable is None:
            yield rel, decoded.text


def has_macro(text: str) -> bool:
    """Whether ``text`` calls a Jinja macro (``{{ f() }}``); Elixir's ``{{:a, 1}, 2}`` does not."""
    return _MACRO.search(text) is not None


def clean(ident: str) -> str:
    return ident.strip("`'\"*").removeprefix("Elixir.")


@dataclass(frozen=True, slots=True)
class Placement:
    """Where the code starts one child: its app and parent (``None``: the app's top)."""

    app: Application
    parent: Child | None
    child: Child


class ProcessIndex:
    """Every child of an analysis, by registered name and by module."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.placements: list[Placement] = []
        self.by_name: dict[str, list[Placement]] = {}
        self.by_module: dict[str, list[Placement]] = {}
        self.parent: dict[int, Placement] = {}
        for app in analysis.applications:
            self._add(app, None, app.children)
        self.roots = frozenset(m.split(".")[0] for m in analysis.modules if m[:1].isupper())
        self.apps = {a.otp_app: a for a in analysis.applications}
        for app in analysis.applications:
            for key in (app.application_module, app.supervisor.name):
                if key:
                    self.apps.setdefault(key, app)

    def _add(self, app: Application, parent: Child | None, children: tuple[Child, ...]) -> None:
        for child in children:
            place = Placement(app, parent, child)
            self.placements.append(place)
            self.parent[id(child)] = place
            if child.name:
                self.by_name.setdefault(child.name, []).append(place)
            if child.module:
                self.by_module.setdefault(child.module, []).append(place)
            self._add(app, child, child.children)

    def find(self, idents: tuple[str, ...]) -> list[Placement]:
        """Children named by ``idents``: by registered name, else by a unique module."""
        for ident in idents:
            if ident in self.by_name:
                return self.by_name[ident]
        for ident in idents:
            found = self.by_module.get(ident, [])
            if len(found) == 1:
                return found
        return []


def code_where(child: Child, prefix: str) -> str:
    path = f"{prefix.rstrip('/')}/{child.location.path}" if prefix else child.location.path
    return f"{path}:{child.location.line}"


def title(child: Child) -> str:
    return child.name or child.module or "?"


# ---------------------------------------------------------------- parsing a tree
@dataclass(eq=False, slots=True)
class _Node:
    raw: str
    line: int
    column: int
    label: str
    idents: tuple[str, ...]
    words: tuple[str, ...]
    dynamic: bool
    glyph: str = ""
    width: int = 4
    children: list[_Node] = field(default_factory=list)
    too_deep: bool = False
    """A root whose tree goes deeper than :data:`MAX_DRAWN_DEPTH` (cut there)."""

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def title(self) -> str:
        return self.idents[0] if self.idents else self.label.strip()


def _node(raw: str, line: int, column: int, label: str) -> _Node:
    match = _COMMENT.search(label)
    main = label[: match.start()] if match else label
    plain = main.replace("`", "")
    return _Node(
        raw=raw.rstrip(),
        line=line,
        column=column,
        label=label.rstrip(),
        idents=tuple(dict.fromkeys(clean(m) for m in IDENT.findall(plain))),
        words=tuple(_WORD.findall(plain.split("(")[0])),
        dynamic=bool(DYNAMIC.search(label)),
    )


def parse_trees(block: CodeBlock) -> list[_Node]:
    """The trees drawn in one code block (roots with at least one child)."""
    if block.info.split(" ")[0].lower().strip("{.}") not in _TREE_LANGS:
        return []
    if has_macro(block.content):
        return []
    roots: list[_Node] = []
    stack: list[_Node] = []
    for n, text in enumerate(block.content.split("\n")):
        line = block.first + n
        match = _CONNECTOR.match(text)
        if match is None:
            if text.strip() and not _DECORATION.match(text) and not text[0].isspace():
                stack = [_node(text, line, -1, text)]
                roots.append(stack[0])
            continue
        if not stack:
            continue
        column = len(match["lead"])
        node = _node(text, line, column, match["label"])
        node.glyph = match["glyph"]
        node.width = match.start("label") - column
        while len(stack) > 1 and stack[-1].column >= column:
            stack.pop()
        if len(stack) > MAX_DRAWN_DEPTH:
            stack[0].too_deep = True
            continue
        stack[-1].children.append(node)
        stack.append(node)
    return [r for r in roots if r.children]


# ------------------------------------------------------------------- the check
def check_trees(project: Project, analysis: Analysis, elixir_prefix: str = "") -> list[Diagnostic]:
    """DG401–DG403 for every hand-written tree under ``project.docs_dir``."""
    index = ProcessIndex(analysis)
    found: list[Diagnostic] = []
    for path, text in markdown_pages(project):
        if _ANY_CONNECTOR.search(text) is None:
            continue
        for block in code_and_tables(text).code:
            for root in parse_trees(block):
                if root.too_deep:
                    found.append(_too_deep(path, root))
                else:
                    found += _TreeCheck(index, elixir_prefix, path, block.line, root).run()
    return sorted(found, key=Diagnostic.sort_key)


def _too_deep(path: str, root: _Node) -> Diagnostic:
    return Diagnostic(
        TOO_DEEP,
        Severity.WARNING,
        Location(path, root.line),
        f"tree drawn more than {MAX_DRAWN_DEPTH} levels deep; not compared with the code",
        "replace it with {{ supervision_text() }}",
    )


Target = Application | Child


@dataclass(slots=True)
class _Fix:
    label: str
    children: list[_Fix] = field(default_factory=list)


@dataclass(eq=False)
class _TreeCheck:
    index: ProcessIndex
    prefix: str
    path: str
    block_line: int
    root: _Node
    paired: dict[int, Child] = field(default_factory=dict)  # doc node id → child
    owner: dict[int, _Node] = field(default_factory=dict)  # child id → doc node
    accepted: set[int] = field(default_factory=set)  # doc nodes drawn on demand
    transparent: dict[int, Application] = field(default_factory=dict)
    targets: dict[int, Target] = field(default_factory=dict)  # sub-root node id → target
    pending: list[tuple[_Node, Target]] = field(default_factory=list)
    problems: list[tuple[str, Severity, int, str]] = field(default_factory=list)

    def run(self) -> list[Diagnostic]:
        roots = [self.root] if self._resolve(self.root) else self.root.children
        pending: list[tuple[_Node, Target]] = []
        for node in roots:
            target = self._resolve(node)
            if target is None or not node.children:
                continue
            self._pair_target(node, target)
            # A tree none of whose children is a child of the code is about
            # something else (a file layout, another project): leave it alone.
            if any(id(n) in self.paired for n in node.walk()):
                self.targets[id(node)] = target
                pending += self.pending
            else:
                for n in node.walk():
                    self.transparent.pop(id(n), None)
            self.pending = []
        if not self.targets:
            return []
        self.pending = pending
        self._place_unmatched()
        fixed = self._keep(self.root)
        if not self.problems:
            return []
        hint = self._diff(fixed)
        return [
            Diagnostic(code, severity, Location(self.path, line), message, hint)
            for code, severity, line, message in self.problems
        ]

    # -- resolving and pairing
    def _resolve(self, node: _Node) -> Target | None:
        for key in (*node.words, *node.idents):
            app = self.index.apps.get(key.lstrip(":"))
            if app is not None:
                return app
        for place in self.index.find(node.idents):
            if place.child.kind.is_supervisor or place.child.children:
                return place.child
        return None

    def _pair_target(self, node: _Node, target: Target) -> None:
        if isinstance(target, Application) and len(node.children) == 1:
            only = node.children[0]
            names = {target.supervisor.name, target.application_module} - {None}
            if names & set(only.idents):
                self.transparent[id(only)] = target
                self._pair(only.children, target, target.children)
                return
        self._pair(node.children, target, target.children)

    def _pair(self, docs: list[_Node], parent: Target, codes: tuple[Child, ...]) -> None:
        pairs = self._local(docs, codes)
        for doc in docs:
            child = pairs.get(id(doc))
            if child is None:
                self.pending.append((doc, parent))
                continue
            self._bind(doc, child)

    def _bind(self, doc: _Node, child: Child) -> None:
        self.paired[id(doc)] = child
        self.owner[id(child)] = doc
        if doc.children:
            self._pair(doc.children, child, child.children)

    def _local(self, docs: list[_Node], codes: tuple[Child, ...]) -> dict[int, Child]:
        pairs: dict[int, Child] = {}
        free = [c for c in codes if id(c) not in self.owner]
        named = {i for d in docs for i in d.idents if i in self.index.by_name}

        def take(doc: _Node, child: Child) -> None:
            pairs[id(doc)] = child
            free.remove(child)

        for doc in docs:
            child = next((c for c in free if c.name and c.name in doc.idents), None)
            if child is not None:
                take(doc, child)
        for doc in docs:
            if id(doc) in pairs or named & set(doc.idents):
                continue
            child = next((c for c in free if c.module and c.module in doc.idents), None)
            if child is not None:
                take(doc, child)
        for doc in docs:
            if id(doc) in pairs or named & set(doc.idents):
                continue
            tails = {i.rsplit(".", 1)[-1] for i in doc.idents}
            hits = [c for c in free if tails & {_tail(c.name), _tail(c.module)}]
            if len(hits) == 1:
                take(doc, hits[0])
        return pairs

    def _app_of(self, target: Target) -> Application:
        if isinstance(target, Application):
            return target
        return self.index.parent[id(target)].app

    def _open(self, parent: Target) -> bool:
        """Whether the code cannot list ``parent``'s children: started on demand, or
        a library supervisor (``Finch``) whose children the analysis cannot see."""
        if isinstance(parent, Application):
            return False
        if parent.kind in ON_DEMAND:
            return True
        library = parent.module is None or parent.module not in self.index.analysis.modules
        return library and not parent.children and parent.kind.is_supervisor

    def _place_unmatched(self) -> None:
        while self.pending:
            doc, parent = self.pending.pop(0)
            if self._open(parent) or not doc.idents:
                self.accepted.add(id(doc))
                continue
            places = [p for p in self.index.find(doc.idents) if id(p.child) not in self.owner]
            if places:
                place = places[0]
                home = _name(place.parent or place.app)
                if place.parent is not None and place.app is not self._app_of(parent):
                    home += f" in app `{place.app.otp_app}`"
                self.problems.append(
                    (
                        MISPLACED,
                        Severity.ERROR,
                        doc.line,
                        f"tree draws `{doc.title}` under {_name(parent)}, but the code starts it "
                        f"under {home} ({code_where(place.child, self.prefix)})",
                    )
                )
                self._bind(doc, place.child)
                continue
            if doc.dynamic and any(c.module is None for c in parent.children):
                self.accepted.add(id(doc))
                continue
            self.problems.append(
                (
                    INVENTED,
                    Severity.ERROR,
                    doc.line,
                    f"tree lists `{doc.title}` under {_name(parent)}, but the code does not "
                    "start it there"
                    + ("" if self.index.find(doc.idents) else " (nor anywhere else)"),
                )
            )

    # -- the tree the code implies
    def _keep(self, node: _Node) -> _Fix:
        target = self.targets.get(id(node))
        if target is not None:
            return _Fix(node.label, self._build(node.children, target, target.children))
        app = self.transparent.get(id(node))
        if app is not None:
            return _Fix(node.label, self._build(node.children, app, app.children))
        return _Fix(node.label, [self._keep(c) for c in node.children])

    def _build(self, docs: list[_Node], parent: Target, codes: tuple[Child, ...]) -> list[_Fix]:
        if len(docs) == 1 and id(docs[0]) in self.transparent:
            return [self._keep(docs[0])]
        out: list[_Fix] = []
        drawn = {c.module for c in codes if id(c) in self.owner and not c.name}
        for child in codes:
            doc = self.owner.get(id(child))
            if doc is not None:
                kids = self._build(doc.children, child, child.children) if doc.children else []
                out.append(_Fix(doc.label, kids))
            elif child.module is not None and not (child.name is None and child.module in drawn):
                self._missing(parent, child)
                out.append(_code_fix(child))
        out += [self._keep(d) for d in docs if id(d) in self.accepted]
        return out

    def _missing(self, parent: Target, child: Child) -> None:
        notes = [code_where(child, self.prefix)]
        if child.conditional:
            notes.append("conditional: the code starts it only under a condition")
        self.problems.append(
            (
                MISSING,
                Severity.WARNING,
                self.block_line,
                f"tree lacks `{title(child)}`, which the code starts under {_name(parent)} "
                f"({'; '.join(notes)})",
            )
        )

    def _diff(self, fixed: _Fix) -> str:
        before = [n.raw for n in self.root.walk()]
        after = [self.root.raw, *_render(fixed.children, _Style.of(self.root))]
        diff = difflib.unified_diff(before, after, self.path, "code", lineterm="", n=1)
        return "make the tree match the code:\n" + "\n".join(diff)


def _tail(ident: str | None) -> str | None:
    return ident.rsplit(".", 1)[-1] if ident else None


def _name(target: Target) -> str:
    if isinstance(target, Application):
        return f"app `{target.otp_app}`"
    return f"`{title(target)}`"


def _code_fix(child: Child) -> _Fix:
    kids = [_code_fix(c) for c in child.children if c.module is not None]
    return _Fix(describe(child), kids)


@dataclass(frozen=True, slots=True)
class _Style:
    tee: str
    elbow: str
    pipe: str
    lead: str

    @classmethod
    def of(cls, root: _Node) -> _Style:
        """The doc's own connectors, widths and indentation (canonical when unseen)."""
        nodes = list(root.walk())[1:]
        first = nodes[0]
        unicode = first.glyph[0] in "├└┣┗"
        width = max(first.width, 3)
        tees = [n.glyph[0] for p in root.walk() for n in p.children[:-1]]
        elbows = [p.children[-1].glyph[0] for p in root.walk() if p.children]
        tee = tees[0] if tees else ("├" if unicode else "|")
        elbow = elbows[0] if elbows else ("└" if unicode else "`")
        dash = first.glyph[1] * (width - 2)
        bar = ("┃" if tee == "┣" else "│") if unicode else "|"
        return cls(
            tee=f"{tee}{dash} ",
            elbow=f"{elbow}{dash} ",
            pipe=bar.ljust(width),
            lead=" " * max(first.column, 0),
        )


def _render(children: list[_Fix], style: _Style, prefix: str | None = None) -> list[str]:
    prefix = style.lead if prefix is None else prefix
    lines: list[str] = []
    for n, child in enumerate(children):
        last = n == len(children) - 1
        lines.append(f"{prefix}{style.elbow if last else style.tee}{child.label}".rstrip())
        more = " " * len(style.pipe) if last else style.pipe
        lines += _render(child.children, style, prefix + more)
    return lines
