"""What the repository's code calls a name: a table, an atom, a config key, a module.

Plan lint must not call ``dg_events`` "a missing OTP app" when a migration creates a
table of that name, nor a module "undefined" when a migration under ``priv/`` defines
it. :class:`CodeNames` reads the repository's code once, when a check first asks:
Elixir files (``.ex``, ``.exs``) with tree-sitter, which tells an atom from a keyword
key, a string, a module alias and a table name (the first argument of ``table``,
``schema``, ``index``, ``references``…); other code and configuration files (Python,
SQL, YAML, JSON, shell, Makefiles…) as words. Prose (Markdown, text) is not code
and is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from tree_sitter import Node

from docgen.elixir.syntax import DEFAULT_CACHE, line_of

CODE_SUFFIXES = frozenset(
    {
        *(".ex", ".exs", ".eex", ".heex", ".leex", ".erl", ".hrl", ".py", ".sql"),
        *(".yml", ".yaml", ".toml", ".json", ".sh", ".bash", ".js", ".mjs", ".ts"),
        *(".cfg", ".ini", ".env", ".conf", ".tf", ".proto", ".graphql", ".rb", ".go"),
    }
)
CODE_NAMES = frozenset({"Makefile", "Dockerfile", "Procfile", "Justfile", "docker-compose.yml"})
WALK_SKIPPED = frozenset({"node_modules", "_build", "deps", "site", "__pycache__", "venv"})
"""Folders plan lint does not walk (dependencies, build output, the built site)."""
SKIPPED = WALK_SKIPPED | {"dist", "target"}
"""Folders whose files are not the repository's own code (packaged or compiled copies)."""
MAX_BYTES = 2_000_000
TABLE_CALLS = frozenset(
    {
        *("table", "schema", "embedded_schema", "index", "unique_index", "references"),
        *("create_table", "drop_table", "rename_table", "alter_table", "from"),
    }
)
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)*")


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a name: as what, where."""

    kind: str
    """``table``, ``config app``, ``atom``, ``key``, ``string``, ``module``,
    ``module defined``, ``function``, or ``word`` (a non-Elixir file)."""
    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.kind} ({self.file}:{self.line})"


class CodeNames:
    """The names the code under ``root`` uses; the first few uses of each kind kept.

    ``paths`` are the repository's files (and folders) relative to ``root``, as plan
    lint walked them; code is read from those not in :data:`SKIPPED` folders.
    """

    def __init__(self, root: Path, paths: Sequence[str]) -> None:
        self.root = root
        self.paths = paths

    def uses(self, name: str) -> list[Use]:
        return self._index.get(name, [])

    def defines_module(self, name: str) -> bool:
        return any(u.kind == "module defined" for u in self.uses(name))

    def mentions(self, text: str) -> Use | None:
        """A code or configuration file holding ``text`` verbatim (a path, say)."""
        for rel, data in self._texts:
            at = data.find(text)
            if at >= 0:
                return Use("mention", rel, data.count("\n", 0, at) + 1)
        return None

    @cached_property
    def _files(self) -> list[tuple[str, bytes]]:
        out: list[tuple[str, bytes]] = []
        for rel in self.paths:
            *folders, name = rel.split("/")
            if not (Path(name).suffix in CODE_SUFFIXES or name in CODE_NAMES):
                continue
            if any(folder in SKIPPED for folder in folders):
                continue
            path = self.root / rel
            try:
                if not path.is_file() or path.stat().st_size > MAX_BYTES:
                    continue
                data = path.read_bytes()
            except OSError:
                continue
            if b"\0" not in data[:4096]:
                out.append((rel, data))
        return out

    @cached_property
    def _texts(self) -> list[tuple[str, str]]:
        return [(rel, data.decode("utf-8", errors="replace")) for rel, data in self._files]

    @cached_property
    def _index(self) -> dict[str, list[Use]]:
        index: dict[str, list[Use]] = {}
        for rel, data in self._files:
            found = _elixir_uses(data) if rel.endswith((".ex", ".exs")) else _word_uses(data)
            for name, kind, line in found:
                uses = index.setdefault(name, [])
                if len(uses) < 8 and all(u.kind != kind for u in uses):
                    uses.append(Use(kind, rel, line))
        return index


def _word_uses(data: bytes) -> Iterator[tuple[str, str, int]]:
    text = data.decode("utf-8", errors="replace")
    seen: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word not in seen:
            seen.add(word)
            yield word, "word", text.count("\n", 0, match.start()) + 1


def _elixir_uses(data: bytes) -> Iterator[tuple[str, str, int]]:
    parsed = DEFAULT_CACHE.get(data)
    for root in parsed.roots:
        stack = [root]
        while stack:
            node = stack.pop()
            kind = node.type
            if kind == "atom":
                name = _text(node)[1:]
                yield name, _context(node, "atom"), line_of(node)
                continue
            if kind == "keyword":
                name = _text(node).rstrip().rstrip(":")
                yield name, "key", line_of(node)
                continue
            if kind == "quoted_content" and node.parent is not None:
                text = _text(node)
                if _WORD.fullmatch(text):
                    yield text, _context(node.parent, "string"), line_of(node)
                continue
            if kind == "alias":
                name = _text(node)
                yield name, _module_kind(node), line_of(node)
                continue
            if kind == "identifier":
                yield _text(node), "function", line_of(node)
                continue
            stack.extend(reversed(node.children))


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def _context(node: object, plain: str) -> str:
    """``table`` when ``node`` is the first argument of a table call, ``config app``
    for ``config :app, …``, else ``plain``."""
    parent = getattr(node, "parent", None)
    if parent is None or parent.type != "arguments":
        return plain
    call = parent.parent
    if call is None or call.type != "call":
        return plain
    first = next((c for c in parent.named_children if c.type != "comment"), None)
    if first is None or first != node:
        return plain
    target = call.child_by_field_name("target")
    name = _text(target) if target is not None else ""
    if name in TABLE_CALLS:
        return "table"
    if name in ("config", "import_config") and plain == "atom":
        return "config app"
    return plain


def _module_kind(node: object) -> str:
    parent = getattr(node, "parent", None)
    call = parent.parent if parent is not None else None
    if parent is not None and parent.type == "arguments" and call is not None:
        target = call.child_by_field_name("target")
        if target is not None and target.text == b"defmodule":
            return "module defined"
    return "module"
