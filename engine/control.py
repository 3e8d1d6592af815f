"""Pause and cancel shared between the coordinator and its workers without a round trip.

One byte of shared memory holds the state; workers read it between chunks, so pausing takes
effect within one chunk and costs them no CPU while paused (they sleep between looks).
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
