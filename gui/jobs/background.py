"""Blocking calls made for the jobs sidebar, run on a thread pool of their own so the
window never waits on them: a job's socket that takes seconds to answer, the history's
SQLite file, the `crontab` command.

Each call runs on a plain Python pool thread (no Qt object is made, owned or freed there);
its result, or the exception it raised, comes back to the UI thread by one queued signal of
a carrier that lives as long as the app, and only there is the caller's callback run: a call
still out when its sidebar is deleted lands nowhere instead of on a deleted object.
"""

from __future__ import annotations

import concurrent.futures
import functools
import itertools
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal

T = TypeVar("T")

POOL_THREADS = 4
"""Enough for each kind of reading (jobs, history, schedule) and an action at once."""


@functools.cache
def _threads() -> concurrent.futures.ThreadPoolExecutor:
    """The sidebar's own pool: its calls can each take seconds (a job that does not answer
    takes the registry's 5 s timeout, a busy history up to 10 s), and in the app's global
    pool they would hold up, or be held up by, the status bar's disk readings."""
    return concurrent.futures.ThreadPoolExecutor(POOL_THREADS, thread_name_prefix="conveyor-jobs")


class _Carrier(QObject):
    """Lives on the UI thread for the app's life, so what a pool thread emits through it
    arrives queued, and it is never freed by a pool thread."""

    landed = Signal(int, object, object)
    """The call's ticket, its result, and the exception it raised (None when it returned)."""


@functools.cache
def _carrier() -> _Carrier:
    """The one carrier, made on first use (on the UI thread: a Background is made there)."""
    carrier = _Carrier()
    carrier.landed.connect(_land)
    return carrier


_waiting: dict[int, tuple[Background, Callable[[Any], None], Callable[[Exception], None]]] = {}
"""The calls out, by ticket: touched on the UI thread only."""
_tickets = itertools.count()


def _land(ticket: int, result: object, error: Exception | None) -> None:
    background, done, failed = _waiting.pop(ticket)
    if not shiboken6.isValid(background):
        return  # its sidebar is gone
    if error is None:
        done(result)
    else:
        failed(error)


def _call(ticket: int, work: Callable[[], object], carrier: _Carrier) -> None:
    try:
        result = work()
    except Exception as exc:  # every failure goes back as data: a pool thread cannot tell
        carrier.landed.emit(ticket, None, exc)
        return
    carrier.landed.emit(ticket, result, None)


class Background(QObject):
    """Runs `work` on the pool; `done(result)` or `failed(exception)` on the UI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        _carrier()

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[Exception], None],
    ) -> None:
        ticket = next(_tickets)
        _waiting[ticket] = (self, done, failed)
        _threads().submit(_call, ticket, work, _carrier())
