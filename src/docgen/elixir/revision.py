"""Analysing the Elixir source as it was at a git revision, from git's object store.

:class:`Snapshot` lists a revision's files with one ``git ls-tree`` and walks them
exactly as :func:`~docgen.elixir.sources.walk_files` walks a directory (same
skipped and hidden folders, same order, symlinked files read through, symlinked
folders not entered), so a revision analyses to what a checkout of it would.
Blobs are content-addressed: a file already analysed at another revision under
the same path is taken from the cache by blob id without being fetched, and the
rest come from one ``git cat-file --batch``; parsing goes through the content
hashed parse cache, so a blob is parsed at most once per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from docgen.elixir.loader import analyse_files
from docgen.elixir.models import Analysis
from docgen.elixir.sources import SKIPPED_DIRS, SourceFile
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache, ParsedFile
from docgen.git import Entry, GitError, Repo, normalise, sort_like_walk

VIRTUAL_ROOT = Path("/.docgen-revision")
"""Where a revision's files seem to be: paths that are never on disk, the same for
every revision, so results that only depend on content are shared between them."""


def _wanted_name(name: str) -> bool:
    return name == "mix.exs" or name.endswith(".ex")


class Snapshot:
    """The files under ``path`` in ``commit``, as :class:`~docgen.elixir.sources.Files`."""

    def __init__(
        self, repo: Repo, commit: str, path: str = "", cache: ParseCache | None = None
    ) -> None:
        cache = cache or DEFAULT_CACHE
        kind = repo.kind(commit, path)
        if kind is None:
            raise GitError(f"{path or '/'} does not exist in {commit[:12]}")
        if kind != "tree":
            raise GitError(f"{path} is not a directory in {commit[:12]}")
        self.root = VIRTUAL_ROOT / path if path else VIRTUAL_ROOT
        entries = repo.files(commit, path)
        by_path = {entry.path: entry for entry in entries}
        self._files: dict[str, tuple[str, Entry]] = {}  # as walked → (resolved rel, blob)
        for entry in entries:
            if not _wanted_name(entry.path.rsplit("/", 1)[-1]):
                continue
            target: Entry | None = entry
            rel = entry.path
            hops = 0
            while target is not None and target.is_symlink and hops < 40:
                link = repo_text(repo, target.oid)
                resolved = None if link is None else normalise(_parent(rel), link)
                target = by_path.get(resolved) if resolved is not None else None
                rel = resolved or rel
                hops += 1
            if target is not None and not target.is_symlink:
                self._files[entry.path] = (rel, target)
        unknown = [
            entry.oid
            for rel, entry in self._files.values()
            if not isinstance(cache.recall(("blob", rel, entry.oid)), ParsedFile)
        ]
        self._data = repo.blobs(unknown)

    def walk(self, top: Path, wanted: Callable[[str], bool]) -> list[SourceFile]:
        base = _relative(top, self.root)
        prefix = f"{base}/" if base else ""
        found: list[SourceFile] = []
        for walked in sort_like_walk([p for p in self._files if p.startswith(prefix)]):
            below = walked[len(prefix) :].split("/")
            if not wanted(below[-1]) or any(_skipped(part) for part in below[:-1]):
                continue
            rel, entry = self._files[walked]
            found.append(
                SourceFile(
                    os.fspath(self.root / walked),
                    rel,
                    None,
                    entry.oid,
                    self._data.get(entry.oid),
                )
            )
        return found

    def resolve(self, path: Path) -> Path:
        return Path(os.path.normpath(path))


def repo_text(repo: Repo, oid: str) -> str | None:
    data = repo.blobs([oid]).get(oid)
    return None if data is None else os.fsdecode(data)


def _skipped(name: str) -> bool:
    return name in SKIPPED_DIRS or name.startswith(".")


def _parent(rel: str) -> str:
    return str(PurePosixPath(rel).parent)


def _relative(path: Path, root: Path) -> str:
    rel = Path(os.path.normpath(path)).relative_to(root).as_posix()
    return "" if rel == "." else rel


def analyse_commit(
    repo: Repo,
    commit: str,
    path: str = "",
    cache: ParseCache | None = None,
    missing_ok: bool = False,
) -> Analysis:
    """The analysis of ``path`` (relative to the top level) in ``commit`` (a SHA).

    ``missing_ok``: a folder that did not exist yet at ``commit`` held no
    application (what a comparison with an older revision wants), instead of an error.
    """
    from docgen.collector import collector_paused

    cache = cache or DEFAULT_CACHE
    if missing_ok and repo.kind(commit, path) is None:
        return Analysis(())
    with collector_paused():
        return analyse_files(Snapshot(repo, commit, path, cache), cache)
