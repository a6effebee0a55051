"""Plan lint: claims in a plan that the plan itself or the repository contradicts.

Each finding is a :class:`~docgen.diagnostics.Diagnostic` with a stable code:

======  ========  =============================================================
DG201   error     "Phase N complete" is checked while items are unchecked
DG202   warning   a workstream's Deliverables are all checked, its Tasks are not
DG203   warning   a workstream's Tasks are all checked, its Deliverables are not
DG204   error     a checked item names a path that does not exist
DG205   error     a checked item names an OTP app the umbrella does not contain
DG206   error     a checked item names a project module no source file defines
DG207   warning   the same item appears twice in one plan
DG208   warning   a section has no content
DG209   warning   text that looks like a task item but is not one
DG210   warning   the masterplan's section for a phase and its plan disagree
DG211   warning   a checked dependency names a phase whose plan is not complete
DG212   warning   a plan declared complete depends on a phase that is not
======  ========  =============================================================

DG210 to DG212 compare plans with each other (:mod:`docgen.plans.consistency`).
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.elixir.models import Analysis
from docgen.markdown import InlineParts, inline_parts, inline_parts_by_line
from docgen.plans.models import Plan, Section, TaskItem, walk_sections
from docgen.plans.parser import plan_body
from docgen.plans.status import COMPLETE
from docgen.plans.usage import WALK_SKIPPED, CodeNames

_MODULE = re.compile(r"(?<![\w.])([A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)+)(?![\w])")
_WORD = re.compile(r"(?<![\w./-])([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?![\w/.-])")
_PATH_SUFFIXES = frozenset(
    {
        ".md",
        ".yml",
        ".yaml",
        ".exs",
        ".ex",
        ".toml",
        ".json",
        ".py",
        ".txt",
        ".cfg",
        ".ini",
        ".lock",
        ".sh",
        ".css",
        ".js",
        ".ts",
        ".html",
        ".svg",
        ".png",
        ".eex",
        ".heex",
    }
)


@dataclass(frozen=True)
class Repository:
    """What plan lint checks claims against; apps/modules ``None`` when unknown."""

    root: Path
    apps: frozenset[str] | None = None
    modules: frozenset[str] | None = None
    _names: dict[str, bool] = field(default_factory=dict, compare=False)
    """Memo of path look-ups: plans repeat the same paths many times."""
    _used: dict[str, bool] = field(default_factory=dict, compare=False)
    """Memo of :func:`_path_used`."""

    @classmethod
    def of(cls, root: Path, analysis: Analysis | None) -> Repository:
        """Facts from a static analysis; unknown (``None``) when there is none."""
        if analysis is None:
            return cls(root)
        apps = frozenset(a.otp_app for a in analysis.applications)
        return cls(root, apps or None, frozenset(analysis.modules) or None)

    @cached_property
    def file_names(self) -> frozenset[str]:
        """The name of every file and folder (for paths given by name alone)."""
        return frozenset(p.rsplit("/", 1)[-1] for p in self.paths)

    @cached_property
    def code(self) -> CodeNames:
        """How the repository's code uses names (read on first use)."""
        return CodeNames(self.root, self.paths)

    @cached_property
    def path_suffixes(self) -> frozenset[str]:
        """Every file and folder path relative to the root, and each of its tails
        after a ``/`` (for paths written relative to an app: ``lib/dg_store/repo.ex``)."""
        out: set[str] = set()
        for path in self.paths:
            parts = path.split("/")
            out.update("/".join(parts[n:]) for n in range(len(parts)))
        return frozenset(out)

    @cached_property
    def paths(self) -> tuple[str, ...]:
        """Every file and folder, relative to the root."""
        out: list[str] = []
        for current, dirs, files in os.walk(self.root):
            dirs[:] = [
                d
                for d in dirs
                if d not in WALK_SKIPPED and (not d.startswith(".") or d in (".github", ".ci"))
            ]
            base = Path(current).relative_to(self.root).as_posix()
            prefix = "" if base == "." else f"{base}/"
            out.extend(prefix + name for name in (*dirs, *files))
        return tuple(sorted(out))

    def ignored(self, target: str) -> bool:
        """Whether git ignores ``target`` (build output, generated files)."""
        import shutil
        import subprocess

        git = shutil.which("git")
        if git is None:
            return False
        try:
            done = subprocess.run(
                [git, "-C", str(self.root), "check-ignore", "-q", "--no-index", target],
                capture_output=True,
                check=False,
            )
        except OSError:
            return False
        return done.returncode == 0

    @cached_property
    def namespaces(self) -> frozenset[str]:
        return frozenset(m.split(".", 1)[0] for m in self.modules or ())

    @cached_property
    def app_prefixes(self) -> frozenset[str]:
        return frozenset(a.split("_", 1)[0] for a in self.apps or () if "_" in a)


