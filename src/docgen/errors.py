"""The one exception family docgen raises when work cannot continue.

Everything that is merely wrong with the input (a broken Elixir file, a malformed
plan) is a :class:`~docgen.diagnostics.Diagnostic` instead; see that module.
"""

from __future__ import annotations


class DocgenError(Exception):
    """Work cannot continue; the message names the file/line and the fix."""


class GraphvizNotFoundError(DocgenError):
    """The Graphviz ``dot`` executable is not installed or not on ``PATH``."""


class PathOutsideRootError(DocgenError):
    """A path given to a macro or the configuration escapes the repository root."""
