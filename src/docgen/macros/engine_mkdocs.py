"""What the pluglet adds to a MkDocs build beyond macros (mkdocs-macros gives
pluglets no page hooks after Markdown, so these go through MkDocs' own events).

- Block fragments skip Markdown (:mod:`docgen.slots`): the macro leaves a one-line
  placeholder, and handlers run after every other plugin's put the HTML back:
  tables and progress at ``on_page_content`` (so search still indexes them),
  diagrams at ``on_post_page`` (search would only index SVG coordinates).
  Python-Markdown's raw HTML pass and Material's indexer otherwise walk every
  SVG element, which costs a build more than docgen's own work.
- ``mkdocs serve`` watches the analysed Elixir folder, so a project with no
  ``watch:`` entry still rebuilds when an ``.ex`` file changes.

Both use MkDocs' plugin collection; where it lacks what is needed (another MkDocs
version), the diagrams stay inline and nothing else changes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docgen.paths import is_covered
from docgen.session import Session

LAST = -100
"""Event priority of the placeholder filler: after every other plugin."""


def hook_build(config: Any, session: Session) -> bool:
    """Register this build's page filler on ``config``; ``False`` when it cannot."""
    register = getattr(getattr(config, "plugins", None), "_register_event", None)
    if not callable(register):
        return False

    slots = session.slots

    def fill_searchable(html: str, /, **_context: Any) -> str:
        return slots.fill(html, searchable_only=True)

    def fill_all(output: str, /, **_context: Any) -> str:
        return slots.fill(output)

    for event, handler in (("page_content", fill_searchable), ("post_page", fill_all)):
        handler.mkdocs_priority = LAST  # type: ignore[attr-defined]
        register(event, handler, plugin_name="docgen")
    _watch(config, session.settings.elixir_dir())
    return True


def _watch(config: Any, folder: Path) -> None:
    try:
        watched = config["watch"]
    except (KeyError, TypeError):
        return
    if isinstance(watched, list) and folder.is_dir() and not is_covered(folder, watched, folder):
        watched.append(str(folder))  # MkDocs has made every entry absolute
