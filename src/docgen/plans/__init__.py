"""Phase execution plans: parse Markdown task lists and summarise progress."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.plans import lint
    from docgen.plans.discovery import (
        DEFAULT_PLAN_GLOBS,
        default_plan_globs,
        find_plans,
        load_plans,
    )
    from docgen.plans.models import Plan, Section, TaskItem
    from docgen.plans.parser import load_plan, parse_plan

_WHERE = {
    "DEFAULT_PLAN_GLOBS": "docgen.plans.discovery",
    "default_plan_globs": "docgen.plans.discovery",
    "find_plans": "docgen.plans.discovery",
    "load_plans": "docgen.plans.discovery",
    "Plan": "docgen.plans.models",
    "Section": "docgen.plans.models",
    "TaskItem": "docgen.plans.models",
    "load_plan": "docgen.plans.parser",
    "parse_plan": "docgen.plans.parser",
}
"""Where each name lives: imported on first use (finding plan files, as a build's
configuration does, loads no Markdown parser)."""


def __getattr__(name: str) -> Any:
    if name == "lint":
        return importlib.import_module("docgen.plans.lint")
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_PLAN_GLOBS",
    "Plan",
    "Section",
    "TaskItem",
    "default_plan_globs",
    "find_plans",
    "lint",
    "load_plan",
    "load_plans",
    "parse_plan",
]
