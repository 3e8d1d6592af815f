"""The mouse wheel scrolls the page; it changes a combo box or a spin box only once that box
has the keyboard focus (a click or Tab), never because the pointer passed over it.

One event filter on the application does it for every such box of every window, present or
added later. Qt gives these boxes the focus on a wheel turn (`Qt.WheelFocus`) before any
filter sees the turn, so the filter first lowers their focus policy to `StrongFocus` when
they are polished, then passes a wheel turn over a box without focus on to its parent: an
event a filter ignores and consumes goes on to the parent, as an unhandled one does, so the
page under the box scrolls.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox


class WheelGuard(QObject):
    """The application's event filter; see the module docstring. Install it with
    `install_wheel_guard`."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.Wheel, QEvent.Type.Polish):
            return False
        if not isinstance(watched, QComboBox | QAbstractSpinBox):
            return False
        if kind == QEvent.Type.Polish:
            if watched.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            return False
        if watched.hasFocus():
            return False
        event.ignore()
        return True


def install_wheel_guard() -> None:
    """Guard every combo box and spin box of the application, once however often called."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(WheelGuard) is None:
        app.installEventFilter(WheelGuard(app))
