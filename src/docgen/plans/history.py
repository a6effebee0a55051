"""Plan progress over time, from the plan file's git history.

Two git processes in all, whatever the number of commits: one ``git log --follow``
lists the commits that touched the plan (and its path in each, across renames), one
``git cat-file --batch`` streams every version's content. Each distinct version is
counted once by the plan parser's own item counter, so the last point always equals
the page's progress. No network; a missing git, a file outside any repository or a shallow
clone is reported in :attr:`History.note` instead of failing.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
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
    git = shutil.which("git")
    if git is None:
        return History(rel_path, (), "git is not installed, so there is no history to plot")
    top = _git(git, root, "rev-parse", "--show-toplevel")
    if top is None:
        return History(rel_path, (), "not inside a git repository, so there is no history")
    toplevel = Path(top.strip())
    try:
        in_repo = (root / rel_path).resolve().relative_to(toplevel.resolve()).as_posix()
    except ValueError:
        return History(rel_path, (), "the plan lies outside the git repository")
    shallow = (_git(git, toplevel, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    log = _git(
        git,
        toplevel,
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
    contents = _cat_files(git, toplevel, [f"{sha}:{path}" for sha, _, _, path in commits])
    points: list[Point] = []
    counted: dict[str, tuple[int, int]] = {}
    for (sha, stamp, subject, _path), text in zip(commits, contents, strict=True):
        if text is None:
            continue
        digest = hashlib.sha256(text.encode()).hexdigest()
        if digest not in counted:
            counted[digest] = count_items(text)
        done, total = counted[digest]
        points.append(Point(sha, stamp, subject, done, total))
    points.reverse()
    note = "shallow clone: only the fetched part of the history is shown" if shallow else ""
    return History(rel_path, tuple(points), note, shallow)


def _git(git: str, cwd: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            [git, "-C", str(cwd), *args],
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
            errors="replace",
        )
    except OSError:
        return None
    return done.stdout if done.returncode == 0 else None


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


def _cat_files(git: str, cwd: Path, objects: list[str]) -> list[str | None]:
    """Contents of ``rev:path`` objects via one ``git cat-file --batch`` process."""
    done = subprocess.run(
        [git, "-C", str(cwd), "cat-file", "--batch"],
        input=("\n".join(objects) + "\n").encode(),
        capture_output=True,
        text=False,
        check=False,
    )
    data = done.stdout
    out: list[str | None] = []
    pos = 0
    for _ in objects:
        end = data.index(b"\n", pos)
        header = data[pos:end].split()
        pos = end + 1
        if len(header) < 3 or header[-1] == b"missing":
            out.append(None)
            continue
        size = int(header[2])
        out.append(data[pos : pos + size].decode("utf-8", errors="replace"))
        pos += size + 1
    return out
