"""Plan progress over time, from the plan file's git history.

Two git processes in all, whatever the number of commits (through
:class:`docgen.git.Repo`): one ``git log --follow`` lists the commits that touched the
plan (and its path in each, across renames), one ``git cat-file --batch`` streams
every version's content. Each distinct version is
counted once by the plan parser's own item counter, so the last point always equals
the page's progress. No network; a missing git, a file outside any repository or a shallow
clone is reported in :attr:`History.note` instead of failing.
"""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import dataclass
from pathlib import Path

from docgen.plans.parser import count_items

_SEP = "\x1e"
_FIELD = "\x1f"


@dataclass(frozen=True, slots=True)
class Point:
    """Progress of the plan as committed in ``commit`` at ``timestamp`` (Unix seconds)."""

    commit: str
    timestamp: int
    subject: str
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class History:
    """Points oldest first; ``note`` says why history is missing or partial."""

    path: str
    points: tuple[Point, ...]
    note: str = ""
    shallow: bool = False


def plan_history(root: Path, rel_path: str) -> History:
    """The progress history of the plan at ``rel_path`` (relative to ``root``)."""
    from docgen.git import GitError, Repo

    if shutil.which("git") is None:
        return History(rel_path, (), "git is not installed, so there is no history to plot")
    try:
        repo = Repo(root)
    except GitError:
        return History(rel_path, (), "not inside a git repository, so there is no history")
    try:
        in_repo = (root / rel_path).resolve().relative_to(repo.top.resolve()).as_posix()
    except ValueError:
        return History(rel_path, (), "the plan lies outside the git repository")
    shallow = repo.is_shallow()
    log = repo.text(
        "log",
        "--follow",
        "--name-only",
        "--no-color",
        "-z",
        f"--format={_SEP}%H{_FIELD}%ct{_FIELD}%s",
        "--",
        in_repo,
    )
    commits = _parse_log(log or "")
    if not commits:
        return History(rel_path, (), "the plan has no committed history yet", shallow)
    try:
        blobs = repo.blobs(f"{sha}:{path}" for sha, _, _, path in commits)
    except GitError as error:
        return History(rel_path, (), str(error), shallow)
    points: list[Point] = []
    counted: dict[str, tuple[int, int]] = {}
    for sha, stamp, subject, path in commits:
        data = blobs.get(f"{sha}:{path}")
        if data is None:
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest not in counted:
            counted[digest] = count_items(data.decode("utf-8", errors="replace"))
        done, total = counted[digest]
        points.append(Point(sha, stamp, subject, done, total))
    points.reverse()
    note = "shallow clone: only the fetched part of the history is shown" if shallow else ""
    return History(rel_path, tuple(points), note, shallow)


def _parse_log(log: str) -> list[tuple[str, int, str, str]]:
    """(sha, timestamp, subject, path) per commit, newest first."""
    commits = []
    for record in log.split(_SEP)[1:]:
        header, *names = (part.strip("\n") for part in record.split("\0"))
        fields = header.split(_FIELD)
        paths = [n for n in names if n]
        if len(fields) != 3 or not paths:
            continue
        commits.append((fields[0], int(fields[1]), fields[2], paths[0]))
    return commits
