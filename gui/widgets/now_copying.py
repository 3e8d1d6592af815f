"""What each worker is doing now: one row per worker, with the file it is on, how much of that
file is done and how fast it goes, how long the worker has been on it, and whether it copies,
waits for work, has stopped making progress, is paused, or finishes its file and then stops.

The engine's `WorkerStatus` names each worker's file, its size and the bytes of it done so
far (and how long a stuck worker has made no progress), and marks the workers a smaller pool
lets go once their file is done. The rest is counted here, from the reports as they come
(the bridge sends at most ten a second): how long a worker has been on its file, from when
the file was first reported, and its speed on that file, from the bytes done over the last
few seconds, so a worker that slows down or stops shows it within that time.
"""

from __future__ import annotations

import time
from collections import deque
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
from gui.formatting import UNKNOWN, format_duration, format_percent, format_rate, format_size

SHOWN_ROWS = 8
"""Rows the list is tall enough for; a larger pool scrolls. Fewer workers, a shorter list,
which leaves the room to the progress above."""

TICK_MS = 1000
"""How often the time on each file, and the speed of a worker that reports nothing new, are
brought up to date."""

SPEED_WINDOW_S = 3.0
"""The speed on a file is the bytes done over about this long: steady under the stops and
starts of a speed limit, yet quick to show a change of it."""
SPEED_SPAN_S = 0.5
"""No speed is shown for a file until it has been watched this long."""

WORKER, FILE, DONE, PERCENT, SPEED, TIME, STATE = range(7)

NUMERIC = frozenset((WORKER, DONE, PERCENT, SPEED, TIME))
"""Columns of figures, right-aligned so their digits line up."""

WorkerKey = tuple[str, int]
"""(host, pid): pids are unique only per machine; host is "" for this one."""


def _key(info: WorkerInfo) -> WorkerKey:
    return (info.host, info.pid)


class _OnFile:
    """One worker's current file: since when it is on it, and (time, bytes done) samples of
    the last `SPEED_WINDOW_S` seconds, with the one just before them as the starting point."""

    def __init__(self, file: str | None, now: float, done: int) -> None:
        self.file = file
        self.since = now
        self.samples: deque[tuple[float, int]] = deque([(now, done)])

    def record(self, now: float, done: int) -> None:
        if done != self.samples[-1][1]:
            self.samples.append((now, done))
        self._forget(now)

    def restart(self, now: float) -> None:
        """Measure afresh from now (after a pause, which is no slowness of the worker's)."""
        self.samples = deque([(now, self.samples[-1][1])])

    def speed(self, now: float) -> float | None:
        """Bytes per second over the window; None until it has been watched long enough."""
        self._forget(now)
        start, first = self.samples[0]
        if now - start < SPEED_SPAN_S:
            return None
        return (self.samples[-1][1] - first) / (now - start)

    def _forget(self, now: float) -> None:
        while len(self.samples) > 1 and self.samples[1][0] <= now - SPEED_WINDOW_S:
            self.samples.popleft()


class NowCopying(QWidget):
    """One row per worker of the running job; see the module docstring. `clock` gives the
    seconds that time the files (a monotonic clock; tests pass their own)."""

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._workers: tuple[WorkerInfo, ...] = ()
        self._on_file: dict[WorkerKey, _OnFile] = {}
        self._paused = False

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("nowCopyingTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Worker"),
                self.tr("File"),
                self.tr("Done"),
                self.tr("%"),
                self.tr("Speed"),
                self.tr("On it for"),
                self.tr("Doing"),
            ]
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
        for column in (WORKER, DONE, PERCENT, SPEED, TIME, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addStretch(1)
        self._fit_rows()

        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._show)

    def set_workers(self, status: WorkerStatus) -> None:
        """Show these workers now; a worker on a new file starts its time and speed anew."""
        now = self._clock()
        on_file: dict[WorkerKey, _OnFile] = {}
        for info in status.workers:
            before = self._on_file.get(_key(info))
            if before is not None and before.file == info.current:
                before.record(now, info.file_done)
                on_file[_key(info)] = before
            else:
                on_file[_key(info)] = _OnFile(info.current, now, info.file_done)
        self._on_file = on_file
        self._workers = status.workers
        self._show()
        self._run_timer()

    def set_paused(self, paused: bool) -> None:
        self._paused = paused
        if not paused:
            now = self._clock()
            for each in self._on_file.values():
                each.restart(now)
        self._run_timer()
        self._show()

    def clear(self) -> None:
        """No rows, no timer: the job has ended or a new one begins."""
        self._timer.stop()
        self._workers = ()
        self._on_file = {}
        self._paused = False
        self.table.setRowCount(0)
        self._fit_rows()

    def _run_timer(self) -> None:
        """Tick while some worker is on a file and the job is not paused."""
        if any(info.current for info in self._workers) and not self._paused:
            self._timer.start()
        else:
            self._timer.stop()

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
            self._set(row, WORKER, shown, tip=process)
            on_file = self._on_file.get(_key(info))
            if info.current is None or on_file is None:
                for column in (FILE, DONE, PERCENT, SPEED, TIME):
                    self._set(row, column, "", tip="")
                state = self.tr("stopping") if info.stopping else self.tr("waiting for a file")
                self._set(row, STATE, state)
                continue
            name = printable(info.current)
            self._set(row, FILE, name, tip=name)
            self._show_bytes(row, info)
            speed = None if self._paused else on_file.speed(now)
            self._set(row, SPEED, UNKNOWN if speed is None else format_rate(speed))
            self._set(row, TIME, format_duration(now - on_file.since))
            self._set(row, STATE, self._state(info))

    def _show_bytes(self, row: int, info: WorkerInfo) -> None:
        """How much of the file is done, in bytes and as a share of it."""
        if info.file_size <= 0:
            self._set(row, DONE, UNKNOWN)
            self._set(row, PERCENT, UNKNOWN)
            return
        done = min(info.file_done, info.file_size)
        self._set(
            row,
            DONE,
            self.tr("{done} of {size}").format(
                done=format_size(done), size=format_size(info.file_size)
            ),
        )
        self._set(row, PERCENT, format_percent(100 * done / info.file_size, 0))

    def _state(self, info: WorkerInfo) -> str:
        if self._paused:
            return self.tr("paused")
        if info.stuck_s:
            return self.tr("no progress for {seconds} s").format(seconds=f"{info.stuck_s:.0f}")
        if info.stopping:
            return self.tr("finishing this file, then stopping")
        return self.tr("copying")

    def _set(self, row: int, column: int, text: str, *, tip: str | None = None) -> None:
        """Reuse the cell's item: a refresh then costs no allocations and keeps selection."""
        item = self.table.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            if column in NUMERIC:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, item)
        if item.text() != text:
            item.setText(text)
        if tip is not None and item.toolTip() != tip:
            item.setToolTip(tip)
