"""One stage of the pipeline as a chip: its name over a few words about its options, framed;
outlined in the highlight colour while its options are shown, with a warning sign while the
stage cannot be built.

Painted by hand, as a style would paint a tab: a push or tool button draws two lines in one
font and sinks in when checked, which reads as "pressed" rather than "selected".
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QStyle, QStyleOptionFocusRect, QWidget

_PAD_X, _PAD_Y, _GAP = 10, 5, 2
_RADIUS = 6
_SELECTED_ALPHA = 45
_MAX_TEXT_WIDTH = 220
"""A chip shows at most this much of its summary (the rest is in its tooltip)."""


class StageChip(QAbstractButton):
    """A checkable button with a title line and a summary line; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._title = ""
        self._summary = ""
        self._warning = False

    def set_texts(self, title: str, summary: str, *, warning: bool) -> None:
        self._title, self._summary, self._warning = title, summary, warning
        self.updateGeometry()
        self.update()

    def title(self) -> str:
        return self._title

    def summary(self) -> str:
        return self._summary

    def _title_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _icon_size(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize) if self._warning else 0

    def sizeHint(self) -> QSize:
        title = QFontMetrics(self._title_font()).horizontalAdvance(self._title)
        summary = min(self.fontMetrics().horizontalAdvance(self._summary), _MAX_TEXT_WIDTH)
        icon = self._icon_size()
        # A few pixels over the measured text: elision rounds widths down.
        width = max(title + (icon + _GAP * 2 if icon else 0), summary) + 2 * _PAD_X + 4
        height = QFontMetrics(self._title_font()).height() + _GAP + self.fontMetrics().height()
        return QSize(width, height + 2 * _PAD_Y)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        highlight = palette.color(QPalette.ColorRole.Highlight)
        if self.isChecked():
            tint = QColor(highlight)
            tint.setAlpha(_SELECTED_ALPHA)
            painter.setBrush(tint)
            painter.setPen(QPen(highlight, 2))
        else:
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(box, _RADIUS, _RADIUS)

        text = self.rect().adjusted(_PAD_X, _PAD_Y, -_PAD_X, -_PAD_Y)
        title_metrics = QFontMetrics(self._title_font())
        x = text.left()
        icon = self._icon_size()
        if icon:
            warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
            top = text.top() + (title_metrics.height() - icon) // 2
            warning.paint(
                painter, x, top, icon, icon, Qt.AlignmentFlag.AlignCenter, QIcon.Mode.Normal
            )
            x += icon + 2 * _GAP
        painter.setFont(self._title_font())
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(
            x,
            text.top(),
            text.right() - x,
            title_metrics.height(),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            self._title,
        )
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        summary_top = text.top() + title_metrics.height() + _GAP
        shown = self.fontMetrics().elidedText(
            self._summary, Qt.TextElideMode.ElideRight, text.width()
        )
        painter.drawText(
            text.left(),
            summary_top,
            text.width(),
            self.fontMetrics().height(),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            shown,
        )
        if self.hasFocus():
            option = QStyleOptionFocusRect()
            option.initFrom(self)
            option.rect = self.rect().adjusted(3, 3, -3, -3)
            self.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_FrameFocusRect, option, painter, self
            )
        painter.end()
