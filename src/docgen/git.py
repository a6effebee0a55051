"""Reading a git repository's object store: revisions, trees and blobs.

Everything goes through git's plumbing (``rev-parse``, ``ls-tree``, ``cat-file
--batch``), so nothing is checked out: the working tree, the index and the
worktree list are never touched, and a ``git clone --no-checkout`` works as well
as a full checkout. No network is used. Failures are :class:`GitError` with a
message a user can act on (git missing, not a repository, an unknown revision,
a shallow clone that lacks it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from docgen.errors import DocgenError


class GitError(DocgenError):
    """A git question that cannot be answered (the message says why)."""


class UnknownRevisionError(GitError):
    """The revision does not name a commit of this repository."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One file of a revision's tree: mode (``100644``, ``120000`` …), blob id, path."""

    mode: str
    oid: str
    path: str
    """Relative to the tree listed, POSIX."""

    @property
    def is_symlink(self) -> bool:
        return self.mode == "120000"


class Repo:
    """A git repository found from a directory inside it (or its top level)."""

    def __init__(self, start: Path) -> None:
        git = shutil.which("git")
        if git is None:
            raise GitError("git is not installed, so no revision can be read")
        self.git = git
        where = _nearest_directory(Path(start))
        self.last_error = ""
        top = self._run_text(where, "rev-parse", "--show-toplevel")
        if top is None:
            why = self.last_error.strip().splitlines()
            detail = f" (git: {why[-1]})" if why and "not a git repository" not in why[-1] else ""
            raise GitError(f"{start}: not inside a git repository{detail}")
        self.top = Path(top.strip())

    # ------------------------------------------------------------ questions
    def run(self, *args: str, data: bytes | None = None) -> bytes | None:
        """``git args`` in the top level; stdout, or ``None`` when git failed."""
        return self._run(self.top, *args, data=data)

    def text(self, *args: str) -> str | None:
        out = self.run(*args)
        return None if out is None else out.decode("utf-8", errors="replace")

    def is_shallow(self) -> bool:
        return (self.text("rev-parse", "--is-shallow-repository") or "").strip() == "true"

    def commit(self, rev: str) -> str:
        """The full SHA of the commit ``rev`` names (anything ``git rev-parse`` takes)."""
        if not rev or rev.startswith("-") or "\n" in rev or "\0" in rev:
            raise UnknownRevisionError(f"{rev!r} is not a revision")
        out = self.text("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        if out is None or not out.strip():
            hint = ""
            if self.is_shallow():
                hint = (
                    "; this is a shallow clone, which may lack it "
                    "(git fetch --unshallow, or --deepen N, fetches more history)"
                )
            raise UnknownRevisionError(f"unknown revision {rev!r} in {self.top}{hint}")
        return out.strip()

    def relative(self, path: Path) -> str:
        """``path`` (absolute or relative to the current directory) relative to the top
        level, POSIX, lexically (the path need not exist in the working tree)."""
        absolute = Path(os.path.normpath(Path.cwd() / path))
        for base in (self.top, self.top.resolve()):
            try:
                rel = absolute.relative_to(base).as_posix()
            except ValueError:
                continue
            return "" if rel == "." else rel
        try:
            rel = absolute.resolve().relative_to(self.top.resolve()).as_posix()
        except ValueError:
            raise GitError(f"{path}: outside the git repository {self.top}") from None
        return "" if rel == "." else rel

    def kind(self, commit: str, path: str) -> str | None:
        """``tree``, ``blob``… of ``commit:path``, or ``None`` when it is not there."""
        out = self.text("cat-file", "-t", f"{commit}:{path}" if path else f"{commit}^{{tree}}")
        return out.strip() if out else None

    def files(self, commit: str, path: str = "") -> list[Entry]:
        """Every blob (files and symlinks) under ``path`` in ``commit``, recursively,
        with paths relative to ``path``; submodules are left out."""
        tree = f"{commit}:{path}" if path else commit
        out = self.run("ls-tree", "-r", "-z", tree)
        if out is None:
            raise GitError(f"cannot list {path or '/'} in {commit[:12]}")
        entries: list[Entry] = []
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            fields = meta.decode("ascii", errors="replace").split(" ")
            if len(fields) != 3 or fields[1] != "blob":
                continue  # a submodule (commit), or a line git did not write
            mode, _kind, oid = fields
            entries.append(Entry(mode, oid, os.fsdecode(name)))
        return entries

    def blobs(self, oids: Iterable[str]) -> dict[str, bytes]:
        """The contents of blobs, from one ``git cat-file --batch`` process."""
        wanted = list(dict.fromkeys(oids))
        if not wanted:
            return {}
        out = self.run("cat-file", "--batch", data=("\n".join(wanted) + "\n").encode())
        if out is None:
            raise GitError("git cat-file could not read the revision's files")
        found: dict[str, bytes] = {}
        pos = 0
        try:
            for oid in wanted:
                end = out.index(b"\n", pos)
                header = out[pos:end].split()
                pos = end + 1
                if len(header) < 3 or header[-1] == b"missing":
                    continue
                size = int(header[2])
                found[oid] = out[pos : pos + size]
                pos += size + 1
        except ValueError:
            raise GitError(
                "git cat-file gave a truncated answer; is the repository intact?"
            ) from None
        return found

    def blob_at(self, commit: str, path: str) -> bytes | None:
        """The content of ``commit:path``, or ``None`` when it is not a file there."""
        return self.run("cat-file", "blob", f"{commit}:{path}")

    # ------------------------------------------------------------ plumbing
    def _run(self, cwd: Path, *args: str, data: bytes | None = None) -> bytes | None:
        try:
            done = subprocess.run(
                [self.git, "-C", str(cwd), *args],
                input=data,
                capture_output=True,
                check=False,
                env=_quiet_env(),
            )
        except OSError as error:
            self.last_error = str(error)
            return None
        if done.returncode != 0:
            self.last_error = done.stderr.decode("utf-8", errors="replace")
            return None
        return done.stdout

    def _run_text(self, cwd: Path, *args: str) -> str | None:
        out = self._run(cwd, *args)
        return None if out is None else out.decode("utf-8", errors="replace")


def _nearest_directory(path: Path) -> Path:
    """``path`` or its nearest existing ancestor (a ``--no-checkout`` clone has no
    files, so the directory asked about may not exist)."""
    path = Path(os.path.normpath(Path.cwd() / path))
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("GIT_TERMINAL_PROMPT", "0")
    env["GIT_OPTIONAL_LOCKS"] = "0"  # a read never takes the index lock
    return env


def normalise(base: str, target: str) -> str | None:
    """``target`` (a symlink's text) joined to the directory ``base`` lexically, or
    ``None`` when it leaves the tree."""
    joined = PurePosixPath(base) / target
    parts: list[str] = []
    for part in joined.parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part == "/":
            return None
        else:
            parts.append(part)
    return "/".join(parts)


def sort_like_walk(paths: Sequence[str]) -> list[str]:
    """``paths`` in the order a directory walk that sorts each directory by name
    visits them (git's own order puts ``a.ex`` before the directory ``a``)."""
    return sorted(paths, key=lambda p: p.split("/"))
