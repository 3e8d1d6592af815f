"""A job's route, "source → target", shown whole where it fits and otherwise with its
folders shortened in their middle, so both ends of both paths and the arrow between them stay
in sight in a narrow pane (eliding the whole line would hide the arrow and one folder).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARS = 12
"""The narrowest a route label asks to be, in average characters."""


def route(source: str, target: str) -> str:
    return QCoreApplication.translate("Route", "{source} → {target}").format(
        source=source, target=target
    )


def elided_route(metrics: QFontMetrics, source: str, target: str, width: int) -> str:
    """The route in `width` pixels: whole if it fits; else a folder that fits in half the
    room left by the arrow stays whole and the other is elided in the middle to the rest,
    or both are elided to half each."""
    whole = route(source, target)
    if metrics.horizontalAdvance(whole) <= width:
        return whole
    room = max(0, width - metrics.horizontalAdvance(route("", "")))
    source_width = metrics.horizontalAdvance(source)
    target_width = metrics.horizontalAdvance(target)
    if source_width <= room // 2:
        target_room = room - source_width
    elif target_width <= room // 2:
        target_room = target_width
    else:
        target_room = room // 2
    middle = Qt.TextElideMode.ElideMiddle
    return route(
        metrics.elidedText(source, middle, room - target_room),
        metrics.elidedText(target, middle, target_room),
    )


class RouteLabel(QLabel):
    """A label holding a route: its text (what screen readers read, and the tooltip) is
    the whole route; what it paints is `elided_route` for its width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = ""
        self._target = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_route(self, source: str, target: str) -> None:
        self._source, self._target = source, target
        whole = route(source, target)
        self.setText(whole)
        self.setToolTip(whole)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.averageCharWidth() * MIN_CHARS, metrics.height())

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), self.fontMetrics().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        rect = self.contentsRect()
        shown = elided_route(self.fontMetrics(), self._source, self._target, rect.width())
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )
        painter.end()
