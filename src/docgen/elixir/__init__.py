"""Static analysis of Elixir/OTP supervision trees (no Elixir needed).

``analyse(root)`` finds every mix project under ``root``, reads the modules in
their ``lib/`` with tree-sitter and returns an :class:`Analysis`: applications,
their supervision trees, and diagnostics (``DG101`` syntax error, ``DG102``
unreadable file, ``DG103`` application module not defined, ``DG104`` supervisor
cycle, ``DG105`` no readable supervisor in ``start/2``, ``DG106`` duplicate
module, ``DG107`` unknown in-umbrella dependency, ``DG108`` no ``app:`` in
``mix.exs``). Parsed files are cached by content hash in ``DEFAULT_CACHE``.
"""

from __future__ import annotations

from docgen.elixir.loader import analyse
from docgen.elixir.mix import Dep, MixProject, find_mix_projects
from docgen.elixir.models import Analysis, Application, Child, Kind, SupervisorInfo
from docgen.elixir.syntax import DEFAULT_CACHE, ParseCache

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
