"""HTML fragments for the site, through Jinja templates (autoescaped).

Fragments contain no blank lines, so Markdown keeps them as one raw HTML block.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from docgen.plans.models import Plan, percent


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("docgen.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.globals["percent"] = percent
    return env


def render_template(name: str, **context: Any) -> str:
    html = environment().get_template(name).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())


def plan_progress_html(plan: Plan) -> str:
    """Overall bar plus one row per section: done/total and percent."""
    return render_template("plan_progress.html", plan=plan, sections=plan.progress_sections())


def roadmap_html(
    plans: Sequence[Plan],
    links: Sequence[str],
    disagreements: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """Every phase plan: title, status (with open follow-ups), progress, items left,
    and what other plans say against it (``disagreements`` by plan path)."""
    found = disagreements or {}
    rows = [
        (plan, link, list(found.get(plan.path, ())))
        for plan, link in zip(plans, links, strict=True)
    ]
    return render_template("roadmap.html", rows=rows)


def badge_html(plan: Plan) -> str:
    return render_template("badge.html", plan=plan)


def diagram_html(
    svg: str,
    caption: str,
    css_class: str = "",
    legend: Sequence[tuple[str, str, str]] = (),
) -> str:
    """A figure: the inline SVG, its caption, and a legend of ``(symbol, words, css)``."""
    return render_template(
        "diagram.html", svg=svg, caption=caption, css_class=css_class, legend=legend
    )


def message_html(kind: str, title: str, text: str) -> str:
    """A Material admonition (``warning``, ``failure``…) for problems shown in a page."""
    return render_template("message.html", kind=kind, title=title, text=text)
