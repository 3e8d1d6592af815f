"""What the GUI tests do to real widgets as a user or a screen reader would: drop folders,
read the name a screen reader announces, bring the window to the front, run a job long
enough to act on it while it runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from helpers import write_tree
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QAccessible, QDragEnterEvent, QDragLeaveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget
from pytestqt.qtbot import QtBot

from engine import Job

JOB_TIMEOUT_MS = 60_000

BUTTONS, KEYS = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier


def carrying(paths: list[Path]) -> QMimeData:
    """What a file manager's drag of these paths carries."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def drag_over(widget: QWidget, paths: list[Path]) -> None:
    """Bring a drag of `paths` over `widget`, without dropping it."""
    mime = carrying(paths)  # held here: the event does not keep it alive
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, BUTTONS, KEYS)
    QApplication.sendEvent(widget, enter)


def drag_away(widget: QWidget) -> None:
    """Take the drag over `widget` elsewhere."""
    QApplication.sendEvent(widget, QDragLeaveEvent())


def drop(widget: QWidget, paths: list[Path]) -> None:
    """Drag in and drop, as a file manager does (Qt delivers a drop only after an enter)."""
    drag_over(widget, paths)
    mime = carrying(paths)  # held here: the event does not keep it alive
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, BUTTONS, KEYS)
    QApplication.sendEvent(widget, event)


def accessible_name(widget: QWidget) -> str:
    """What a screen reader announces as the widget's name: its own, or its label's."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def show_active(qtbot: QtBot, window: QMainWindow) -> None:
    """Show the window and wait until it has the keyboard, which Tab and shortcuts need."""
    with qtbot.waitActive(window, timeout=5000):
        window.show()
        window.activateWindow()


def start_slow_job(window: Any, src: Path, dst: Path) -> None:
    """Start, in the app's main window, a job that runs for about forty seconds unless
    cancelled (forty files of 100 kB at 100 kB/s): time to act while it runs."""
    write_tree(src, {f"f{i}.txt": "x" * 100_000 for i in range(40)})
    window.set_job(Job(src, dst, workers=1, bwlimit=100_000))
    window.start()


def end_job(qtbot: QtBot, window: Any) -> None:
    """Cancel the main window's job and wait until it has ended."""
    window.cancel()
    qtbot.waitUntil(lambda: not window.bridge.running, timeout=JOB_TIMEOUT_MS)
