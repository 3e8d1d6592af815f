"""The one place where engine events become Qt signals on the UI thread.

The engine calls `on_event` on its coordinating thread, up to thousands of times a second.
That thread only appends to a deque (appends are atomic; no Qt object is touched off the
UI thread). A timer on the bridge's own thread drains the deque every 100 ms within a
time budget, leaving the rest for the next tick (as Picard does), and emits coalesced
signals: only the latest Progress and WorkerStatus, failures and log messages in one list.
So a job of 100,000 tiny files costs the window ten small updates a second, and events
that arrive before anything is connected wait in the deque instead of being lost.

Signals, all emitted on the bridge's thread, in this order within a job:
    started(JobStarted)      once, first
    progress(Progress)       the latest totals, at most once per tick; the last is complete
    workers(WorkerStatus)    the pool, when it changed
    problems(list)           every failed FileEvent and every LogMessage since the last tick
    files(list)              the FileEvents `start`'s `keep` chose since the last tick (none
                             without a `keep`), e.g. what a dry run would delete
    finished(Summary)        once, last, after everything above is flushed
    error(str)               instead of finished, when the job could not run (EngineError)
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

import engine
from engine import (
    EngineError,
    Event,
    FileEvent,
    Job,
    JobFinished,
    JobHandle,
    JobStarted,
    LogMessage,
    Progress,
    Status,
    WorkerStatus,
)

TICK_MS = 100
BUDGET_S = 0.03
"""How long one tick may spend draining, so a burst of events never freezes the window."""


class EngineBridge(QObject):
    """Runs one job at a time and reports it through signals; see the module docstring."""

    started = Signal(object)
    progress = Signal(object)
    workers = Signal(object)
    problems = Signal(list)
    files = Signal(list)
    finished = Signal(object)
    error = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events: deque[Event] = deque()
        self._handle: JobHandle | None = None
        self._keep: Callable[[FileEvent], bool] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        """True from `start` until `finished` or `error` has been emitted."""
        return self._handle is not None

    def start(self, job: Job, keep: Callable[[FileEvent], bool] | None = None) -> None:
        """Start `job`; raises JobError at once, emitting nothing, when the job is invalid.

        `keep`, if given, chooses the file events `files` carries; it is called on the
        bridge's thread, never on the engine's."""
        if self._handle is not None:
            raise RuntimeError("a job is already running; wait for it to finish first")
        self._events.clear()
        self._keep = keep
        self._handle = engine.start(job, on_event=self._enqueue)
        self._timer.start()

    def pause(self) -> None:
        if self._handle is not None:
            self._handle.pause()

    def resume(self) -> None:
        if self._handle is not None:
            self._handle.resume()

    def cancel(self) -> None:
        """Ask the job to stop; `finished` follows with `summary.cancelled` set."""
        if self._handle is not None:
            self._handle.cancel()

    def set_workers(self, n: int) -> None:
        if self._handle is not None:
            self._handle.set_workers(n)

    def set_bwlimit(self, bytes_per_s: int | None) -> None:
        """Change the running job's speed limit per worker (None: none); JobError for a rate
        no job may have. Returns at once: the job's own thread applies it."""
        if self._handle is not None:
            self._handle.set_bwlimit(bytes_per_s)

    def shutdown(self, timeout_s: float = 10.0) -> None:
        """Cancel the job and wait up to `timeout_s` for it to end, for app exit.

        Blocks the calling thread, and emits nothing more: the window is going away.
        """
        handle, self._handle = self._handle, None
        self._timer.stop()
        self._events.clear()
        if handle is None:
            return
        handle.cancel()
        try:
            handle.wait(timeout_s)
        except (EngineError, TimeoutError):
            return

    def _enqueue(self, event: Event) -> None:
        """Called on the engine's thread: must not touch any Qt object."""
        self._events.append(event)

    def _tick(self) -> None:
        handle = self._handle
        if handle is None:
            self._timer.stop()
            return
        # Read before draining: once the job thread has ended, every event is in the deque.
        ended = not handle.running
        latest_progress: Progress | None = None
        latest_workers: WorkerStatus | None = None
        problems: list[FileEvent | LogMessage] = []
        kept: list[FileEvent] = []
        keep = self._keep
        outcome: JobFinished | None = None
        deadline = time.monotonic() + BUDGET_S
        while self._events and time.monotonic() < deadline:
            event = self._events.popleft()
            if isinstance(event, Progress):
                latest_progress = event
            elif isinstance(event, WorkerStatus):
                latest_workers = event
            elif isinstance(event, FileEvent):
                if event.status is Status.FAILED:
                    problems.append(event)
                if keep is not None and keep(event):
                    kept.append(event)
            elif isinstance(event, LogMessage):
                problems.append(event)
            elif isinstance(event, JobStarted):
                self.started.emit(event)
            elif isinstance(event, JobFinished):
                outcome = event
                break
        failure: str | None = None
        if outcome is None and ended and not self._events:
            try:
                outcome = JobFinished(handle.wait(0))
            except EngineError as exc:
                failure = str(exc)
        if outcome is not None or failure is not None:
            # Not running any more by the time listeners hear of the end, so a slot
            # connected to `finished` may start the next job straight away.
            self._handle = None
            self._timer.stop()
        if latest_progress is not None:
            self.progress.emit(latest_progress)
        if latest_workers is not None:
            self.workers.emit(latest_workers)
        if problems:
            self.problems.emit(problems)
        if kept:
            self.files.emit(kept)
        if outcome is not None:
            self.finished.emit(outcome.summary)
        elif failure is not None:
            self.error.emit(failure)
