"""Ownership claims in the docs, compared with who starts what in the code (DG41x).

Architecture pages say which OTP app owns which long-lived process, in a table::

    | App        | Process                        |
    |------------|--------------------------------|
    | `dg_store` | `DecisionGraph.Store.Repo`     |

or in list items: "`dg_store` owns `DecisionGraph.Store.Repo`", "**dg_web**:
Endpoint, PubSub", "dg_projector: `DecisionGraph.Projector.WorkerRegistry`, …",
"`X` is started by `dg_web`". Findings, at the line of the claim:

======  ========  ==============================================================
DG411   error     a claim says app X owns process P, the code starts P under app Y
DG412   error     a claim names a process that no app starts
======  ========  ==============================================================

The check is conservative: a table counts only when one header names the app
(app, application, owner, OTP app, owned/started by) and another the process
(process, module, name, registered name, child, server, worker); a list item
only when a clause starts with a known OTP app followed by ``:``/``—``, says
"<app> owns/starts/supervises/runs/hosts …" or "… is owned/started/supervised by
<app>". Of the tokens claimed, only module names sharing a root namespace with
the analysed modules and registered names the code gives are checked; words,
library modules (``Registry``) and globs (``Foo.*``) are not. A project module no
app starts is not reported when the claim says it is started on demand, when it
lives in the claimed app's namespace and that app has a dynamic or task
supervisor (workers started at runtime), or when the module exists and the claim
may be a mere listing of modules (a "Module" column, "app: A, B"). Rows and items with macro calls
(``{{ … }}``) are generated and skipped; so is anything in code blocks or quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from docgen.checks.drift import (
    DYNAMIC,
    IDENT,
    ON_DEMAND,
    ProcessIndex,
    clean,
    code_where,
    has_macro,
    markdown_pages,
)
from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.models import Analysis, Application
from docgen.markdown import Table, code_and_tables, outline
from docgen.project import Project

WRONG_APP = "DG411"
NOT_STARTED = "DG412"

_APP_HEADER = re.compile(
    r"^(?:otp )?(?:app|apps|application|owner|owning app(?:lication)?|owner app"
    r"|(?:owned|started|supervised) by)$"
)
_PROCESS_HEADER = re.compile(r"\b(?:process(?:es)?|modules?|names?|registered|child|server|worker)")
_EXPLICIT_HEADER = re.compile(r"process|registered|server|worker|child")
_APP_WORD = r"(?P<app>[a-z][a-z0-9_]*)"
_CLAUSES = re.compile(r";|\.\s+")
_ITEM_PATTERNS = (
    re.compile(rf"^\s*{_APP_WORD}\s*(?::|—|–|->|→|\s-\s)\s*(?P<rest>.+)$", re.S),
    re.compile(
        rf"(?<![\w.]){_APP_WORD}\s+(?:owns|starts|supervises|runs|hosts)\s+(?P<rest>.+)$", re.S
    ),
    re.compile(
        rf"^(?P<rest>.+?)\b(?:is|are)\s+(?:owned|started|supervised|run|hosted)"
        rf"(?:\s+[\w-]+){{0,3}}?\s+(?:by|in|under)\s+{_APP_WORD}(?![\w/-]|\.\w)",
        re.S,
    ),
)
_APP_CELL = re.compile(r"(?<![\w./-])([a-z][a-z0-9_]*)(?![\w./-])")


@dataclass(frozen=True, slots=True)
class Claim:
    """``app`` is said to own ``process`` at ``line``; ``text`` is the claim's context."""

    line: int
    app: str
    process: str
    text: str
    explicit: bool = True
    """Said of a *process* (a "Process" column, "owns"/"is started by"), not a listing."""


def check_ownership(project: Project, analysis: Analysis) -> list[Diagnostic]:
    """DG411/DG412 for every ownership claim under ``project.docs_dir``."""
    index = ProcessIndex(analysis)
    known = {a.otp_app for a in analysis.applications}
    elixir = project.root / project.settings.elixir_path
    prefix = project.settings.elixir_path.strip("./") if elixir.is_dir() else ""
    found: list[Diagnostic] = []
    for path, text in markdown_pages(project):
        for claim in claims(text, index, known):
            finding = _judge(claim, index, prefix)
            if finding is not None:
                code, message = finding
                found.append(Diagnostic(code, Severity.ERROR, Location(path, claim.line), message))
    return sorted(found, key=Diagnostic.sort_key)


_TABLE_RULE = re.compile(r"^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$", re.M)
"""The delimiter row every pipe table has (``|---|:--:|``)."""


