"""Static analysis of Elixir/OTP supervision trees (no Elixir needed).

``analyse(root)`` finds every mix project under ``root``, reads the modules in
their ``lib/`` with tree-sitter and returns an :class:`Analysis`: applications,
their supervision trees, and diagnostics (``DG101`` syntax error, ``DG102``
unreadable file, ``DG103`` application module not defined, ``DG104`` supervisor
cycle, ``DG105`` no readable supervisor in ``start/2``, ``DG106`` duplicate
module, ``DG107`` unknown in-umbrella dependency, ``DG108`` no ``app:`` in
``mix.exs``, ``DG109`` an expression nested deeper than 100 levels, ``DG110`` a
supervision tree deeper than 32 levels, ``DG111`` a file that changed while it was
read). Every walk of the syntax tree is iterative
or depth-bounded, so no input depends on Python's recursion limit. Parsed files
are cached by content hash in ``DEFAULT_CACHE``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docgen.elixir.loader import analyse
    from docgen.elixir.mix import Dep, MixProject, find_mix_projects
    from docgen.elixir.models import Analysis, Application, Child, Kind, SupervisorInfo
    from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache

_WHERE = {
    "analyse": "docgen.elixir.loader",
    "Dep": "docgen.elixir.mix",
    "MixProject": "docgen.elixir.mix",
    "find_mix_projects": "docgen.elixir.mix",
    "Analysis": "docgen.elixir.models",
    "Application": "docgen.elixir.models",
    "Child": "docgen.elixir.models",
    "Kind": "docgen.elixir.models",
    "SupervisorInfo": "docgen.elixir.models",
    "DEFAULT_CACHE": "docgen.elixir.syntax",
    "ParseCache": "docgen.elixir.syntax",
}
"""Where each name lives: imported on first use (a build that only finds mix projects
or reads configuration loads no parser)."""


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_CACHE",
    "Analysis",
    "Application",
    "Child",
    "Dep",
    "Kind",
    "MixProject",
    "ParseCache",
    "SupervisorInfo",
    "analyse",
    "find_mix_projects",
]
