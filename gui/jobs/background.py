"""Blocking calls made for the jobs sidebar, run on a thread pool of their own so the
window never waits on them: a job's socket that takes seconds to answer, the history's
SQLite file, the `crontab` command.

Each call runs on a pool thread; its result, or the exception it raised, comes back to the
UI thread by one queued signal, and only there is the caller's callback run. The signal's
sender is a parentless carrier that outlives the `Background` it serves, so a call still out
when the sidebar is deleted lands nowhere instead of on a deleted object.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")

POOL_THREADS = 4
"""Enough for each kind of reading (jobs, history, schedule) and an action at once."""


@functools.cache
def _threads() -> QThreadPool:
    """The sidebar's own pool: its calls can each take seconds (a job that does not answer
    takes the registry's 5 s timeout, a busy history up to 10 s), and in the app's global
    pool they would hold up, or be held up by, the status bar's disk readings."""
    pool = QThreadPool()
    pool.setMaxThreadCount(POOL_THREADS)
    return pool


class _Carrier(QObject):
    """Lives on the UI thread, so what a pool thread emits through it arrives queued."""

    landed = Signal(int, object, object)
    """The call's ticket, its result, and the exception it raised (None when it returned)."""


class _Call(QRunnable):
    def __init__(self, ticket: int, work: Callable[[], object], carrier: _Carrier) -> None:
        super().__init__()
        self._ticket = ticket
        self._work = work
        self._carrier = carrier

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure goes back as data: a pool thread cannot tell
            self._carrier.landed.emit(self._ticket, None, exc)
            return
        self._carrier.landed.emit(self._ticket, result, None)


class Background(QObject):
    """Runs `work` on the pool; `done(result)` or `failed(exception)` on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._carrier = _Carrier()
        self._carrier.landed.connect(self._land)
        self._waiting: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._tickets = itertools.count()

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
    ) -> None:
        ticket = next(self._tickets)
        self._waiting[ticket] = (done, failed)
        _threads().start(_Call(ticket, work, self._carrier))

    def _land(self, ticket: int, result: object, error: Exception | None) -> None:
        done, failed = self._waiting.pop(ticket)
        if error is None:
            done(result)
        else:
            failed(error)
