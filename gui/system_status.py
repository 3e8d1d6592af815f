"""What the status bar says about the machine: free space on the disk the target folder is
on (or would be created on), and the load average.

Both are read on a pool thread, never on the UI thread: asking a dead network mount how
much room it has can hang for minutes. One reading at a time: a tick while the last one is
still out is skipped, so a hung disk costs one pool thread, not one per tick. The reading
comes back by a queued signal, with the path it was made for, so a reading of a target the
user has since changed is dropped.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

EVERY_MS = 5000


@dataclass(frozen=True)
class Reading:
    """One look at the machine. `free_bytes` is None when the path's disk could not be
    read (no folder of it exists, or it refused); `load` None where there is no load
    average (Windows)."""

    path: str
    free_bytes: int | None
    load: float | None


def read(path: str) -> Reading:
    """Free space for `path`'s disk (found through its nearest existing folder) and the
    one-minute load average. Blocks as long as the disk does."""
    free: int | None = None
    if path:
        folder = Path(path).absolute()
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        try:
            free = shutil.disk_usage(folder).free
        except OSError:
            free = None
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return Reading(path, free, load)


class _Carrier(QObject):
    """Brings a reading from the pool thread; as it lives on the UI thread, its emits from
    there arrive queued."""

    read = Signal(object)


class _ReadTask(QRunnable):
    def __init__(self, path: str, carrier: _Carrier) -> None:
        super().__init__()
        self._path = path
        self._carrier = carrier

    def run(self) -> None:
        self._carrier.read.emit(read(self._path))


class SystemStatus(QObject):
    """Emits `sampled(Reading)` every few seconds, and soon after `path_of` changes
    (`refresh`). `path_of` gives the folder whose disk matters, read on the UI thread."""

    sampled = Signal(object)

    def __init__(self, path_of: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._path_of = path_of
        self._pending = False
        # No parent: a reading still out when the window goes must find its carrier alive.
        self._carrier = _Carrier()
        self._carrier.read.connect(self._arrived)
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(self.refresh)

    def start(self) -> None:
        self._timer.start()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        """Read now, unless a reading is still out."""
        if self._pending:
            return
        self._pending = True
        QThreadPool.globalInstance().start(_ReadTask(self._path_of(), self._carrier))

    def _arrived(self, reading: Reading) -> None:
        self._pending = False
        if reading.path == self._path_of():
            self.sampled.emit(reading)
        else:
            self.refresh()
