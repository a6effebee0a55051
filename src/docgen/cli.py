"""The ``docgen`` command line: ``docgen tree``, ``docgen progress``, ``docgen check``.

Conventions of Python tooling: subcommands, ``--format``, exit 0 when clean, 1 when
error-level diagnostics were found, 2 for usage or internal errors, with
``docgen: error: …`` on stderr. ``main(argv)`` is callable in-process for tests.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docgen import __version__
from docgen.checks import FAMILIES
from docgen.diagnostics import Diagnostic, Severity
from docgen.errors import DocgenError
from docgen.paths import find_root


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
    tree.set_defaults(run=_tree)

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

    analysis = analyse(_existing_dir(args.path))
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
            p.status,
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
    level = {"error": "error", "warning": "warning"}.get(diagnostic.severity.value, "notice")
    props = []
    if diagnostic.location is not None:
        props.append(f"file={_gh_prop(diagnostic.location.path)}")
        props.append(f"line={diagnostic.location.line}")
        if diagnostic.location.column:
            props.append(f"col={diagnostic.location.column}")
    props.append(f"title={_gh_prop(diagnostic.code)}")
    message = diagnostic.message + (f"\n{diagnostic.hint}" if diagnostic.hint else "")
    return f"::{level} {','.join(props)}::{_gh_data(message)}"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


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