def repository_facts(root: Path, elixir_path: str | None = None) -> Repository:
    """What the repository at ``root`` contains: its OTP apps and project modules.

    The mix projects are read statically (see :mod:`docgen.elixir`), under
    ``elixir_path`` when given, else anywhere under ``root``.
    """
    from docgen.elixir import analyse

    return Repository.of(root, analyse(root / elixir_path if elixir_path else root))


def lint_plan(plan: Plan, repo: Repository) -> list[Diagnostic]:
    """Every finding for ``plan``, in line order."""
    found: list[Diagnostic] = list(plan.problems)
    found += _complete_claim(plan)
    for section in walk_sections(plan.sections):
        found += _workstream(plan, section)
        if section.is_empty:
            found.append(
                _diag(
                    "DG208",
                    Severity.WARNING,
                    plan,
                    section.line,
                    f"section {section.title!r} is empty",
                    "write its content, or remove the heading",
                )
            )
    found += _duplicates(plan)
    for bad in plan.bad_markers:
        found.append(
            _diag(
                "DG209",
                Severity.WARNING,
                plan,
                bad.line,
                f"{bad.text!r} is not a task item",
                bad.hint,
            )
        )
    checked = [item for item in plan.all_items() if item.checked]
    if checked:
        body, first_line = plan_body(plan.source)
        by_line = inline_parts_by_line(body, first_line) if plan.source else {}
        for item in checked:
            parts = by_line.get(item.line) or inline_parts(item.text)
            found += _claims_of(plan, item, parts, repo)
    return sorted(found, key=Diagnostic.sort_key)


def lint_plans(plans: Iterable[Plan], repo: Repository) -> list[Diagnostic]:
    """Every plan's own findings, then what the plans say against each other
    (:mod:`docgen.plans.consistency`)."""
    from docgen.plans.consistency import cross_plan_diagnostics

    chosen = list(plans)
    found = [d for plan in chosen for d in lint_plan(plan, repo)]
    return found + cross_plan_diagnostics(chosen)


def _complete_claim(plan: Plan) -> list[Diagnostic]:
    """Declared complete while items it had to finish are open (follow-ups are not)."""
    declared = plan.declaration()
    if declared is None or declared.state != COMPLETE:
        return []
    open_items = [i for i in plan.core_items() if not i.checked]
    if not open_items:
        return []
    names = "; ".join(f"{i.text!r} (line {i.line})" for i in open_items[:5])
    more = f" and {len(open_items) - 5} more" if len(open_items) > 5 else ""
    return [
        _diag(
            "DG201",
            Severity.ERROR,
            plan,
            declared.line,
            f"phase marked complete but {len(open_items)} item(s) are unchecked: {names}{more}",
            "finish those items, move work for later under a follow-up heading "
            '("Next Steps", "Follow-ups"), or withdraw the completion claim',
        )
    ]


