"""This site's macros module (``module_name: macros`` in ``mkdocs.yml``).

The macros themselves live in the installable pluglet :mod:`docgen.macros`, which
other projects load with ``plugins: [macros: {modules: [docgen.macros]}]``; this
folder only re-exports it, so the site runs the exact code other teams install.
"""

from __future__ import annotations

from docgen.macros import define_env, on_post_build

__all__ = ["define_env", "on_post_build"]