def claims(text: str, index: ProcessIndex, known: set[str]) -> Iterator[Claim]:
    """Every checkable ownership claim of one page, tables first."""
    if _TABLE_RULE.search(text) is not None:  # else no pipe table to parse for
        for table in code_and_tables(text).tables:
            yield from _table_claims(table, index)
    for entry in outline(text):
        if entry.kind == "item" and entry.raw and not has_macro(entry.raw):
            yield from _item_claims(entry.raw, entry.line, index, known)


def _table_claims(table: Table, index: ProcessIndex) -> Iterator[Claim]:
    header, *body = table.rows
    names = [_plain(cell).lower().strip(" :") for cell in header.cells]
    apps = [n for n, name in enumerate(names) if _APP_HEADER.match(name)]
    processes = [
        n for n, name in enumerate(names) if n not in apps and _PROCESS_HEADER.search(name)
    ]
    if len(apps) != 1 or not processes:
        return
    for row in body:
        if any(has_macro(cell) for cell in row.cells) or len(row.cells) <= apps[0]:
            continue
        app = _app_of_cell(_plain(row.cells[apps[0]]), index)
        if app is None:
            continue
        context = " ".join(row.cells)
        for n in processes:
            if n < len(row.cells):
                explicit = _EXPLICIT_HEADER.search(names[n]) is not None
                for token in _tokens(row.cells[n], index):
                    yield Claim(row.line, app, token, context, explicit)


def _app_of_cell(cell: str, index: ProcessIndex) -> str | None:
    """The one app a cell names: an OTP app word or an application module."""
    found = {app.otp_app for ident in IDENT.findall(cell) if (app := index.apps.get(clean(ident)))}
    words = _APP_CELL.findall(cell.split("(")[0])
    found |= {w for w in words if w in index.apps or "_" in w}
    return found.pop() if len(found) == 1 else None


def _item_claims(raw: str, line: int, index: ProcessIndex, known: set[str]) -> Iterator[Claim]:
    plain = _plain(raw).replace("\n", " ")
    lines = raw.split("\n")
    for clause in _CLAUSES.split(plain):
        for n, pattern in enumerate(_ITEM_PATTERNS):
            match = pattern.search(clause)
            if match is None or match["app"] not in known:
                continue
            for token in _tokens(match["rest"], index):
                at = next((k for k, text in enumerate(lines) if token in text), 0)
                yield Claim(line + at, match["app"], token, clause, explicit=n > 0)
            break


def _tokens(text: str, index: ProcessIndex) -> Iterator[str]:
    """Module and registered names in ``text`` worth checking (see module docstring)."""
    for ident in dict.fromkeys(clean(i) for i in IDENT.findall(_plain(text))):
        project = not ident.startswith(":") and ident.split(".")[0] in index.roots
        if ident in index.by_name or (project and "." in ident):
            yield ident


def _judge(claim: Claim, index: ProcessIndex, prefix: str) -> tuple[str, str] | None:
    places = index.by_name.get(claim.process) or index.by_module.get(claim.process, [])
    owners = {p.app.otp_app for p in places}
    for app in index.analysis.applications:
        if claim.process in (app.application_module, app.supervisor.name):
            owners.add(app.otp_app)
    if claim.app in owners:
        return None
    if owners:
        where = ", ".join(
            f"`{p.app.otp_app}` ({code_where(p.child, prefix)})" for p in places[:3]
        ) or ", ".join(f"`{o}`" for o in sorted(owners))
        return (
            WRONG_APP,
            f"`{claim.app}` is said to own `{claim.process}`, but the code starts it under {where}",
        )
    claimed = index.apps.get(claim.app)
    if DYNAMIC.search(claim.text) or (claimed and _on_demand(claim.process, claimed)):
        return None
    defined = claim.process in index.analysis.modules
    if defined and not claim.explicit:
        return None  # "app: modules…" may list modules, not processes
    why = "the module exists, but nothing starts it" if defined else "no such module exists"
    return (
        NOT_STARTED,
        f"`{claim.app}` is said to own `{claim.process}`, but no app starts it ({why})",
    )


def _on_demand(process: str, app: Application) -> bool:
    """A module of ``app``'s namespace, which has a supervisor for runtime children."""
    namespace = (app.application_module or "").rsplit(".", 1)[0]
    if not namespace or not process.startswith(namespace + "."):
        return False
    return any(child.kind in ON_DEMAND for child in app.walk())


def _plain(text: str) -> str:
    return text.replace("`", "").replace("**", "").strip()
