"""The job's worker processes, like `top` filtered to them: state, CPU, memory, current file.

Workers on another machine (a Dask cluster's) name it in a Host column, shown only while
there are any, and show their pid and file only: their pid is not a process here, so psutil
is never asked about it.
"""

from __future__ import annotations

import psutil
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
from gui.formatting import UNKNOWN, format_percent, format_size

REFRESH_MS = 1000
"""How often CPU, memory and state are read; cpu_percent averages over this interval."""

PID, STATE, CPU, MEMORY, FILE, HOST = range(6)
"""Logical columns; HOST is shown second, after PID, and only when a worker is remote."""

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

WorkerKey = tuple[str, int]
"""(host, pid): pids are unique only per machine; host is "" for this one."""


def _key(info: WorkerInfo) -> WorkerKey:
    return (info.host, info.pid)


class WorkerTable(QWidget):
    """One row per worker. Pids and files change with each `engine.WorkerStatus`; the
    psutil columns of local workers are read on a timer, with one cached `psutil.Process`
    per pid so that `cpu_percent` has a baseline and each refresh costs a few /proc reads
    per worker. A remote worker's state, CPU and memory cells stay UNKNOWN."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._processes: dict[int, psutil.Process | None] = {}
        self._keys: list[WorkerKey] = []

        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("PID"),
                self.tr("State"),
                self.tr("CPU"),
                self.tr("Memory"),
                self.tr("File"),
                self.tr("Host"),
            ]
        )
        self.table.setAccessibleName(self.tr("Worker processes"))
        self.table.setToolTip(
            self.tr("Each worker process of this job: its state, CPU use, memory and file")
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in (PID, STATE, CPU, MEMORY, HOST):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        header.moveSection(header.visualIndex(HOST), header.visualIndex(PID) + 1)
        self.table.setColumnHidden(HOST, True)
        header_tips = (
            self.tr("Process id (on its own machine, for a worker on another computer)"),
            self.tr("Running, sleeping, waiting for the disk, stopped, or zombie"),
            self.tr("CPU use over the last second; 100% is one full core"),
            self.tr("Resident memory (RSS)"),
            self.tr("The file the worker is on, or idle"),
            self.tr("The computer a worker of a Dask cluster runs on; empty for this one"),
        )
        for column, tip in enumerate(header_tips):
            item = self.table.horizontalHeaderItem(column)
            if item is not None:
                item.setToolTip(tip)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)

        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._refresh)

    def set_workers(self, status: WorkerStatus) -> None:
        """Show these workers now; new ones get state and memory at once, CPU on the next tick."""
        keys = [_key(info) for info in status.workers]
        if keys != self._keys:
            previous, self._keys = self._keys, keys
            self.table.setRowCount(len(keys))
            self._processes = {
                pid: self._processes[pid] if pid in self._processes else self._watch(pid)
                for host, pid in keys
                if not host
            }
            for row, (host, pid) in enumerate(keys):
                if row < len(previous) and previous[row] == (host, pid):
                    continue
                self._set(row, PID, str(pid), _NUMERIC)
                self._set(row, HOST, host)
                if host:
                    self._show_remote(row, host, pid)
                else:
                    self._show_process(row, pid, with_cpu=False)
            self.table.setColumnHidden(HOST, not any(host for host, _ in keys))
        for row, info in enumerate(status.workers):
            shown = printable(info.current) if info.current else self.tr("idle")
            if info.stuck_s:
                stuck = self.tr("{file} (no progress for {seconds} s)")
                shown = stuck.format(file=shown, seconds=f"{info.stuck_s:.0f}")
            self._set(row, FILE, shown, tip=shown)
        if self._processes and not self._timer.isActive():
            self._timer.start()
        elif not self._processes:
            self._timer.stop()

    def clear(self) -> None:
        """Empty the table and stop reading process figures."""
        self._timer.stop()
        self._keys = []
        self._processes.clear()
        self.table.setRowCount(0)
        self.table.setColumnHidden(HOST, True)

    def _show_remote(self, row: int, host: str, pid: int) -> None:
        """Nothing psutil would say: the pid is not ours. The dashes' tooltip says why."""
        tip = self.tr("Process {pid} on {host}; its state, CPU and memory are not read from here")
        tip = tip.format(pid=pid, host=host)
        self._set(row, STATE, UNKNOWN, tip=tip)
        self._set(row, CPU, UNKNOWN, _NUMERIC, tip=tip)
        self._set(row, MEMORY, UNKNOWN, _NUMERIC, tip=tip)

    @staticmethod
    def _watch(pid: int) -> psutil.Process | None:
        """A handle to cache, its CPU measurement started; None when the pid is gone already."""
        try:
            process = psutil.Process(pid)
            process.cpu_percent(None)
        except psutil.Error:
            return None
        return process

    def _refresh(self) -> None:
        for row, (host, pid) in enumerate(self._keys):
            if not host:
                self._show_process(row, pid, with_cpu=True)

    def _show_process(self, row: int, pid: int, *, with_cpu: bool) -> None:
        process = self._processes.get(pid)
        try:
            if process is None:
                raise psutil.NoSuchProcess(pid)
            with process.oneshot():
                state = self._state_name(process.status())
                cpu = format_percent(process.cpu_percent(None)) if with_cpu else UNKNOWN
                memory = format_size(process.memory_info().rss)
        except psutil.ZombieProcess:
            state, cpu, memory = self.tr("zombie"), UNKNOWN, UNKNOWN
        except psutil.NoSuchProcess:
            state, cpu, memory = self.tr("exited"), UNKNOWN, UNKNOWN
        except psutil.AccessDenied:
            state, cpu, memory = UNKNOWN, UNKNOWN, UNKNOWN
        self._set(row, STATE, state, tip="")
        self._set(row, CPU, cpu, _NUMERIC, tip="")
        self._set(row, MEMORY, memory, _NUMERIC, tip="")

    def _state_name(self, status: str) -> str:
        """psutil's status in the words `top` users know, folded to five states."""
        if status == psutil.STATUS_RUNNING:
            return self.tr("running")
        if status in (psutil.STATUS_SLEEPING, psutil.STATUS_IDLE):
            return self.tr("sleeping")
        if status == psutil.STATUS_DISK_SLEEP:
            return self.tr("disk wait")
        if status in (psutil.STATUS_STOPPED, psutil.STATUS_TRACING_STOP):
            return self.tr("stopped")
        if status == psutil.STATUS_ZOMBIE:
            return self.tr("zombie")
        if status == psutil.STATUS_DEAD:
            return self.tr("exited")
        return status

    def _set(
        self,
        row: int,
        column: int,
        text: str,
        align: Qt.AlignmentFlag | None = None,
        *,
        tip: str | None = None,
    ) -> None:
        """Reuse the cell's item: a refresh then costs no allocations and keeps selection.

        A row can pass from a remote worker to a local one, so a given `tip` always replaces
        the old one ("" removes it); None leaves it as it is.
        """
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
