"""The one place the app tells the user something that needs reading before going on: a
job file that cannot be opened or saved, a target folder no file manager could show.

A window-modal box opened with `open()`, not `exec()`: the window goes on painting and the
job goes on reporting while it is up, and no nested event loop runs under the caller.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def tell(parent: QWidget, title: str, text: str, details: str = "") -> QMessageBox:
    """Show `text` (and `details` under it, selectable, such as a path to copy) over
    `parent`; return the box, which deletes itself once closed."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("notice")
    box.setInformativeText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
