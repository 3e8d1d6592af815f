"""The recent runs of the sidebar, newest first: when each started and how it ended, where
it copied, and its counts; under them Run again, Retry failed (only for a run that had
failures) and Open target, for the run selected.

A list view rather than a row of buttons per run: twenty runs stay one stop for Tab, and
the arrow keys go through them. Each row's text, which screen readers read, holds all three
lines whole; its painting elides each folder in the middle (`gui/jobs/route.py`).
"""

from __future__ import annotations

import os

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from gui.jobs.background import Background
from gui.jobs.button_row import button_row
from gui.jobs.past import PastRun
from gui.jobs.route import elided_route
from gui.jobs.run_words import counts_text, run_text, title_text
from gui.open_folder import show_folder
from gui.widgets.side_notes import NoteLabel

RUN_ROLE = Qt.ItemDataRole.UserRole
"""The PastRun an item shows."""
LINES = 3
PADDING = 4


class _RunDelegate(QStyledItemDelegate):
    """Paints a run in three lines: when and how it ended (bold), its route, its counts."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = option.fontMetrics
        return QSize(metrics.averageCharWidth() * 20, metrics.lineSpacing() * LINES + 2 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        run = index.data(RUN_ROLE)
        if not isinstance(run, PastRun):
            return
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""  # the selection and focus frame only: the lines come below
        widget = option.widget
        widget.style().drawControl(
            QStyle.ControlElement.CE_ItemViewItem, background, painter, widget
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        area = option.rect.adjusted(2 * PADDING, PADDING, -2 * PADDING, -PADDING)
        metrics = option.fontMetrics
        line = QRect(area.x(), area.y(), area.width(), metrics.lineSpacing())
        record = run.record
        bold = QFont(option.font)
        bold.setBold(True)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        right = Qt.TextElideMode.ElideRight
        painter.save()
        painter.setPen(option.palette.color(role))
        painter.setFont(bold)
        painter.drawText(
            line, flags, painter.fontMetrics().elidedText(title_text(record), right, line.width())
        )
        painter.setFont(option.font)
        line.translate(0, metrics.lineSpacing())
        painter.drawText(
            line, flags, elided_route(metrics, record.source, record.target, line.width())
        )
        line.translate(0, metrics.lineSpacing())
        painter.drawText(line, flags, metrics.elidedText(counts_text(record), right, line.width()))
        painter.restore()


class HistoryList(QWidget):
    """See the module docstring. `run_again(record id, Job)` and `retry_failed(record id,
    Job)` hand the window the job as it ran; the window does the running."""

    run_again = Signal(int, object)
    retry_failed = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: list[PastRun] | None = None
        self._background = Background(self)
        self.note = NoteLabel()
        self.note.setObjectName("historyNote")
        self.view = QListWidget()
        self.view.setObjectName("historyView")
        self.view.setAccessibleName(self.tr("Recent runs"))
        self.view.setToolTip(self.tr("The jobs that ran, newest first"))
        self.view.setItemDelegate(_RunDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.setMinimumHeight(self.fontMetrics().lineSpacing() * (LINES + 1) * 2)
        self.again_button = QPushButton(self.tr("Run again"))
        self.again_button.setObjectName("historyAgainButton")
        self.retry_button = QPushButton(self.tr("Retry failed"))
        self.retry_button.setObjectName("historyRetryButton")
        self.retry_button.setToolTip(self.tr("Run the job again for what failed in that run only"))
        self.open_button = QPushButton(self.tr("Open target"))
        self.open_button.setObjectName("historyOpenButton")
        self.open_button.setToolTip(self.tr("Show the run's target folder in the file manager"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view, 1)
        layout.addWidget(button_row(self.buttons()))

        self.view.currentItemChanged.connect(self._enable)
        self.again_button.clicked.connect(self._run_again)
        self.retry_button.clicked.connect(self._retry_failed)
        self.open_button.clicked.connect(self._open_target)
        self.show_problem(self.tr("Reading the history…"))

    def buttons(self) -> tuple[QPushButton, ...]:
        """Run again, Retry failed and Open target, in the order shown."""
        return (self.again_button, self.retry_button, self.open_button)

    def selected(self) -> PastRun | None:
        item = self.view.currentItem()
        run = item.data(RUN_ROLE) if item is not None else None
        return run if isinstance(run, PastRun) else None

    def show_runs(self, runs: list[PastRun]) -> None:
        """List `runs`, keeping the selected one selected; nothing changes when they are
        the ones listed (the history is read again every few seconds)."""
        if runs == self._shown:
            return
        self._shown = runs
        chosen = self.selected()
        keep = chosen.record.id if chosen is not None else None
        self.view.clear()
        for run in runs:
            item = QListWidgetItem(run_text(run.record))
            item.setData(RUN_ROLE, run)
            item.setToolTip(run_text(run.record))
            self.view.addItem(item)
            if run.record.id == keep:
                self.view.setCurrentItem(item)
        if self.view.currentItem() is None and runs:
            self.view.setCurrentRow(0)
        self.note.setText(self.tr("No job has run yet."))
        self.note.setVisible(not runs)
        self.view.setVisible(bool(runs))
        self._enable()

    def show_problem(self, text: str) -> None:
        """Why the history cannot be shown, in place of the runs."""
        self._shown = None
        self.view.clear()
        self.view.hide()
        self.note.setText(text)
        self.note.show()
        self._enable()

    def _enable(self) -> None:
        run = self.selected()
        runnable = run is not None and run.job is not None
        self.again_button.setEnabled(runnable)
        self.again_button.setToolTip(
            self.tr("This run cannot be run again: {reason}").format(reason=run.why_not)
            if run is not None and run.job is None
            else self.tr("Run the same job again")
        )
        self.retry_button.setEnabled(runnable and run is not None and run.record.files_failed > 0)
        self.open_button.setEnabled(run is not None)

    def _run_again(self) -> None:
        run = self.selected()
        if run is not None and run.job is not None:
            self.run_again.emit(run.record.id, run.job)

    def _retry_failed(self) -> None:
        run = self.selected()
        if run is not None and run.job is not None and run.record.files_failed:
            self.retry_failed.emit(run.record.id, run.job)

    def _open_target(self) -> None:
        run = self.selected()
        if run is None:
            return
        target = run.record.target
        self._background.run(
            lambda: os.path.isdir(target),
            lambda exists: show_folder(self, target, exists),
            lambda _error: show_folder(self, target, False),
        )
