"""What a repository holds, found without configuration.

A project that installs docgen and adds the pluglet line has no ``extra.docgen``:
the mix projects, the plan files and the repository host are found here instead.

- **Mix projects**: the topmost ``mix.exs`` files under the root (an umbrella's
  apps sit below its own ``mix.exs``), skipping fetched dependencies, build output,
  test trees, virtual environments, hidden folders and the built site. The
  analysed directory is their closest common folder: ``.`` for a project at the
  root, ``elixir`` for one in ``elixir/``.
- **Source links**: ``repo_url`` with the host's own blob URL shape (GitHub and
  most forges, GitLab, Bitbucket), the branch from ``edit_uri`` or else the checked
  out branch, and the path of the MkDocs project inside the git work tree.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from docgen.paths import SKIPPED_DIRS

MAX_DEPTH = 6
"""How deep below the root mix projects are looked for."""

_NOT_PROJECT_DIRS = SKIPPED_DIRS | {"site", "__pycache__", "venv", "env", "priv", "assets"}


@dataclass(frozen=True, slots=True)
class MixLayout:
    """The mix projects found under a root."""

    mix_files: tuple[str, ...]
    """Root-relative POSIX paths of the topmost ``mix.exs`` files, sorted."""
    umbrella_apps: tuple[int, ...]
    """For each mix file, how many apps its ``apps/`` folder holds (0: a single app)."""

    @property
    def elixir_path(self) -> str | None:
        """The closest folder holding every project (``.``: the root); ``None``: none found."""
        if not self.mix_files:
            return None
        parents = [PurePosixPath(f).parent.as_posix() for f in self.mix_files]
        common = os.path.commonpath(parents) if len(parents) > 1 else parents[0]
        return common or "."

    def describe(self) -> str:
        """``elixir/mix.exs (single app)``, ``beam/mix.exs (umbrella, 6 apps)``…"""
        parts = []
        for mix, apps in zip(self.mix_files, self.umbrella_apps, strict=True):
            shape = f"umbrella, {apps} apps" if apps else "single app"
            parts.append(f"{mix} ({shape})")
        return ", ".join(parts) if parts else "no mix.exs"


def find_mix_layout(root: Path, exclude: Iterable[str] = ()) -> MixLayout:
    """The topmost mix projects under ``root`` (``exclude``: root-relative folders)."""
    root = root.resolve()
    excluded = {(root / e).resolve() for e in exclude if e not in ("", ".")}
    found: list[str] = []
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        names = {e.name for e in entries}
        if "mix.exs" in names and (folder / "mix.exs").is_file():
            found.append((folder / "mix.exs").relative_to(root).as_posix())
            continue
        if depth >= MAX_DEPTH or "pyvenv.cfg" in names:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name in _NOT_PROJECT_DIRS:
                continue
            try:
                if not entry.is_dir(follow_symlinks=False):
                    continue
            except OSError:
                continue
            path = Path(entry.path)
            if path.resolve() not in excluded:
                stack.append((path, depth + 1))
    mix_files = tuple(sorted(found))
    return MixLayout(mix_files, tuple(_umbrella_apps(root / m) for m in mix_files))


def _umbrella_apps(mix_file: Path) -> int:
    apps = mix_file.parent / "apps"
    if not apps.is_dir():
        return 0
    try:
        return sum(1 for child in apps.iterdir() if (child / "mix.exs").is_file())
    except OSError:
        return 0


def source_url_template(root: Path, conf: Mapping[str, Any]) -> str | None:
    """A link template (``{path}``, ``{line}``) for source files, from ``repo_url``.

    ``None`` without ``repo_url``. Paths given to the template are relative to
    ``root`` (the folder of ``mkdocs.yml``); when that folder sits inside a larger
    git work tree, its path there is put in front.
    """
    repo_url = conf.get("repo_url")
    if not repo_url or not isinstance(repo_url, str):
        return None
    base = repo_url.rstrip("/")
    if base.endswith(".git"):
        base = base[: -len(".git")]
    host = (urlsplit(base).hostname or "").lower()
    git = _git_dir(root.resolve())
    branch = _edit_uri_branch(conf.get("edit_uri"))
    if branch is None and git is not None:
        branch = _checked_out_branch(git[1])
    prefix = _path_in_work_tree(root, git[0]) if git is not None else ""
    branch = branch or "main"
    path = f"{prefix}/{{path}}" if prefix else "{path}"
    if "gitlab" in host:
        return f"{base}/-/blob/{branch}/{path}#L{{line}}"
    if "bitbucket" in host:
        return f"{base}/src/{branch}/{path}#lines-{{line}}"
    return f"{base}/blob/{branch}/{path}#L{{line}}"


def _edit_uri_branch(edit_uri: Any) -> str | None:
    # "edit/main/docs/" (GitHub), "-/edit/main/docs/" (GitLab), "src/main/docs/" (Bitbucket).
    if not isinstance(edit_uri, str) or "?" in edit_uri or "://" in edit_uri:
        return None
    parts = [p for p in edit_uri.strip("/").split("/") if p and p != "-"]
    if len(parts) > 1 and parts[0] in ("edit", "blob", "src", "tree"):
        return parts[1]
    return None


def _git_dir(root: Path) -> tuple[Path, Path] | None:
    """(work tree, git dir) of the repository holding ``root``."""
    for folder in (root, *root.parents):
        marker = folder / ".git"
        if marker.is_dir():
            return folder, marker
        if marker.is_file():  # a worktree or submodule: "gitdir: <path>"
            text = marker.read_text(encoding="utf-8", errors="replace").strip()
            if text.startswith("gitdir:"):
                return folder, (folder / text[len("gitdir:") :].strip()).resolve()
    return None


def _checked_out_branch(git_dir: Path) -> str | None:
    try:
        head = (git_dir / "HEAD").read_text(encoding="utf-8").strip()
    except OSError:
        return None
    ref = "ref: refs/heads/"
    return head[len(ref) :] if head.startswith(ref) else None


def _path_in_work_tree(root: Path, work_tree: Path) -> str:
    rel = root.resolve().relative_to(work_tree).as_posix()
    return "" if rel == "." else rel
