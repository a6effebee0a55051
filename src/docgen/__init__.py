"""docgen: docs-as-code for OTP projects.

Static analysis of Elixir supervision trees, plan checklist progress and the
renderers behind the DecisionGraph MkDocs site. The public surface is small:
"""

from __future__ import annotations

from docgen.diagnostics import Diagnostic, Location, Severity
from docgen.errors import DocgenError

__version__ = "0.1.0"

__all__ = ["Diagnostic", "DocgenError", "Location", "Severity", "__version__"]
