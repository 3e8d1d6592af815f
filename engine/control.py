"""Pause, cancel and the speed limit, shared between the coordinator and its workers
without a round trip.

One byte of shared memory holds the state and one integer the speed limit of each worker;
workers read both between chunks, so pausing or a new limit takes effect within one chunk,
and pausing costs them no CPU (they sleep between looks).
"""

from __future__ import annotations

import time
from multiprocessing.context import BaseContext
from typing import Any

RUNNING, PAUSED, CANCELLED = 0, 1, 2
PAUSE_POLL_S = 0.1


class Cancelled(Exception):
    """Raised inside a worker when the job is cancelled in the middle of a file."""


class Control:
    def __init__(self, ctx: BaseContext) -> None:
        self._state: Any = ctx.RawValue("b", RUNNING)
        self._bwlimit: Any = ctx.RawValue("q", 0)

    @property
    def bwlimit(self) -> int:
        """Bytes per second each worker may move; 0 for no limit."""
        return int(self._bwlimit.value)

    def set_bwlimit(self, rate: int) -> None:
        self._bwlimit.value = rate

    @property
    def state(self) -> int:
        return int(self._state.value)

    def pause(self) -> None:
        if self.state == RUNNING:
            self._state.value = PAUSED

    def resume(self) -> None:
        if self.state == PAUSED:
            self._state.value = RUNNING

    def cancel(self) -> None:
        self._state.value = CANCELLED

    @property
    def cancelled(self) -> bool:
        return self.state == CANCELLED

    def checkpoint(self) -> None:
        """Block while paused; raise Cancelled once the job is cancelled."""
        while (state := self.state) == PAUSED:
            time.sleep(PAUSE_POLL_S)
        if state == CANCELLED:
            raise Cancelled
