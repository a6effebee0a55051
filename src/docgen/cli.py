"""The ``docgen`` command line: ``tree``, ``diff``, ``progress``, ``check``.

Conventions of Python tooling: subcommands, ``--format``, exit 0 when clean, 1 when
error-level diagnostics were found, 2 for usage or internal errors, with
``docgen: error: …`` on stderr. ``main(argv)`` is callable in-process for tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docgen import __version__
from docgen.checks import FAMILIES
from docgen.diagnostics import Diagnostic, Severity
from docgen.errors import DocgenError
from docgen.paths import find_root

if TYPE_CHECKING:
    from docgen.elixir.models import Analysis
    from docgen.revisions import Revisions


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        code: int = args.run(args)
    except DocgenError as error:
        print(f"docgen: error: {error}", file=sys.stderr)
        return 2
    return code


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docgen", description="Docs-as-code for OTP projects: trees, plans, checks."
    )
    parser.add_argument("--version", action="version", version=f"docgen {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    tree = sub.add_parser("tree", help="supervision trees statically read from Elixir source")
    tree.add_argument(
        "path", nargs="?", help="where to look for mix projects (default: the repository root)"
    )
    tree.add_argument("--format", choices=("text", "json", "dot"), default="text")
    tree.add_argument("--app", help="only this OTP application")
    tree.add_argument(
        "--rev",
        metavar="REV",
        help="as of this git revision (a SHA, tag, branch, HEAD~3, phase:N), read from "
        "git's object store without a checkout",
    )
    tree.set_defaults(run=_tree)

    diff = sub.add_parser(
        "diff",
        help="what changed in the supervision trees between two revisions",
        description="Compare the trees of REV_A with REV_B (default: the working tree). "
        "Revisions: anything git rev-parse accepts, phase:N (the commit at which phase "
        "N's plan was done), or 'worktree'.",
    )
    diff.add_argument("rev_a", metavar="REV_A")
    diff.add_argument("rest", nargs="*", metavar="[REV_B] [PATH]")
    diff.add_argument("--format", choices=("text", "json", "github"), default="text")
    diff.add_argument("--app", help="only this OTP application")
    diff.add_argument(
        "--exit-code", action="store_true", help="exit 1 when the trees differ (as git diff)"
    )
    diff.set_defaults(run=_diff)

    progress = sub.add_parser("progress", help="checklist progress of the plan files")
    progress.add_argument("path", nargs="?", help="repository root (default: found from here)")
    progress.add_argument("--format", choices=("text", "json"), default="text")
    progress.set_defaults(run=_progress)

    check = sub.add_parser("check", help="links, anchors, drift and plan claims: one report for CI")
    check.add_argument("path", nargs="?", help="project root (default: found from here)")
    check.add_argument("--format", choices=("text", "json", "github"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    check.add_argument("--site", metavar="DIR", help="also check a built site's HTML")
    check.add_argument(
        "--external",
        action="store_true",
        help="also fetch external URLs (timeout, concurrency, on-disk cache)",
    )
    check.add_argument(
        "--only",
        metavar="FAMILY",
        action="append",
        help="run only these check families (repeatable): " + ", ".join(FAMILIES),
    )
    check.set_defaults(run=_check)
    return parser


def _existing_dir(path: str | None) -> Path:
    if path is None:
        return find_root(Path.cwd())
    root = Path(path)
    if not root.is_dir():
        raise DocgenError(f"{path}: no such directory")
    return root


def _tree(args: argparse.Namespace) -> int:
    from docgen.elixir import analyse
    from docgen.render.dot import supervision_dot
    from docgen.render.text import tree_text

    rev = args.rev
    analysis = _analysis_at(args.path, rev) if rev else analyse(_existing_dir(args.path))
    if args.app and analysis.application(args.app) is None:
        raise DocgenError(f"no application {args.app!r} under {args.path}")
    if args.format == "json":
        data = analysis.to_dict()
        if args.app:
            data["applications"] = [a for a in data["applications"] if a["otp_app"] == args.app]
        _print_json(data)
    elif args.format == "dot":
        sys.stdout.write(supervision_dot(analysis, args.app))
    else:
        sys.stdout.write(tree_text(analysis, args.app))
        _print_diagnostics(analysis.diagnostics)
    return _exit_code(analysis.diagnostics)


def _analysis_at(path: str | None, rev: str) -> Analysis:
    """The analysis of ``path`` (default: the repository root) at revision ``rev``."""
    start, revisions = _revisions(path)
    return revisions.analysis(rev, revisions.repo.relative(start))[0]


def _revisions(path: str | None) -> tuple[Path, Revisions]:
    """Where to analyse (``path``, default: the repository root) and the revisions
    of its repository, with the plan globs of its project (for ``phase:N``)."""
    from docgen.git import Repo
    from docgen.project import load_project
    from docgen.revisions import Revisions

    start = Path(path) if path is not None else find_root(Path.cwd())
    repo = Repo(start)
    root = find_root(start if start.is_dir() else Path.cwd())
    return start, Revisions(repo, root, load_project(root).settings.plan_globs)


def _diff(args: argparse.Namespace) -> int:
    from docgen.elixir import analyse
    from docgen.elixir.diff import diff_analyses
    from docgen.render.diff import diff_annotations, diff_text
    from docgen.revisions import WORKTREE

    rev_b, path = _diff_operands(args.rev_a, args.rest)
    start, revisions = _revisions(path)
    repo = revisions.repo
    where = repo.relative(start)
    before, from_commit = revisions.analysis(args.rev_a, where, missing_ok=True)
    if rev_b == WORKTREE:
        if not start.is_dir():
            raise DocgenError(f"{start}: no such directory in the working tree")
        after, to_rev = analyse(start), WORKTREE
    else:
        after, to_rev = revisions.analysis(rev_b, where, missing_ok=True)
        if repo.kind(from_commit, where) is None and repo.kind(to_rev, where) is None:
            raise DocgenError(f"{where}: not a folder at {args.rev_a} nor at {rev_b}")
    changes = diff_analyses(before, after, from_commit, to_rev)
    if args.app:
        if not any(x.otp_app == args.app for x in changes.applications):
            raise DocgenError(f"no application {args.app!r} at either revision")
        changes = dataclasses.replace(
            changes, applications=tuple(x for x in changes.applications if x.otp_app == args.app)
        )
    if args.format == "json":
        _print_json(changes.to_dict())
    elif args.format == "github":
        for line in diff_annotations(changes, where):
            print(line)
    else:
        sys.stdout.write(diff_text(changes))
    return 1 if args.exit_code and changes.differs else 0


def _diff_operands(rev_a: str, rest: Sequence[str]) -> tuple[str, str | None]:
    """``[REV_B] [PATH]``: with one operand, a revision when git (or ``phase:``,
    ``worktree``) knows it, else a path."""
    from docgen.revisions import WORKTREE

    if len(rest) > 2:
        raise DocgenError("usage: docgen diff REV_A [REV_B] [PATH]")
    if len(rest) == 2:
        return rest[0], rest[1]
    if not rest:
        return WORKTREE, None
    from docgen.git import Repo, UnknownRevisionError

    (only,) = rest
    if only == WORKTREE or only.lower().startswith("phase:"):
        return only, None
    try:
        Repo(Path.cwd()).commit(only)
    except UnknownRevisionError:
        return WORKTREE, only
    return only, None


def _progress(args: argparse.Namespace) -> int:
    from docgen.elixir import analyse
    from docgen.plans import load_plans
    from docgen.plans.lint import Repository, lint_plans
    from docgen.project import load_project

    project = load_project(_existing_dir(args.path))
    settings = project.settings
    root = settings.root
    plans = load_plans(root, settings.plan_globs)
    elixir = settings.elixir_dir()
    repository = Repository.of(root, analyse(elixir) if elixir.is_dir() else None)
    found = [*project.problems, *lint_plans(plans, repository)]
    diagnostics = sorted(set(found), key=Diagnostic.sort_key)
    if args.format == "json":
        _print_json(
            {
                "plans": [p.to_dict() for p in plans],
                "diagnostics": [d.to_dict() for d in diagnostics],
            }
        )
        return _exit_code(diagnostics)
    rows = [("plan", "phase", "done", "total", "%", "status")]
    rows += [
        (
            p.path,
            "" if p.phase is None else str(p.phase),
            str(p.done),
            str(p.total),
            str(p.percent),
            p.status_label,
        )
        for p in plans
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = [
            c.ljust(w) if i in (0, 5) else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    if not plans:
        print(
            f"no plan files found (looked for {', '.join(settings.plan_globs)})",
            file=sys.stderr,
        )
    _print_diagnostics(diagnostics)
    return _exit_code(diagnostics)


def _check(args: argparse.Namespace) -> int:
    from docgen.checks import CheckOptions, run_checks
    from docgen.project import load_project

    root = _existing_dir(args.path)
    families = frozenset(args.only or FAMILIES)
    unknown = sorted(families - set(FAMILIES))
    if unknown:
        raise DocgenError(
            f"unknown check family {', '.join(unknown)} (choose from {', '.join(FAMILIES)})"
        )
    site_dir = None
    if args.site:
        site_dir = Path(args.site)
        if not site_dir.is_dir():
            raise DocgenError(f"--site {args.site}: no such directory (build it first)")
    project = load_project(root)
    found = run_checks(project, CheckOptions(families, site_dir, args.external))
    if args.format == "json":
        json.dump([_json(d) for d in found], sys.stdout, indent=2)
        sys.stdout.write("\n")
    elif args.format == "github":
        for diagnostic in found:
            print(github_annotation(diagnostic))
    else:
        for diagnostic in found:
            print(diagnostic.format_text())
        errors = sum(d.severity is Severity.ERROR for d in found)
        warnings = sum(d.severity is Severity.WARNING for d in found)
        print(f"docgen check: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
    if args.exit_zero:
        return 0
    failing = {Severity.ERROR, Severity.WARNING} if args.strict else {Severity.ERROR}
    return 1 if any(d.severity in failing for d in found) else 0


def _json(diagnostic: Diagnostic) -> dict[str, Any]:
    data = diagnostic.to_dict()
    data["column"] = diagnostic.location.column if diagnostic.location else None
    return data


def github_annotation(diagnostic: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the file and line."""
    from docgen.render.github import diagnostic_annotation

    return diagnostic_annotation(diagnostic)


def _print_json(data: dict[str, Any]) -> None:
    json.dump(data, sys.stdout, indent=2, sort_keys=False)
    sys.stdout.write("\n")


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        print(diagnostic.format_text(), file=sys.stderr)


def _exit_code(diagnostics: Sequence[Diagnostic]) -> int:
    return 1 if any(d.severity is Severity.ERROR for d in diagnostics) else 0


if __name__ == "__main__":
    raise SystemExit(main())
