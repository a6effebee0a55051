"""Phase execution plans: parse Markdown task lists and summarise progress."""

from __future__ import annotations

from docgen.plans import lint
from docgen.plans.discovery import DEFAULT_PLAN_GLOBS, default_plan_globs, find_plans, load_plans
from docgen.plans.models import Plan, Section, TaskItem
from docgen.plans.parser import load_plan, parse_plan

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
