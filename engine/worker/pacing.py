"""The pace of a worker's copying: pause and cancel, the bandwidth limit, progress reports.

Everything that moves bytes calls the `Pacer` between chunks, so one object decides how
soon a pause or cancel takes effect, how fast bytes may go, and how often the coordinator
hears about a file in progress.

The limit is read from the job's `Control` at every chunk, where the coordinator may change
it while the job runs: a new limit starts a fresh account (no debt or credit carried over
from the old one), and a worker waiting out the old limit looks again every tenth of a
second, so a raised or lifted limit ends its wait at once.
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
        report: Callable[[int], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._control = control
        self._bwlimit = control.bwlimit
        """The limit `_start` and `_sent` account for."""
        self._report = report
        self._clock = clock
        self._start = clock()
        self._sent = 0
        self._file_bytes = 0
        self._last_report = self._start

    def begin_file(self) -> None:
        """Start counting a new file; an idle spell earns no burst above the limit."""
        self._file_bytes = 0
        if rate := self._limit():
            now = self._clock()
            behind = (now - self._start) - self._sent / rate
            if behind > 0.5:
                self._start = now - self._sent / rate

    def advance(self, nbytes: int) -> None:
        self._control.checkpoint()
        self._sent += nbytes
        self._file_bytes += nbytes
        self._keep_to_limit()
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

    def _limit(self) -> int:
        """The job's limit now; when it changed, the account starts afresh from now."""
        rate = self._control.bwlimit
        if rate != self._bwlimit:
            self._bwlimit, self._start, self._sent = rate, self._clock(), 0
        return rate

    def _keep_to_limit(self) -> None:
        """Sleep while the bytes sent are ahead of the limit, looking at pause, cancel and the
        limit itself at least every tenth of a second."""
        while rate := self._limit():
            ahead = self._sent / rate - (self._clock() - self._start)
            if ahead <= 0:
                return
            time.sleep(min(ahead, 0.1))
            self._control.checkpoint()

    def step(self) -> int:
        """How many bytes to move before the next call: small under a tight bandwidth limit."""
        if rate := self._limit():
            return max(4096, min(KERNEL_CHUNK, rate // 10))
        return KERNEL_CHUNK