def _workstream(plan: Plan, section: Section) -> list[Diagnostic]:
    parts = {s.title.strip().lower().rstrip(":"): s for s in section.subsections}
    tasks, deliverables = parts.get("tasks"), parts.get("deliverables")
    if tasks is None or deliverables is None or not tasks.total or not deliverables.total:
        return []
    tasks_done = tasks.done == tasks.total
    deliverables_done = deliverables.done == deliverables.total
    if deliverables_done and not tasks_done:
        return [
            _diag(
                "DG202",
                Severity.WARNING,
                plan,
                deliverables.line,
                f"{section.title!r}: all deliverables are checked but "
                f"{tasks.total - tasks.done} task(s) are not",
                "tick the finished tasks, or uncheck the deliverable they block",
            )
        ]
    if tasks_done and not deliverables_done:
        return [
            _diag(
                "DG203",
                Severity.WARNING,
                plan,
                tasks.line,
                f"{section.title!r}: all tasks are checked but "
                f"{deliverables.total - deliverables.done} deliverable(s) are not",
                "tick the delivered items, or add the task still missing",
            )
        ]
    return []


def _duplicates(plan: Plan) -> list[Diagnostic]:
    seen: dict[str, TaskItem] = {}
    found = []
    for item in plan.all_items():
        key = " ".join(item.text.lower().split())
        if key in seen:
            found.append(
                _diag(
                    "DG207",
                    Severity.WARNING,
                    plan,
                    item.line,
                    f"duplicate item {item.text!r} (first at line {seen[key].line})",
                    "remove one of them, or make them say what differs",
                )
            )
        else:
            seen[key] = item
    return found


def _claims_of(
    plan: Plan, item: TaskItem, parts: InlineParts, repo: Repository
) -> list[Diagnostic]:
    found = []
    code = list(parts.code)
    links = [_local(link) for link in parts.links if _local(link)]
    prose = parts.prose
    for target in sorted(set(links + [c for c in code if _looks_like_path(c)])):
        if not _exists(target, plan, repo) and not _path_used(target, repo):
            found.append(
                _diag(
                    "DG204",
                    Severity.ERROR,
                    plan,
                    item.line,
                    f"checked item names {target!r}, which does not exist",
                    "create it, fix the path, or uncheck the item",
                )
            )
    words = " ".join([*code, prose])
    if repo.apps is not None:
        called_an_app = _APP_MENTION.search(item.text) is not None
        for app in sorted({m.group(1) for m in _WORD.finditer(words)}):
            if app in repo.apps:
                continue
            prefixed = app.split("_", 1)[0] in repo.app_prefixes
            if not prefixed and not called_an_app:
                continue  # neither named like the umbrella's apps nor called an app
            claim = _called(app, item.text)
            if claim == "other" or (not prefixed and claim != "app"):
                continue
            problem = _not_an_app(app, claim, repo)
            if problem is not None:
                found.append(_diag("DG205", Severity.ERROR, plan, item.line, *problem))
    if repo.modules is not None:
        for module in sorted({m.group(1) for m in _MODULE.finditer(words)}):
            if module.split(".", 1)[0] not in repo.namespaces or module in repo.modules:
                continue
            if repo.code.uses(module):  # defined or used elsewhere (priv/, config/, test/)
                continue
            found.append(
                _diag(
                    "DG206",
                    Severity.ERROR,
                    plan,
                    item.line,
                    f"checked item names module {module}, which no source file defines",
                    "define it, fix the name, or uncheck the item",
                )
            )
    return found


_APP_MENTION = re.compile(r"\bapp(?:lication)?s?\b|apps/", re.I)
_APP_WORDS = r"(?:(?:otp|umbrella|mix|elixir)\s+)?(?:app|apps|application|applications)"
_OTHER_WORDS = (
    r"tables?|columns?|fields?|indexe?s?|indices|migrations?|keys?|queues?|topics?|channels?|"
    r"buckets?|schemas?|views?|enums?|types?|events?|metrics?|flags?|settings?|env|"
    r"variables?|functions?|modules?|librar(?:y|ies)|packages?|dependenc(?:y|ies)|deps?|"
    r"endpoints?|routes?|jobs?|roles?|permissions?|databases?|db|crates?|gems?|atoms?|"
    r"options?|params?|parameters?|structs?|records?|files?|directory|folders?|scripts?|tasks?"
)


