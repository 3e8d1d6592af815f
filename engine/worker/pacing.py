"""The pace of a worker's copying: pause and cancel, the bandwidth limit, progress reports.

Everything that moves bytes calls the `Pacer` between chunks, so one object decides how
soon a pause or cancel takes effect, how fast bytes may go, and how often the coordinator
hears about a file in progress.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from engine.control import Control

KERNEL_CHUNK = 8 << 20
"""Kernel copies go in steps this size so pause, cancel and progress stay responsive."""
HEARTBEAT_S = 1.0
"""Longest silence of a worker that is waiting on a command, as `Pacer.tick` keeps it."""


class Pacer:
    """Called between chunks: honours pause/cancel, the bandwidth limit and progress reports."""

    def __init__(
        self,
        control: Control,
        bwlimit: int,
        report: Callable[[int], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._control = control
        self._bwlimit = bwlimit
        self._report = report
        self._clock = clock
        self._start = clock()
        self._sent = 0
        self._file_bytes = 0
        self._last_report = self._start

    def begin_file(self) -> None:
        """Start counting a new file; an idle spell earns no burst above the limit."""
        self._file_bytes = 0
        if self._bwlimit:
            now = self._clock()
            behind = (now - self._start) - self._sent / self._bwlimit
            if behind > 0.5:
                self._start = now - self._sent / self._bwlimit

    def advance(self, nbytes: int) -> None:
        self._control.checkpoint()
        self._sent += nbytes
        self._file_bytes += nbytes
        now = self._clock()
        if self._bwlimit:
            ahead = self._sent / self._bwlimit - (now - self._start)
            if ahead > 0:
                self._sleep(ahead)
                now = self._clock()
        if now - self._last_report >= 0.1:
            self._last_report = now
            self._report(self._file_bytes)

    def skip(self, nbytes: int) -> None:
        """Count bytes of the file that move no data (a hole of a sparse file) as done,
        without charging them to the bandwidth limit."""
        self._control.checkpoint()
        self._file_bytes += nbytes
        now = self._clock()
        if now - self._last_report >= 0.1:
            self._last_report = now
            self._report(self._file_bytes)

    def tick(self) -> None:
        """Called while waiting on something slow (a command a stage runs): honours pause
        and cancel, and tells the coordinator about once a second that the worker is alive,
        so only a worker that is truly stuck looks stuck."""
        self._control.checkpoint()
        now = self._clock()
        if now - self._last_report >= HEARTBEAT_S:
            self._last_report = now
            self._report(self._file_bytes)

    def _sleep(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self._control.checkpoint()
            time.sleep(min(left, 0.1))

    def step(self) -> int:
        """How many bytes to move before the next call: small under a tight bandwidth limit."""
        if self._bwlimit:
            return max(4096, min(KERNEL_CHUNK, self._bwlimit // 10))
        return KERNEL_CHUNK
