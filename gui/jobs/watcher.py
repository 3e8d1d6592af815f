"""Follow a job running elsewhere (the CLI, cron, another app) as the bridge follows the
app's own: its events, streamed over its socket (`engine.registry.watch`), become the same
Qt signals `EngineBridge` emits, so the window's run view can show either.

The stream is read on a thread of its own (it blocks until the job says something, for
as long as the job runs), never on the UI thread. That thread coalesces as it reads: only
the latest Progress and WorkerStatus are kept, and what it has gathered goes to the UI thread
in one queued signal at most every `FLUSH_S` (the job sends progress ten times a second,
paused or not), and at once for a start, a log message or the end. So a job of 100,000
tiny files costs the window a few small updates a second.

Signals, on the UI thread, in this order within a job (as `gui/bridge.py`'s):
    started(JobStarted)      first, if the job has started
    progress(Progress)       the latest totals
    workers(WorkerStatus)    the pool, when it changed
    problems(list)           failed FileEvents and LogMessages since the last
    finished(Summary)        once, last, when the job ends
    error(str)               instead of finished: the watch was turned away or lost
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import QObject, Signal

from engine import (
    Event,
    FileEvent,
    JobFinished,
    JobStarted,
    LogMessage,
    Progress,
    Status,
    WorkerStatus,
    registry,
)
from engine.events import from_json
from engine.registry import Entry

FLUSH_S = 0.1
"""The longest the reading thread holds events before handing them over."""


class _Carrier(QObject):
    """Lives on the UI thread, so the reading thread's emits arrive queued. Parentless: the
    thread may still hold it after its watcher is gone."""

    batch = Signal(list)
    lost = Signal(str)


class JobWatcher(QObject):
    """Follows one registered job from `start` until it ends or `stop`; see the module
    docstring."""

    started = Signal(object)
    progress = Signal(object)
    workers = Signal(object)
    problems = Signal(list)
    finished = Signal(object)
    error = Signal(str)

    def __init__(self, entry: Entry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entry = entry
        self._stop = threading.Event()
        self._carrier = _Carrier()
        self._carrier.batch.connect(self._deliver)
        self._carrier.lost.connect(self._lost)
        self._thread: threading.Thread | None = None
        self._watching: list[registry.Watching] = []
        """The open watch, once the reading thread has it (for `stop` to close)."""

    def start(self) -> None:
        if self._thread is not None:
            return
        # A daemon thread, not the pool: it lasts as long as the job, and must not hold up
        # the app's exit.
        self._thread = threading.Thread(
            target=_follow,
            args=(self.entry, self._carrier, self._stop, self._watching),
            name="conveyor-watch",
            daemon=True,
        )
        self._thread.start()

    def stop(self) -> None:
        """Emit nothing more; the reading thread leaves at once (its watch is closed)."""
        if self._stop.is_set():
            return
        self._stop.set()
        for watching in self._watching:
            watching.close()
        self._carrier.batch.disconnect(self._deliver)
        self._carrier.lost.disconnect(self._lost)

    def _deliver(self, events: list[Event]) -> None:
        latest_progress: Progress | None = None
        latest_workers: WorkerStatus | None = None
        problems: list[FileEvent | LogMessage] = []
        outcome: JobFinished | None = None
        for event in events:
            if isinstance(event, JobStarted):
                self.started.emit(event)
            elif isinstance(event, Progress):
                latest_progress = event
            elif isinstance(event, WorkerStatus):
                latest_workers = event
            elif isinstance(event, LogMessage) or (
                isinstance(event, FileEvent) and event.status is Status.FAILED
            ):
                problems.append(event)
            elif isinstance(event, JobFinished):
                outcome = event
        if latest_progress is not None:
            self.progress.emit(latest_progress)
        if latest_workers is not None:
            self.workers.emit(latest_workers)
        if problems:
            self.problems.emit(problems)
        if outcome is not None:
            self.finished.emit(outcome.summary)

    def _lost(self, reason: str) -> None:
        self.error.emit(self.tr("Lost the job: {reason}").format(reason=reason))


def _follow(
    entry: Entry, carrier: _Carrier, stop: threading.Event, held: list[registry.Watching]
) -> None:
    """The reading thread: touches no Qt object but the carrier, and only to emit. The watch
    it opens goes into `held`, for `JobWatcher.stop` to close."""
    try:
        watching = registry.Watching(entry)
    except OSError as exc:
        if not stop.is_set():
            carrier.lost.emit(str(exc))
        return
    held.append(watching)
    try:
        if stop.is_set():  # stopped while connecting
            return
        gathered: list[Event] = []
        last = time.monotonic()
        for body in watching:
            if stop.is_set():
                return
            if "error" in body:
                carrier.lost.emit(str(body["error"]))
                return
            event = from_json(body)
            gathered = _coalesced(gathered, event)
            now = time.monotonic()
            urgent = isinstance(event, JobStarted | LogMessage | JobFinished)
            if urgent or now - last >= FLUSH_S:
                carrier.batch.emit(gathered)
                gathered, last = [], now
            if isinstance(event, JobFinished):
                return
        if not stop.is_set():
            carrier.lost.emit("it ended without a summary ('engine history' shows how)")
    except ValueError as exc:
        if not stop.is_set():
            carrier.lost.emit(str(exc))
    finally:
        watching.close()


def _coalesced(gathered: list[Event], event: Event) -> list[Event]:
    """`gathered` with `event` added, keeping only the latest Progress and pool: the window
    shows the last of each, and a burst of them must not cost the UI thread."""
    if isinstance(event, Progress | WorkerStatus):
        gathered = [held for held in gathered if type(held) is not type(event)]
    gathered.append(event)
    return gathered