def _called(name: str, text: str) -> str | None:
    """What the item's wording says ``name`` is: ``app`` ("the `x` app", "umbrella
    app x", "apps/x"), ``other`` ("the `x` table", "config key x") or ``None``."""
    quoted = rf"`?{re.escape(name)}`?"
    if re.search(rf"{quoted}\s+{_APP_WORDS}\b", text, re.I) or re.search(
        rf"\b(?:umbrella|otp|mix)\s+app(?:lication)?s?\s+(?:`?\w+`?\s*(?:,|and)\s*)*{quoted}",
        text,
        re.I,
    ):
        return "app"
    if f"apps/{name}" in text:
        return "app"
    if re.search(rf"{quoted}\s+(?:{_OTHER_WORDS})\b", text, re.I) or re.search(
        rf"\b(?:{_OTHER_WORDS})\s+{quoted}", text, re.I
    ):
        return "other"
    return None


def _not_an_app(name: str, claim: str | None, repo: Repository) -> tuple[str, str] | None:
    """The message and hint of a DG205, or ``None`` when the name is not a missing app:
    it is used in the code as something else and the item does not call it an app."""
    known = ", ".join(sorted(repo.apps or ()))
    uses = repo.code.uses(name)
    if any(u.kind == "config app" for u in uses):
        return None  # `config :name, …`: an application, a dependency perhaps
    if not uses:
        return (
            f"checked item names OTP app {name!r}, which the umbrella does not contain",
            f"known apps: {known}",
        )
    if claim != "app":
        return None
    seen = "; ".join(str(u) for u in uses[:3])
    return (
        f"checked item calls {name!r} an OTP app, but the umbrella has no such app; "
        f"the code uses it as {seen}",
        f"known apps: {known}; fix the name, or say what {name!r} is",
    )


def _path_used(target: str, repo: Repository) -> bool:
    """A path that is not where the item says, but is the repository's all the same:
    written relative to an app or sub-folder, ignored by git (generated), or named
    verbatim by the code or configuration."""
    known = repo._used.get(target)
    if known is None:
        known = repo._used[target] = _path_used_now(target, repo)
    return known


def _path_used_now(target: str, repo: Repository) -> bool:
    clean = target.strip("/")
    if not clean or any(c in clean for c in "*?<>{}$…") or "..." in clean:
        return True  # a pattern or a placeholder, not a path
    if clean in repo.path_suffixes:
        return True
    if repo.ignored(clean):
        return True
    return repo.code.mentions(clean) is not None


def _local(href: str) -> str:
    """The file part of a link into the repository; empty for URLs and anchors."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^//", href):
        return ""
    return href.split("#", 1)[0]


def _looks_like_path(text: str) -> bool:
    if not text or any(c.isspace() for c in text) or "://" in text or text.startswith("-"):
        return False
    if "/" in text:
        return re.fullmatch(r"[\w.@-]+(?:/[\w.@-]+)*/?", text) is not None
    return PurePosixPath(text).suffix.lower() in _PATH_SUFFIXES


def _exists(target: str, plan: Plan, repo: Repository) -> bool:
    plan_dir = posixpath.dirname(plan.path)
    key = f"{plan_dir}\0{target}"
    known = repo._names.get(key)
    if known is None:
        known = _find(target, plan_dir, repo)
        repo._names[key] = known
    return known


def _find(target: str, plan_dir: str, repo: Repository) -> bool:
    for base in ("", plan_dir):
        path = repo.root / posixpath.normpath(posixpath.join(base, target))
        if path.exists() and _inside(repo.root, path):
            return True
    return "/" not in target.rstrip("/") and target.rstrip("/") in repo.file_names


def _inside(root: Path, path: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _diag(
    code: str, severity: Severity, plan: Plan, line: int, message: str, hint: str
) -> Diagnostic:
    return Diagnostic(code, severity, Location(plan.path, line), message, hint)
