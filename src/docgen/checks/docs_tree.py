"""The files of a MkDocs project, and its pages read as MkDocs reads them.

The link check resolves thousands of links; a filesystem call per link would
dominate its run time. The repository is walked once (pruning ``.git``, virtual
environments, dependency and build folders) into in-memory sets, and the docs
files are filtered as MkDocs filters them: dot files and ``templates/`` are left
out, ``exclude_docs`` is honoured, and a ``README.md`` next to an ``index.md`` is
dropped. Pages are prepared so a CommonMark parser sees what Python-Markdown
renders: front matter blanked, Jinja of macro pages blanked, admonition/tab/details
bodies dedented; line numbers never change.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pathspec import GitIgnoreSpec

from docgen.diagnostics import Diagnostic
from docgen.markdown_refs import DocumentRefs
from docgen.project import Project
from docgen.urls import page_url

PRUNED = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        ".tox",
        ".nox",
        "node_modules",
        "_build",
        "deps",
        "__pycache__",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        ".elixir_ls",
    }
)
"""Folder names never walked (their contents are tools' state, not documentation)."""

PAGE_SUFFIXES = (".md", ".markdown")
_DEFAULT_EXCLUDES = (".*", "/templates/")


@dataclass(frozen=True, slots=True)
class RepoIndex:
    """Every file and folder under the root, as posix paths relative to it."""

    root: Path
    files: frozenset[str]
    dirs: frozenset[str]
    pruned: frozenset[str]
    """Repository-relative folders that were not walked (checked on disk if linked)."""

    def exists(self, rel: str) -> bool:
        if rel in self.files or rel in self.dirs or rel == ".":
            return True
        if any(rel == p or rel.startswith(p + "/") for p in self.pruned):
            return (self.root / rel).exists()
        return False


def scan_repository(root: Path, skip: Iterable[str] = ()) -> RepoIndex:
    """Walk ``root`` once; ``skip`` adds repository-relative folders not to walk."""
    files: set[str] = set()
    dirs: set[str] = set()
    pruned: set[str] = set()
    skipped = set(skip)
    seen: set[str] = set()
    stack = [(str(root), "")]
    while stack:
        path, rel = stack.pop()
        real = os.path.realpath(path)
        if real in seen:  # a symlink loop
            continue
        seen.add(real)
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue
        for entry in entries:
            child = f"{rel}{entry.name}"
            try:
                is_dir = entry.is_dir()
            except OSError:
                continue
            if is_dir:
                if entry.name in PRUNED or child in skipped:
                    pruned.add(child)
                    continue
                dirs.add(child)
                stack.append((entry.path, child + "/"))
            else:
                files.add(child)
    return RepoIndex(root, frozenset(files), frozenset(dirs), frozenset(pruned))


@dataclass(slots=True)
class DocsTree:
    """The docs folder as MkDocs' ``Files``: docs-relative paths, site URLs."""

    prefix: str
    """The docs folder relative to the root (``docs``)."""
    files: set[str]
    dirs: set[str]
    dropped: dict[str, str]
    """Files under docs that MkDocs leaves out, with the reason."""
    pages: list[str] = field(default_factory=list)
    use_directory_urls: bool = True
    url_to_page: dict[str, str] = field(default_factory=dict)
    site_paths: set[str] = field(default_factory=set)

    def url_of(self, page: str) -> str:
        return page_url(page, self.use_directory_urls)


def docs_tree(project: Project, repo: RepoIndex) -> DocsTree:
    """The docs files of ``project`` from the repository index."""
    prefix = project.settings.docs_dir.strip("/")
    lead = "" if prefix in ("", ".") else prefix + "/"
    all_files = sorted(f[len(lead) :] for f in repo.files if f.startswith(lead))
    dirs = {d[len(lead) :] for d in repo.dirs if d.startswith(lead)}
    patterns = [*_DEFAULT_EXCLUDES, *_lines(project.config.get("exclude_docs"))]
    excluded = GitIgnoreSpec.from_lines(patterns)
    files: set[str] = set()
    dropped: dict[str, str] = {}
    for rel in all_files:
        if excluded.match_file(rel):
            dropped[rel] = "it is excluded from the site (exclude_docs, or a dot file)"
        else:
            files.add(rel)
    for rel in list(files):
        folder, name = posixpath.split(rel)
        if name == "README.md" and posixpath.join(folder, "index.md") in files:
            files.discard(rel)
            dropped[rel] = f"MkDocs drops it: '{posixpath.join(folder, 'index.md')}' exists"
    tree = DocsTree(prefix, files, dirs, dropped, use_directory_urls=project.use_directory_urls)
    tree.pages = sorted(f for f in files if f.endswith(PAGE_SUFFIXES))
    for page in tree.pages:
        url = tree.url_of(page)
        tree.url_to_page[_url_key(url)] = page
        if url.endswith("/") or not url:
            tree.url_to_page[_url_key(url + "index.html")] = page
    tree.site_paths = {f for f in files if not f.endswith(PAGE_SUFFIXES)} | set(tree.url_to_page)
    return tree


def _url_key(url: str) -> str:
    key = posixpath.normpath(url) if url else "."
    return "" if key == "." else key


def site_key(url_path: str) -> str:
    """A site path (``a/b/``, ``a/b/index.html``) as a key of ``url_to_page``."""
    return _url_key(url_path)


def not_in_nav(project: Project) -> Callable[[str], bool]:
    """Matcher of the ``not_in_nav`` patterns of ``mkdocs.yml`` (gitignore style)."""
    spec = GitIgnoreSpec.from_lines(_lines(project.config.get("not_in_nav")))
    return spec.match_file


def _lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


# ---------------------------------------------------------------- preparing pages
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)?(?:\.{3}|-{3})[ \t]*(?:\n|\Z)", re.DOTALL)
_RENDER_MACROS = re.compile(r"^render_macros\s*:\s*(\S+)", re.MULTILINE)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_OPENER = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===[!+]?)[ \t]")
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """A page's text as the parser should see it; ``shifts[i]``: columns removed on line i+1."""

    text: str
    shifts: tuple[int, ...] | None


