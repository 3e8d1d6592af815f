"""The app on the desktop outside its window while jobs run: an icon in the system tray
that counts them, and a notification when one of the app's jobs ends.

Where there is no tray (a desktop without one, the offscreen platform), there is no icon.
A notification goes to the tray's balloon where the tray can show one, else to the
desktop's notification portal (`org.freedesktop.portal.Notification`) on the session bus,
else nowhere. Each notification is also emitted as `notified` with where it went, so what
the user would be told is the same, and testable, wherever the app runs.

Sending on the bus happens on the thread pool: connecting to a session bus for the first
time, or to one that hangs, must not freeze the window.
"""

from __future__ import annotations

import itertools
from enum import Enum

from PySide6.QtCore import QObject, QRect, Qt, Signal
from PySide6.QtDBus import QDBusConnection, QDBusMessage
from PySide6.QtGui import QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QSystemTrayIcon

from gui.jobs.background import Background

PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_INTERFACE = "org.freedesktop.portal.Notification"
ICON_PX = 64
BALLOON_MS = 10_000


class Channel(Enum):
    """Where a notification went."""

    TRAY = "tray"
    PORTAL = "portal"
    NONE = "none"
    """Neither a tray nor a session bus: the user is not told outside the window."""


class Tray(QObject):
    """The tray icon and the notifications; see the module docstring."""

    activated = Signal()
    """The tray icon was clicked: the window should come to the front."""
    notified = Signal(str, str, object)
    """Every notification: its title, its text and the Channel it went through."""

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None) -> None:
        """`bus`: where the portal is asked (the session bus, found on first use, when
        None)."""
        super().__init__(parent)
        self._bus = bus
        self._background = Background(self)
        self._icon: QSystemTrayIcon | None = None
        self._count = 0
        self._ids = itertools.count(1)

    @property
    def icon(self) -> QSystemTrayIcon | None:
        """The tray icon while it is shown."""
        return self._icon

    def set_count(self, count: int) -> None:
        """Show the icon with `count` on it while jobs run; hide it when none does."""
        if count == self._count:
            return
        self._count = count
        if count == 0:
            if self._icon is not None:
                self._icon.hide()
            return
        if self._icon is None:
            if not QSystemTrayIcon.isSystemTrayAvailable():
                return
            self._icon = QSystemTrayIcon(self)
            self._icon.activated.connect(self._activated)
        self._icon.setIcon(_counted_icon(count))
        self._icon.setToolTip(self.tr("Conveyor: %n job(s) running", "", count))
        self._icon.show()

    def notify(self, title: str, text: str) -> None:
        """Tell the desktop; `notified` says where it went."""
        icon = self._icon
        if icon is not None and icon.isVisible() and QSystemTrayIcon.supportsMessages():
            icon.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, BALLOON_MS)
            self.notified.emit(title, text, Channel.TRAY)
            return
        ident = f"conveyor-{next(self._ids)}"
        bus = self._bus
        self._background.run(
            lambda: _to_portal(bus, ident, title, text),
            lambda channel: self.notified.emit(title, text, channel),
            lambda _error: self.notified.emit(title, text, Channel.NONE),
        )

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.activated.emit()


def _to_portal(bus: QDBusConnection | None, ident: str, title: str, text: str) -> Channel:
    """Send the notification to the portal without waiting for an answer. Blocks while the
    session bus is first connected."""
    connection = bus if bus is not None else QDBusConnection.sessionBus()
    if not connection.isConnected():
        return Channel.NONE
    message = QDBusMessage.createMethodCall(
        PORTAL, PORTAL_PATH, PORTAL_INTERFACE, "AddNotification"
    )
    message.setArguments([ident, {"title": title, "body": text}])
    return Channel.PORTAL if connection.send(message) else Channel.NONE


def _counted_icon(count: int) -> QIcon:
    """The app's icon with `count` in a disc at its lower right."""
    pixmap = QApplication.windowIcon().pixmap(ICON_PX, ICON_PX)
    if pixmap.isNull():
        pixmap = QPixmap(ICON_PX, ICON_PX)
        pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRect(ICON_PX // 2 - 2, ICON_PX // 2 - 2, ICON_PX // 2 + 2, ICON_PX // 2 + 2)
    palette = QApplication.palette()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(palette.highlight())
    painter.drawEllipse(disc)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(disc.height() * 2 // 3)
    painter.setFont(font)
    painter.setPen(palette.highlightedText().color())
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, str(count) if count < 100 else "99+")
    painter.end()
    return QIcon(pixmap)
