"""Asking before something that cannot be undone (cancelling a job, removing a scheduled
one): a window-modal box whose default and Escape answer is the harmless one, so a stray
Enter never destroys anything. Opened with `open()`: the sidebar goes on updating while it
is up."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def ask(
    parent: QWidget,
    name: str,
    title: str,
    text: str,
    *,
    destroy: str,
    keep: str,
    then: Callable[[], None],
) -> QMessageBox:
    """Ask `text`; `then()` runs only if the `destroy` button is pressed. Return the box
    (named `name`), which deletes itself once answered."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName(name)
    yes = box.addButton(destroy, QMessageBox.ButtonRole.DestructiveRole)
    no = box.addButton(keep, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no)
    box.setEscapeButton(no)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: then() if button is yes else None)
    box.open()
    return box