def macros_by_default(project: Project) -> bool | None:
    """``None`` without the macros plugin, else its ``render_by_default`` (default true)."""
    options = project.macros_options()
    return None if options is None else bool(options.get("render_by_default", True))


def prepare(text: str, macros: bool | None) -> PreparedPage:
    """Blank front matter (and Jinja when the macros plugin renders the page); dedent blocks."""
    render = bool(macros)
    if text.startswith("---"):
        match = _FRONT_MATTER.match(text)
        if match:
            block = match.group(0)
            if macros is not None:
                flag = _RENDER_MACROS.search(block)
                if flag:
                    render = flag.group(1).strip("'\"").lower() in ("true", "yes", "on", "1")
            text = _blank(block) + text[match.end() :]
    if render and ("{{" in text or "{%" in text):
        text = _JINJA.sub(lambda m: _blank(m.group(0)), text)
    if "!!!" in text or "???" in text or "===" in text:
        return _dedent_blocks(text)
    return PreparedPage(text, None)


def _blank(chunk: str) -> str:
    return re.sub(r"[^\n]", " ", chunk)


def _dedent_blocks(text: str) -> PreparedPage:
    # Python-Markdown renders the 4-space indented body of `!!! note`, `??? note`
    # and `=== "Tab"` as Markdown; CommonMark would see an indented code block.
    lines = text.split("\n")
    shifts = [0] * len(lines)
    bodies: list[int] = []  # source indent of each open body
    fence: str | None = None
    for index, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if not stripped:
            continue
        indent = len(line) - len(stripped)
        while bodies and indent < bodies[-1]:
            bodies.pop()
        removed = bodies[-1] if bodies else 0
        if removed:
            lines[index] = line[removed:]
            shifts[index] = removed
        fenced = _FENCE.match(stripped)
        if fence is not None:
            if fenced and fenced.group(1).startswith(fence):
                fence = None
            continue
        if fenced:
            fence = fenced.group(1)
            continue
        opener = _OPENER.match(line)
        if opener:
            bodies.append(indent + 4)
    return PreparedPage("\n".join(lines), tuple(shifts))


@dataclass(frozen=True, slots=True)
class ParsedPage:
    """One page: where it is, what it links to, the ids it has."""

    src: str
    refs: DocumentRefs
    shifts: tuple[int, ...] | None
    anchors: frozenset[str]
    bad_byte: tuple[int, int, int] | None = None
    """Line, column and value of the first byte that is not UTF-8 (DG001)."""
    unreadable: Diagnostic | None = None
    """Why the page could not be read (DG002): it is then an empty page."""
