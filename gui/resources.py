"""Where the app's icons and translations live: the repository's `resources/` folder.

Conveyor runs from its source tree (`make run` installs it editable), so the files are
found relative to this package rather than shipped as package data; a wheel would need
`resources/` added as package data and this one function changed.
"""

from __future__ import annotations

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """The path of a file under `resources/`, e.g. `resource_path("icons", "conveyor.svg")`."""
    return RESOURCES.joinpath(*parts)
