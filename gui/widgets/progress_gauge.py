"""The job's progress bar, drawn large, with its throughput drawn behind it.

The bar fills from left to right as the job goes; behind it, the speed of the run so far is
drawn against the same axis, the share of the job done (by bytes, or by files when every
file is empty), so the curve ends where the fill does and shows at what point of the job it
went fast or slow. The axes are real: the share done is marked 0% to 100% under the bar,
and the speed on rounded steps ("0", "5 MB/s", "10 MB/s") at its right. Each point is kept
as the amount done when it was measured, and placed against the total known when painted,
so points stay true while a scan still finds files and the total grows.

A QProgressBar underneath, so screen readers get its value as they get any bar's. Painted by
hand from the palette (Base, Mid, Highlight, Text), so it follows light and dark themes and
stays crisp at any scale factor; the app needs no QtCharts.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QProgressBar, QSizePolicy, QWidget

from gui.formatting import format_percent, format_rate

BAR_STEPS = 1000
"""The bar's range: a fraction of a total, so terabyte totals never overflow Qt's int."""

_X_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)
_Y_STEPS = 2
"""Lines across the plot above zero: the top of the scale and its half."""
_FILL_ALPHA = 45
_AREA_ALPHA = 110
_PERCENT_SCALE = 1.6
"""The percentage inside the bar, in this many times the widget's font size."""


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5 or 5 times a power of ten that is at least `value`, so an
    axis ends on a round number."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if step * power >= value * (1 - 1e-9):
            return step * power
    raise AssertionError("unreachable: 10 times the power is always enough")


class ProgressGauge(QProgressBar):
    """A progress bar over the run's throughput; see the module docstring.

    `add_sample(done, rate)` records the speed when `done` units were done, `set_total`
    the units of the whole job; the bar's value is set as any QProgressBar's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, BAR_STEPS)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._points: list[tuple[int, float]] = []
        self._live: tuple[int, float] | None = None
        """The latest measure, drawn after the points so the curve reaches the fill."""
        self._total = 0
        self._describe()

    def rates(self) -> list[float]:
        """The speeds measured, oldest first."""
        return [rate for _, rate in self._points]

    def add_sample(self, done: int, rate: float) -> None:
        self._points.append((done, max(0.0, rate)))
        self._describe()
        self.update()

    def set_total(self, total: int) -> None:
        self._total = total
        self.update()

    def set_live(self, done: int, rate: float) -> None:
        """The speed now, when `done` units are done: the curve's end until the next point."""
        self._live = (done, max(0.0, rate))
        self.update()

    def clear(self) -> None:
        self._points.clear()
        self._live = None
        self._total = 0
        self.setValue(0)
        self._describe()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 7 * self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 6 * self.fontMetrics().height())

    def _describe(self) -> None:
        """Screen readers get the figures the picture shows."""
        if not self._points:
            self.setAccessibleDescription(self.tr("No speed measured yet"))
            return
        rates = self.rates()
        self.setAccessibleDescription(
            self.tr("Speed now {current}, highest {peak}").format(
                current=format_rate(rates[-1]), peak=format_rate(max(rates))
            )
        )

    def _plot_area(self) -> QRectF:
        """Where the bar is: the widget less a column for the speed scale at the right and
        a row for the share scale below."""
        metrics = self.fontMetrics()
        right = metrics.horizontalAdvance(format_rate(888_800_000)) + 8
        return QRectF(self.rect()).adjusted(0.5, 0.5, -right, -(metrics.height() + 4))

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        plot = self._plot_area()
        highlight = palette.color(QPalette.ColorRole.Highlight)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(plot, 4, 4)
        span = max(1, self.maximum() - self.minimum())
        share = (self.value() - self.minimum()) / span
        fill = QColor(highlight)
        fill.setAlpha(_FILL_ALPHA)
        painter.fillRect(
            QRectF(plot.left(), plot.top(), plot.width() * share, plot.height()).adjusted(
                1, 1, 0, -1
            ),
            fill,
        )
        curve = self._points + ([self._live] if self._live is not None else [])
        top = nice_ceiling(max((rate for _, rate in curve), default=0.0))
        self._draw_scales(painter, plot, top, palette)
        if len(curve) > 1 and self._total > 0:
            self._draw_speed(painter, plot, top, highlight, curve)
        self._draw_percent(painter, plot, palette)
        painter.end()

    def _draw_scales(self, painter: QPainter, plot: QRectF, top: float, palette: QPalette) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        grid = QColor(palette.color(QPalette.ColorRole.Mid))
        grid.setAlpha(140)
        metrics = self.fontMetrics()
        height = metrics.height()
        for step in range(_Y_STEPS + 1):
            y = plot.bottom() - plot.height() * step / _Y_STEPS
            if step:
                painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(plot.left() + 1, y), QPointF(plot.right() - 1, y))
            # The lowest label sits on its line, the highest hangs from it, others centre.
            label_top = y - height if step == 0 else y if step == _Y_STEPS else y - height / 2
            painter.setPen(text)
            painter.drawText(
                QRectF(plot.right() + 6, label_top, self.width() - plot.right() - 6, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                format_rate(top * step / _Y_STEPS) if step else "0",
            )
        for share in _X_TICKS:
            x = plot.left() + plot.width() * share
            label = format_percent(100 * share, decimals=0)
            width = metrics.horizontalAdvance(label)
            left = min(max(plot.left(), x - width / 2), plot.right() - width)
            painter.drawText(
                QRectF(left, plot.bottom() + 2, width + 1, height),
                Qt.AlignmentFlag.AlignCenter,
                label,
            )

    def _draw_speed(
        self,
        painter: QPainter,
        plot: QRectF,
        top: float,
        highlight: QColor,
        curve: list[tuple[int, float]],
    ) -> None:
        points = [
            QPointF(
                plot.left() + plot.width() * min(1.0, done / self._total),
                plot.bottom() - (plot.height() - 2) * rate / top,
            )
            for done, rate in curve
        ]
        line = QPainterPath(points[0])
        for point in points[1:]:
            line.lineTo(point)
        area = QPainterPath(line)
        area.lineTo(points[-1].x(), plot.bottom() - 1)
        area.lineTo(points[0].x(), plot.bottom() - 1)
        area.closeSubpath()
        fill = QColor(highlight)
        fill.setAlpha(_AREA_ALPHA)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(area, fill)
        painter.setPen(QPen(highlight, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)

    def _draw_percent(self, painter: QPainter, plot: QRectF, palette: QPalette) -> None:
        """The bar's text, large, at its top left, over a pale backing so the curve behind
        never makes it hard to read."""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * _PERCENT_SCALE)
        font.setBold(True)
        painter.setFont(font)
        text = self.text()
        metrics = painter.fontMetrics()
        box = QRectF(
            plot.left() + 8, plot.top() + 6, metrics.horizontalAdvance(text) + 12, metrics.height()
        )
        backing = QColor(palette.color(QPalette.ColorRole.Base))
        backing.setAlpha(190)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(backing)
        painter.drawRoundedRect(box, 4, 4)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
