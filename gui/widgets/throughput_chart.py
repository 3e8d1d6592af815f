"""A small live chart of throughput, painted by hand so the app needs no QtCharts."""

from __future__ import annotations

from collections import deque

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.formatting import format_rate

DEFAULT_SAMPLES = 300
"""Five minutes at the one sample a second the progress panel adds."""

_HEADROOM = 1.05  # the peak stays just below the plot's top edge
_FILL_ALPHA = 70


MIN_SPAN = 60


class ThroughputChart(QWidget):
    """The last `max_samples` rates as a filled line, scaled to the largest one shown.

    Colours come from the palette (Base, Highlight, Mid, Text), so the chart follows light
    and dark themes. Samples form a ring buffer: once full, the oldest scrolls off the left.
    """

    def __init__(self, max_samples: int = DEFAULT_SAMPLES, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if max_samples < 2:
            raise ValueError("a chart needs room for at least two samples")
        self._samples: deque[float] = deque(maxlen=max_samples)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(60)
        self.setAccessibleName(self.tr("Throughput chart"))
        self.setToolTip(self.tr("Copy speed over the recent part of the run"))
        self._describe()

    @property
    def max_samples(self) -> int:
        return self._samples.maxlen or 0

    def samples(self) -> list[float]:
        """The rates shown, oldest first."""
        return list(self._samples)

    def add_sample(self, rate_bytes_per_s: float) -> None:
        self._samples.append(max(0.0, rate_bytes_per_s))
        self._describe()
        self.update()

    def clear(self) -> None:
        self._samples.clear()
        self._describe()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 80)

    def minimumSizeHint(self) -> QSize:
        return QSize(120, 60)

    def _describe(self) -> None:
        """Screen readers get the figures the picture shows."""
        if not self._samples:
            self.setAccessibleDescription(self.tr("No throughput measured yet"))
            return
        self.setAccessibleDescription(
            self.tr("Current {current}, highest {peak}").format(
                current=format_rate(self._samples[-1]), peak=format_rate(max(self._samples))
            )
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        frame = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRect(frame)
        text_box = frame.adjusted(6, 2, -6, -2)
        # The line starts below the max-rate label so the two never overlap.
        plot = frame.adjusted(2, 2 + self.fontMetrics().height(), -2, -2)
        peak = max(self._samples, default=0.0)
        if peak > 0 and len(self._samples) > 1:
            self._draw_line(painter, plot, peak * _HEADROOM, palette)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if self._samples:
            painter.drawText(text_box, align, self.tr("max {rate}").format(rate=format_rate(peak)))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(text_box, Qt.AlignmentFlag.AlignCenter, self.tr("No data yet"))
        painter.end()

    def _draw_line(self, painter: QPainter, plot: QRectF, top: float, palette: QPalette) -> None:
        # The run so far fills the width (at least a minute's worth, so early samples don't
        # stretch into a wall); once the buffer is full it scrolls.
        span = min(self.max_samples, max(len(self._samples), MIN_SPAN))
        step = plot.width() / (span - 1)
        points = [
            QPointF(plot.left() + i * step, plot.bottom() - plot.height() * rate / top)
            for i, rate in enumerate(self._samples)
        ]
        line = QPainterPath(points[0])
        for point in points[1:]:
            line.lineTo(point)
        area = QPainterPath(line)
        area.lineTo(points[-1].x(), plot.bottom())
        area.lineTo(points[0].x(), plot.bottom())
        area.closeSubpath()
        accent = palette.color(QPalette.ColorRole.Highlight)
        fill = QColor(accent)
        fill.setAlpha(_FILL_ALPHA)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.fillPath(area, fill)
        painter.setPen(QPen(accent, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)
