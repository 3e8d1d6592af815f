"""What each worker is doing now: one row per worker, with the file it is on, how long it has
been on it, and whether it copies, waits for work, has stopped making progress, or is paused.

The engine's `WorkerStatus` names each worker's file (and how long a stuck one has made no
progress); how long a worker has been on its file is counted here, from when its file was
first reported. When the pool is made smaller, the workers beyond the new size finish the
file they are on before they stop, so for a while there are more rows than asked for: a note
above the rows says so, until the pool has shrunk.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from engine import WorkerInfo, WorkerStatus
from engine.names import printable
from gui.formatting import UNKNOWN, format_duration
from gui.widgets.side_notes import NoteLabel

SHOWN_ROWS = 8
"""Rows the list is tall enough for; a larger pool scrolls. Fewer workers, a shorter list,
which leaves the room to the progress above."""

TICK_MS = 1000
"""How often the time each worker has spent on its file is brought up to date."""

WORKER, FILE, TIME, STATE = range(4)

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

WorkerKey = tuple[str, int]
"""(host, pid): pids are unique only per machine; host is "" for this one."""


def _key(info: WorkerInfo) -> WorkerKey:
    return (info.host, info.pid)


class NowCopying(QWidget):
    """One row per worker of the running job; see the module docstring. `clock` gives the
    seconds that time the files (a monotonic clock; tests pass their own)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._workers: tuple[WorkerInfo, ...] = ()
        self._since: dict[WorkerKey, tuple[str | None, float]] = {}
        """Each worker's file as last reported, and when it was first reported on it."""
        self._pool_size = 0
        self._paused = False

        self.note = NoteLabel()
        self.note.setObjectName("poolNote")
        self.note.hide()
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("nowCopyingTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Worker"), self.tr("File"), self.tr("On it for"), self.tr("Doing")]
        )
        self.table.setToolTip(self.tr("What each worker process of the job is doing now"))
        self.table.setAccessibleName(self.tr("Now copying"))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; the arrows move in it
        header = self.table.horizontalHeader()
        for column in (WORKER, TIME, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self._fit_rows()

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._show)

    def set_workers(self, status: WorkerStatus) -> None:
        """Show these workers now; a worker on a new file starts its time at zero."""
        now = self._clock()
        since: dict[WorkerKey, tuple[str | None, float]] = {}
        for info in status.workers:
            before = self._since.get(_key(info))
            kept = before is not None and before[0] == info.current
            since[_key(info)] = before if kept and before is not None else (info.current, now)
        self._since = since
        self._workers = status.workers
        self._show()
        if any(info.current for info in self._workers) and not self._paused:
            self._timer.start()
        else:
            self._timer.stop()

    def set_pool_size(self, size: int) -> None:
        """The number of workers asked for; rows beyond it are finishing their file."""
        self._pool_size = size
        self._show_note()

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if paused:
            self._timer.stop()
        elif any(info.current for info in self._workers):
            self._timer.start()
        self._show()

    def clear(self) -> None:
        """No rows, no note, no timer: the job has ended or a new one begins."""
        self._timer.stop()
        self._workers = ()
        self._since = {}
        self._pool_size = 0
        self._paused = False
        self.table.setRowCount(0)
        self._fit_rows()
        self.note.hide()

    def _fit_rows(self) -> None:
        """As tall as the rows shown (one at least, `SHOWN_ROWS` at most)."""
        rows = min(max(1, len(self._workers)), SHOWN_ROWS)
        frame = 2 * self.table.frameWidth()
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(
            header + rows * self.table.verticalHeader().defaultSectionSize() + frame
        )

    def _show(self) -> None:
        now = self._clock()
        if self.table.rowCount() != len(self._workers):
            self.table.setRowCount(len(self._workers))
            self._fit_rows()
        for row, info in enumerate(self._workers):
            process = (
                self.tr("Process {pid} on {host}").format(pid=info.pid, host=info.host)
                if info.host
                else self.tr("Process {pid}").format(pid=info.pid)
            )
            number = str(row + 1)
            shown = f"{number} · {info.host}" if info.host else number
            self._set(row, WORKER, shown, _NUMERIC, tip=process)
            if info.current is None:
                self._set(row, FILE, "", tip="")
                self._set(row, TIME, UNKNOWN, _NUMERIC)
                self._set(row, STATE, self.tr("waiting for a file"))
                continue
            name = printable(info.current)
            self._set(row, FILE, name, tip=name)
            started = self._since.get(_key(info), (None, now))[1]
            self._set(row, TIME, format_duration(now - started), _NUMERIC)
            if self._paused:
                state = self.tr("paused")
            elif info.stuck_s:
                state = self.tr("no progress for {seconds} s").format(seconds=f"{info.stuck_s:.0f}")
            else:
                state = self.tr("copying")
            self._set(row, STATE, state)
        self._show_note()

    def _show_note(self) -> None:
        extra = len(self._workers) - self._pool_size
        if self._pool_size <= 0 or extra <= 0:
            self.note.hide()
            return
        if extra == 1:
            text = self.tr(
                "The pool is going down to {size}: 1 worker finishes the file it is on, then stops."
            )
        else:
            text = self.tr(
                "The pool is going down to {size}: {extra} workers finish the file they are "
                "on, then stop."
            )
        self.note.setText(text.format(size=self._pool_size, extra=extra))
        self.note.show()

    def _set(
        self,
        row: int,
        column: int,
        text: str,
        align: Qt.AlignmentFlag | None = None,
        *,
        tip: str | None = None,
    ) -> None:
        """Reuse the cell's item: a refresh then costs no allocations and keeps selection."""
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            if align is not None:
                item.setTextAlignment(align)
            self.table.setItem(row, column, item)
        if item.text() != text:
            item.setText(text)
        if tip is not None and item.toolTip() != tip:
            item.setToolTip(tip)
