"""Burn-up chart geometry: plan history → coordinates for the SVG template.

A hand-made SVG through a Jinja template rather than a plotting library: the chart
is two step lines and two axes, a library would add a heavy dependency, fonts and
non-deterministic ids for no gain, and a template keeps the output escaped,
deterministic and styleable by the site's light/dark CSS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from docgen.plans.history import History
from docgen.render.html import message_html, render_template

WIDTH, HEIGHT = 640, 240
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 14, 34


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    done_path: str
    total_path: str
    markers: tuple[Marker, ...]
    y_ticks: tuple[tuple[float, int], ...]
    x_labels: tuple[tuple[float, str, str], ...]
    summary: str


def burnup_html(history: History, title: str) -> str:
    """The chart for ``history``, or an admonition saying why there is none."""
    if not history.points:
        return message_html("info", f"No burn-up chart for {title}", history.note)
    chart = _chart(history, title)
    return render_template(
        "burnup.html",
        chart=chart,
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        note=history.note,
    )


def _chart(history: History, title: str) -> Chart:
    points = history.points
    stamps = [p.timestamp for p in points]
    span = max(stamps) - min(stamps)
    top = max(max(p.total for p in points), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x_of(i: int) -> float:
        if len(points) == 1:
            return LEFT + plot_w / 2
        frac = (stamps[i] - stamps[0]) / span if span else i / (len(points) - 1)
        return round(LEFT + frac * plot_w, 1)

    def y_of(value: int) -> float:
        return round(TOP + plot_h - value / top * plot_h, 1)

    xs = [x_of(i) for i in range(len(points))]
    markers = tuple(
        Marker(
            xs[i],
            y_of(p.done),
            f"{_date(p.timestamp)} {p.commit[:8]}: {p.done}/{p.total} — {p.subject}",
        )
        for i, p in enumerate(points)
    )
    end_x = LEFT + plot_w
    ticks = tuple(sorted({(y_of(v), v) for v in (0, top // 2, top)}, key=lambda t: -t[0]))
    x_labels: tuple[tuple[float, str, str], ...] = ((xs[0], _date(stamps[0]), "start"),)
    if len(points) > 1:
        x_labels += ((xs[-1], _date(stamps[-1]), "end"),)
    last = points[-1]
    summary = (
        f"{title}: {len(points)} committed versions from {_date(stamps[0])} to "
        f"{_date(stamps[-1])}; now {last.done} of {last.total} items done"
    )
    return Chart(
        title=title,
        done_path=_steps(xs, [y_of(p.done) for p in points], end_x),
        total_path=_steps(xs, [y_of(p.total) for p in points], end_x),
        markers=markers,
        y_ticks=ticks,
        x_labels=x_labels,
        summary=summary,
    )


def _steps(xs: list[float], ys: list[float], end_x: float) -> str:
    """An SVG path that holds each value until the next commit (a step line)."""
    parts = [f"M{xs[0]},{ys[0]}"]
    for x, y in zip(xs[1:], ys[1:], strict=True):
        parts.append(f"H{x}V{y}")
    parts.append(f"H{end_x}")
    return "".join(parts)


def _date(stamp: int) -> str:
    return datetime.fromtimestamp(stamp, UTC).strftime("%Y-%m-%d")
